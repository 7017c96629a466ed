/** How a rejected value is quoted back: messages follow the field name, `session_id: must be a UUID, got "abc"`. */
export const shown = (input: unknown) => (input === undefined ? 'nothing' : JSON.stringify(input));
