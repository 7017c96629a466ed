export interface Row {
  figure: string;
  ours: string;
  /** The baseline's figure for ingest, the naive answer's for reads. */
  other: string;
  ratio: string;
  target: string;
  /** Empty for a figure that is only reported. */
  verdict: 'pass' | 'FAIL' | '';
  /** A correctness check (lost rows, unequal answers, a crashed server) rather than a speed target. */
  correctness: boolean;
}

const header: Row = {
  figure: 'figure',
  ours: 'ours',
  other: 'baseline/naive',
  ratio: 'ratio',
  target: 'target',
  verdict: 'pass',
  correctness: false,
};
const columns = ['figure', 'ours', 'other', 'ratio', 'target'] as const;

const verdictText = (row: Row) =>
  row === header ? 'pass/fail' : row.verdict === 'FAIL' && row.correctness ? 'FAIL (wrong)' : row.verdict;

/** The results as one plain-text table: every column as wide as its widest cell. */
export function formatTable(rows: Row[]): string {
  const all = [header, ...rows];
  const widths = columns.map((column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row: Row) =>
    [...columns.map((column, i) => row[column].padEnd(widths[i] ?? 0)), verdictText(row)]
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width + 2, 0) + 'pass/fail'.length);
  return [line(header), rule, ...rows.map(line)].join('\n');
}
