import { describe, expect, it } from 'vitest';
import type { Retriever } from '../../src/core/ports.js';

/**
 * The contract every retriever keeps, run against the vector, BM25 and hybrid implementations over the
 * test/fixtures/similar-wards corpus (two wards named Tân An in different cities, and xã Bình Minh).
 */
export function describeRetriever(name: string, make: () => Promise<Retriever>): void {
  describe(`${name} retriever contract`, () => {
    it('returns at most `limit` passages, best first, each quoting its article exactly', async () => {
      const retriever = await make();
      const passages = await retriever.retrieve('đảng viên đại biểu', 2);
      expect(passages.length).toBeGreaterThan(0);
      expect(passages.length).toBeLessThanOrEqual(2);
      for (let index = 1; index < passages.length; index++) {
        expect(passages[index - 1]!.score).toBeGreaterThanOrEqual(passages[index]!.score);
      }
      for (const passage of passages) expect(passage.chunk.articleId).toBe(passage.article.id);
    });

    it('keeps to the ward and city the query names', async () => {
      const retriever = await make();
      const passages = await retriever.retrieve('bí thư phường Tân An Cần Thơ', 5);
      expect(passages.length).toBeGreaterThan(0);
      expect(new Set(passages.map((passage) => passage.article.id))).toEqual(new Set(['phuong-tan-an-can-tho-2025']));
    });

    it('restricts to the given articles', async () => {
      const retriever = await make();
      const passages = await retriever.retrieve('dân số diện tích', 5, { articleIds: new Set(['xa-binh-minh-2025']) });
      expect(passages.every((passage) => passage.article.id === 'xa-binh-minh-2025')).toBe(true);
    });

    it('finds the passage when the query has no diacritics', async () => {
      const retriever = await make();
      const [first] = await retriever.retrieve('dan so xa binh minh', 3);
      expect(first?.article.id).toBe('xa-binh-minh-2025');
    });
  });
}
