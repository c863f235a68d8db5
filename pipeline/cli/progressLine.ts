/** Where a progress line goes: a terminal (rewritten in place) or a log (one line per step). */
export interface ProgressTerminal {
  /** A terminal shows `\r` as "back to the start of the line"; a pipe or CI log does not. */
  isTTY: boolean;
  /** Width of the terminal; a longer line would wrap and `\r` would no longer reach its start. */
  columns?: number;
  write(text: string): void;
}

export interface ProgressLine {
  /** Shows `text` as the run's current step (once the run has taken longer than the delay). */
  update(text: string): void;
  /** Removes the line from a terminal, so the summary that follows starts on a clean line. */
  clear(): void;
}

/** Runs shorter than this print no progress at all: the summary follows before anyone waits. */
export const PROGRESS_DELAY_MS = 1000;

/**
 * A progress line that appears only once a run has lasted `delayMs`. On a terminal it is rewritten in
 * place with `\r` and padded with spaces over the previous text (no escape codes), and cleared at the
 * end; elsewhere (a pipe, a CI log) each step is one plain line and nothing is cleared.
 */
export function progressLine(
  terminal: ProgressTerminal,
  { delayMs = PROGRESS_DELAY_MS, now = () => performance.now() } = {},
): ProgressLine {
  const start = now();
  let shownWidth = 0;
  let lastText = '';
  return {
    update(text) {
      if (now() - start < delayMs || text === lastText) return;
      lastText = text;
      if (!terminal.isTTY) {
        terminal.write(`${text}\n`);
        return;
      }
      // 0 or unknown (some pseudo-terminals report no size): assume the classic 80 columns.
      const width = (terminal.columns || 80) - 1;
      const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
      terminal.write(`\r${line.padEnd(shownWidth)}`);
      shownWidth = line.length;
    },
    clear() {
      if (terminal.isTTY && shownWidth > 0) terminal.write(`\r${' '.repeat(shownWidth)}\r`);
      shownWidth = 0;
      lastText = '';
    },
  };
}

/** `adrenal-lms: normalize, 1,000,000 rows read…` */
export function progressText(step: { cohort: string; stage: string; rows: number | null }): string {
  const rows = step.rows === null ? '' : `, ${step.rows.toLocaleString('en-US')} rows read`;
  return `${step.cohort}: ${step.stage}${rows}…`;
}
