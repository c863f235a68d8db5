import { textWidth, type FontWidths } from './fontMetrics.ts';

/**
 * Words → lines no wider than `maxWidth` pixels at `fontSize`, measured with the font's own advance
 * widths (not by counting characters). Breaks at ordinary spaces only, so a no-break space keeps
 * "(n = 13)" together; a word wider than `maxWidth` gets a line of its own rather than being cut.
 */
export function wrapText(widths: FontWidths, text: string, fontSize: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    const longer = line ? `${line} ${word}` : word;
    if (line && textWidth(widths, longer, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = longer;
  }
  if (line) lines.push(line);
  return lines;
}
