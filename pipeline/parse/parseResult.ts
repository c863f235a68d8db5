/** What every cell parser returns: a value, or a sentence saying why the text is not one. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const rejected = <T>(message: string): ParseResult<T> => ({ ok: false, message });
