import { downloadCsv } from '../lib/csv';

interface CsvButtonProps {
  /** Builds the file from what is on screen; absent while there is nothing to export. */
  build: (() => { fileName: string; csv: string }) | undefined;
  label: string;
}

export function CsvButton({ build, label }: CsvButtonProps) {
  return (
    <button
      type="button"
      className="button button-small"
      disabled={!build}
      aria-label={`Export ${label} as CSV`}
      onClick={() => {
        if (!build) return;
        const { fileName, csv } = build();
        downloadCsv(fileName, csv);
      }}
    >
      CSV
    </button>
  );
}
