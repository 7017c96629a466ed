/** PostgreSQL text cannot hold U+0000: such input is refused as invalid instead of failing the insert. */
export const hasNoNul = (value: string) => !value.includes('\u0000');

export const noNulMessage = 'must not contain NUL (U+0000) characters';
