/**
 * Text made piece by piece when it is written: a table of 10^6 rows is ~0.1 GB of text, and its rows
 * as arrays several times that, so the largest outputs are produced while they are written instead of
 * being held whole (in memory only one chunk at a time).
 */
export interface TextChunks {
  /** Every call starts again from the beginning (each chunk ends at a line end). */
  chunks: () => Iterable<string>;
  /**
   * The same text as UTF-8, when it is made as bytes (the CSV tables): what the writer uses, so the
   * text is never a JS string. Each chunk is a view that the next one may overwrite: write it (or copy
   * it) before asking for the next.
   */
  bytes?: () => Iterable<Uint8Array>;
}

/** The content of a file that can be written now. */
export type ReadyContent = string | Uint8Array | TextChunks;

export function isTextChunks(content: unknown): content is TextChunks {
  return typeof content === 'object' && content !== null && 'chunks' in content;
}

/** The whole text of an output file's content (for small files and tests). */
export function contentText(content: ReadyContent): string {
  if (typeof content === 'string') return content;
  if (isTextChunks(content)) {
    let text = '';
    for (const chunk of content.chunks()) text += chunk;
    return text;
  }
  return new TextDecoder().decode(content);
}
