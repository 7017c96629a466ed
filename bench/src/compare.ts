/**
 * Fields that differ between two correct answers asked moments apart: the resolved range ("30 days up to
 * now") and the realtime clock.
 */
const volatileKeys = new Set(['asOf', 'range', 'previousRange']);
const relativeTolerance = 1e-9;
const shownDifferences = 5;

function closeEnough(a: number, b: number): boolean {
  if (Number.isInteger(a) && Number.isInteger(b)) return a === b;
  return Math.abs(a - b) <= relativeTolerance * Math.max(Math.abs(a), Math.abs(b));
}

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

function walk(ours: unknown, naive: unknown, path: string, out: string[]): void {
  if (out.length >= shownDifferences) return;
  if (typeof ours === 'number' && typeof naive === 'number') {
    if (!closeEnough(ours, naive)) out.push(`${path}: ours ${ours}, naive ${naive}`);
    return;
  }
  if (Array.isArray(ours) && Array.isArray(naive)) {
    if (ours.length !== naive.length)
      out.push(`${path}: ours has ${ours.length} items, naive ${naive.length}`);
    for (let i = 0; i < Math.min(ours.length, naive.length); i++)
      walk(ours[i], naive[i], `${path}[${i}]`, out);
    return;
  }
  if (ours && naive && typeof ours === 'object' && typeof naive === 'object' && !Array.isArray(ours)) {
    const a = ours as Record<string, unknown>;
    const b = naive as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => !volatileKeys.has(key)));
    for (const key of keys) walk(a[key], b[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (!Object.is(ours, naive)) out.push(`${path || 'answer'}: ours ${shown(ours)}, naive ${shown(naive)}`);
}

/** The first few differences between two answers, after leaving out the volatile fields; empty when equal. */
export function differences(ours: unknown, naive: unknown): string[] {
  const out: string[] = [];
  walk(ours, naive, '', out);
  return out;
}
