/**
 * How large an input may be, in one place. The pipeline holds each table in memory several times
 * over, so the file size is a memory budget. Measured with Node's default heap (4.1 GB here) on
 * synthetic adrenal cohorts (`npm run synth`, `--no-png`, 2026-12-01): 124 MB (1,000,000 patients)
 * peaks at 3.0 GB; 167 MB at 3.9 GB in 61 s; 201 MB at 4.0 GB in 3 min 47 s, most of it garbage
 * collection at the edge of the heap; 322 MB aborts V8 ("heap out of memory"). The limit sits below
 * the edge. A streaming pipeline can raise it.
 */
export const INPUT_LIMITS = {
  /** Bytes of one CSV file. */
  tableBytes: 160 * 1024 * 1024,
  /** Bytes of cohort.json (the shipped ones are 20–40 kB). */
  configBytes: 4 * 1024 * 1024,
  /** Characters of one line of a CSV file (a 10 MB notes cell still fits). */
  lineChars: 16 * 1024 * 1024,
  /** Cells of the header row. */
  columns: 1000,
} as const;

/** 167772160 → "160 MB" (binary megabytes, as `ls -h` counts them). */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
