import { textWidth, type FontWidths } from '../drawing/fontMetrics.ts';

/**
 * Words → lines no wider than `maxWidth` pixels at `fontSize`, measured with the font's own advance
 * widths (not by counting characters). Breaks at ordinary spaces, so a no-break space keeps
 * "(n = 13)" together; a word wider than `maxWidth` is broken after a slash or hyphen in it
 * ("extramedullary/" "extradural") or a dot before a letter ("ClinicalTrials." "gov"), and one
 * without any gets a line of its own rather than being cut.
 */
export function wrapText(widths: FontWidths, text: string, fontSize: number, maxWidth: number): string[] {
  const fits = (s: string) => textWidth(widths, s, fontSize) <= maxWidth;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    const pieces = fits(word) ? [word] : word.split(/(?<=[/-])(?=.)|(?<=\.)(?=\p{L})/u);
    pieces.forEach((piece, k) => {
      // A piece of a broken word joins the one before it without a space.
      const longer = line ? `${line}${k === 0 ? ' ' : ''}${piece}` : piece;
      if (line && !fits(longer)) {
        lines.push(line);
        line = piece;
      } else line = longer;
    });
  }
  if (line) lines.push(line);
  return lines;
}
