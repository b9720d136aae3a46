import { createInterface } from 'node:readline';

/** Yields the non-blank lines of a stream, NFC, in order. */
export async function* readLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.normalize('NFC').trim();
    if (text) yield text;
  }
}
