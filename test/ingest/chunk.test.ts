import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/core/types.js';
import { chunkArticle } from '../../src/ingest/chunk.js';
import { loadArticles } from '../../src/ingest/load-articles.js';
import { splitSentences } from '../../src/ingest/split-sentences.js';

const dataFolder = fileURLToPath(new URL('../../data/articles/', import.meta.url));

/** Numbered sentences of about 60 characters each, one paragraph per three sentences. */
function sampleText(count: number): string {
  const parts: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    parts.push(`Câu số ${index} nói về Đảng bộ phường và 2.883 đảng viên.`);
    parts.push(index % 3 === 0 ? '\n' : ' ');
  }
  return parts.join('').trim();
}

describe('chunkArticle', () => {
  it('gives each chunk the slice of the text it points to, with ids and ordinals from 0', () => {
    const article = { id: 'phuong-x', text: sampleText(30) };
    const chunks = chunkArticle(article, { maxChars: 300 });
    expect(chunks.length).toBeGreaterThan(3);
    chunks.forEach((chunk, ordinal) => {
      expect(chunk).toMatchObject({ id: `phuong-x#${ordinal}`, articleId: 'phuong-x', ordinal });
      expect(chunk.text).toBe(article.text.slice(chunk.start, chunk.end));
      expect(chunk.text.length).toBeLessThanOrEqual(300);
      expect(chunk.text).toBe(chunk.text.trim());
    });
  });

  it('cuts only between sentences, never inside one', () => {
    const text = sampleText(30);
    const boundaries = new Set(splitSentences(text).flatMap((span) => [span.start, span.end]));
    for (const chunk of chunkArticle({ id: 'a', text }, { maxChars: 250 })) {
      expect(boundaries.has(chunk.start)).toBe(true);
      expect(boundaries.has(chunk.end)).toBe(true);
    }
  });

  it('repeats the last sentence of a chunk at the start of the next by default', () => {
    const text = sampleText(20);
    const sentences = splitSentences(text);
    const chunks = chunkArticle({ id: 'a', text }, { maxChars: 250 });
    for (let index = 1; index < chunks.length; index += 1) {
      const previous = chunks[index - 1] as Chunk;
      const current = chunks[index] as Chunk;
      const lastOfPrevious = sentences.filter((span) => span.end <= previous.end).at(-1);
      expect(current.start).toBe(lastOfPrevious?.start);
    }
  });

  it('shares no sentence between chunks when overlapSentences is 0, and more when it is larger', () => {
    const text = sampleText(20);
    const plain = chunkArticle({ id: 'a', text }, { maxChars: 250, overlapSentences: 0 });
    for (let index = 1; index < plain.length; index += 1) {
      expect((plain[index] as Chunk).start).toBeGreaterThan((plain[index - 1] as Chunk).end);
    }
    const sentences = splitSentences(text);
    const wide = chunkArticle({ id: 'a', text }, { maxChars: 250, overlapSentences: 2 });
    const second = wide[1] as Chunk;
    const shared = sentences.filter((span) => span.start >= second.start && span.end <= (wide[0] as Chunk).end);
    expect(shared).toHaveLength(2);
  });

  it('puts the whole text in one chunk when it fits', () => {
    const text = 'Câu một.\nCâu hai.';
    expect(chunkArticle({ id: 'a', text })).toEqual([{ id: 'a#0', articleId: 'a', ordinal: 0, start: 0, end: text.length, text }]);
  });

  it('returns no chunks for an empty text', () => {
    expect(chunkArticle({ id: 'a', text: '' })).toEqual([]);
  });

  it('keeps a sentence longer than maxChars whole in its own chunk, without overlap around it', () => {
    const long = `Dài ${'rất dài '.repeat(20)}hết.`;
    const text = `Câu ngắn đầu. ${long} Câu ngắn cuối.`;
    const chunks = chunkArticle({ id: 'a', text }, { maxChars: 100 });
    expect(chunks.map((chunk) => chunk.text)).toEqual(['Câu ngắn đầu.', long, 'Câu ngắn cuối.']);
  });

  it('cuts a sentence longer than twice maxChars at word boundaries', () => {
    const words = Array.from({ length: 80 }, (_, index) => `từ${index}`);
    const text = `${words.join(' ')}.`;
    const chunks = chunkArticle({ id: 'a', text }, { maxChars: 100 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(100);
      expect(chunk.text).toBe(text.slice(chunk.start, chunk.end));
      expect(chunk.text).toBe(chunk.text.trim());
    }
    expect(chunks.map((chunk) => chunk.text).join(' ')).toBe(text);
  });

  it('does not split a number or a caption-glued sentence across chunks', () => {
    const text = 'Đại biểu dự Đại hội.Phường An Hải có 2.883 đảng viên. Thu ngân sách đạt 21,31 tỷ đồng.';
    const chunks = chunkArticle({ id: 'a', text }, { maxChars: 40, overlapSentences: 0 });
    expect(chunks.map((chunk) => chunk.text)).toEqual([
      'Đại biểu dự Đại hội.',
      'Phường An Hải có 2.883 đảng viên.',
      'Thu ngân sách đạt 21,31 tỷ đồng.',
    ]);
  });

  it('rejects a maxChars below 1 or a negative overlap', () => {
    expect(() => chunkArticle({ id: 'a', text: 'Câu.' }, { maxChars: 0 })).toThrow(/maxChars/);
    expect(() => chunkArticle({ id: 'a', text: 'Câu.' }, { overlapSentences: -1 })).toThrow(/overlapSentences/);
  });

  it('chunks every sample article so that each chunk is its slice and every sentence is inside a chunk', async () => {
    const { articles } = await loadArticles(dataFolder);
    expect(articles).toHaveLength(9);
    for (const article of articles) {
      const chunks = chunkArticle(article);
      expect(chunks.length).toBeGreaterThan(0);
      for (const chunk of chunks) {
        expect(chunk.text).toBe(article.text.slice(chunk.start, chunk.end));
        expect(chunk.text.length).toBeLessThanOrEqual(700);
      }
      for (const sentence of splitSentences(article.text)) {
        expect(chunks.some((chunk) => chunk.start <= sentence.start && sentence.end <= chunk.end)).toBe(true);
      }
    }
  });
});
