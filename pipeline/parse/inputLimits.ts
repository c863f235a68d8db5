/**
 * How large an input may be, in one place. The pipeline holds each table in memory several times
 * over, so the file size is a memory budget: with Node's default heap (4 GB on this machine) a
 * 124 MB cases.csv (the benchmark's 1,000,000 patients) peaks at 3.0 GB, and a 322 MB one aborts
 * V8. A streaming pipeline can raise these.
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
