/**
 * Text made piece by piece when it is written: a table of 10^6 rows is ~0.1 GB of text, and its rows
 * as arrays several times that, so the largest outputs are produced while they are written instead of
 * being held whole (in memory only one chunk at a time).
 */
export interface TextChunks {
  /** Every call starts again from the beginning (each chunk ends at a line end). */
  chunks: () => Iterable<string>;
}

export function isTextChunks(content: unknown): content is TextChunks {
  return typeof content === 'object' && content !== null && 'chunks' in content;
}

/** The whole text of an output file's content (for small files and tests). */
export function contentText(content: string | Uint8Array | TextChunks): string {
  if (typeof content === 'string') return content;
  if (isTextChunks(content)) {
    let text = '';
    for (const chunk of content.chunks()) text += chunk;
    return text;
  }
  return new TextDecoder().decode(content);
}
