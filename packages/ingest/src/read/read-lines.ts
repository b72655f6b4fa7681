import { createReadStream } from 'node:fs';

/** The complete lines of one chunk of a file, and the 1-based number of the first. */
export interface LineBatch {
  readonly lines: string[];
  readonly firstLine: number;
}

/**
 * Streams a text file as batches of lines with constant memory (one 1 MiB chunk at a time). A trailing
 * `\r` is removed and a UTF-8 BOM at the start is dropped.
 * @example for await (const { lines, firstLine } of readLineBatches('x.ndjson')) …
 */
export async function* readLineBatches(path: string): AsyncGenerator<LineBatch, void, undefined> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let next = 1;
  let first = true;
  for await (const chunk of stream) {
    if (typeof chunk !== 'string') continue;
    let text = rest + chunk;
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lines.push(text.slice(start, end));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (lines.length > 0) {
      yield { lines, firstLine: next };
      next += lines.length;
    }
  }
  if (rest.length > 0) yield { lines: [rest.endsWith('\r') ? rest.slice(0, -1) : rest], firstLine: next };
}
