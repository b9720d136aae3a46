import { describe, expect, it } from 'vitest';
import { chunkArticle } from '../../src/ingest/chunk.js';
import { utf8Offsets } from '../../src/search/utf8-offsets.js';

/** A long article of Vietnamese sentences (2–3 bytes per letter), an emoji now and then (4 bytes). */
function generatedArticle(sentences: number): string {
  const parts: string[] = [];
  for (let index = 0; index < sentences; index += 1) {
    parts.push(`Câu số ${index}: Ủy ban nhân dân phường đã tiếp nhận ${index * 7} hồ sơ${index % 17 === 0 ? ' 🏛️' : ''} trong tháng.`);
  }
  return parts.join(' ');
}

describe('utf8Offsets', () => {
  it('gives the byte offset of every chunk boundary as the UTF-8 encoding of the whole text has it', () => {
    const text = generatedArticle(400);
    const chunks = chunkArticle({ id: 'a', text });
    const offsets = utf8Offsets(text, chunks.flatMap((chunk) => [chunk.start, chunk.end]));
    const encoded = Buffer.from(text, 'utf8');
    for (const chunk of chunks) {
      expect(encoded.subarray(offsets.get(chunk.start)!, offsets.get(chunk.end)!).toString('utf8')).toBe(chunk.text);
    }
  });

  it('measures each character of a large article once, however many chunks it has (linear, not quadratic)', () => {
    const text = generatedArticle(60_000);
    const chunks = chunkArticle({ id: 'a', text });
    expect(chunks.length).toBeGreaterThan(5_000);
    let measured = 0;
    const offsets = utf8Offsets(
      text,
      chunks.flatMap((chunk) => [chunk.start, chunk.end]),
      (characters) => (measured += characters),
    );
    expect(measured).toBeLessThanOrEqual(text.length);
    const last = chunks[chunks.length - 1]!;
    expect(offsets.get(last.end)).toBe(Buffer.byteLength(text.slice(0, last.end), 'utf8'));
  });

  it('counts a surrogate pair as 4 bytes and a lone surrogate as the 3 bytes of U+FFFD', () => {
    const text = 'a😀b\uD800c';
    const offsets = utf8Offsets(text, [0, 1, 3, 4, 5, 6]);
    expect([...offsets.values()]).toEqual([0, 1, 5, 6, 9, 10]);
    expect(Buffer.byteLength(text, 'utf8')).toBe(10);
  });
});
