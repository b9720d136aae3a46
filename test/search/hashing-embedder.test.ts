import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';

function cosine(left: number[], right: number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  left.forEach((value, index) => {
    dot += value * right[index]!;
    leftNorm += value * value;
    rightNorm += right[index]! * right[index]!;
  });
  return dot / Math.sqrt(leftNorm * rightNorm);
}

describe('HashingEmbedder', () => {
  const embedder = new HashingEmbedder();

  it('returns the same unit-length vector for the same text every time', async () => {
    const [first] = await embedder.embedDocuments(['Bí thư Đảng ủy phường An Hải']);
    const again = await new HashingEmbedder().embedQuery('Bí thư Đảng ủy phường An Hải');
    expect(again).toEqual(first);
    expect(Math.hypot(...again)).toBeCloseTo(1, 6);
  });

  it('has the requested dimension and names it, so an index records which embedder built it', async () => {
    const small = new HashingEmbedder({ dimensions: 128 });
    expect(small.dimensions).toBe(128);
    expect(small.name).toMatch(/^hashing-v\d+-d128$/);
    expect(await small.embedQuery('dân số')).toHaveLength(128);
    expect(embedder.name).not.toBe(small.name);
  });

  it('rejects a dimension it cannot use', () => {
    expect(() => new HashingEmbedder({ dimensions: 0 })).toThrow(/dimensions/);
  });

  it('puts a query typed without diacritics close to the accented text', async () => {
    const [folded, accented, other] = await embedder.embedDocuments(['dan so', 'dân số', 'hồ sơ hành chính']);
    expect(cosine(folded!, accented!)).toBeGreaterThan(0.6);
    expect(cosine(folded!, other!)).toBeLessThan(0.3);
  });

  it('ignores where the tone mark sits: old-style "hoà" equals new-style "hòa"', async () => {
    expect(await embedder.embedQuery('phường Hoà Bình')).toEqual(await embedder.embedQuery('phường Hòa Bình'));
    expect(await embedder.embedQuery('Thuỷ Hà')).toEqual(await embedder.embedQuery('Thủy Hà'));
  });

  it('keeps different tones apart when diacritics are typed', async () => {
    const [exact, otherTone, folded] = await embedder.embedDocuments(['dân số', 'dần số', 'dan so']);
    const query = await embedder.embedQuery('dân số');
    expect(cosine(query, exact!)).toBeCloseTo(1, 6);
    expect(cosine(query, otherTone!)).toBeLessThan(cosine(query, exact!));
    expect(cosine(query, folded!)).toBeLessThan(cosine(query, exact!));
  });

  it('ranks the passage sharing the question words above unrelated ones', async () => {
    const passages = [
      'Đồng chí Nguyễn Văn A được bầu làm Bí thư Đảng ủy phường.',
      'Điểm tiếp nhận hồ sơ hành chính mở cửa từ thứ Hai đến thứ Sáu.',
      'Dự toán ngân sách năm 2025 được điều chỉnh tăng.',
    ];
    const vectors = await embedder.embedDocuments(passages);
    const query = await embedder.embedQuery('bi thu dang uy phuong la ai');
    const scores = vectors.map((vector) => cosine(query, vector));
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
  });

  it('embeds an empty text as a zero vector instead of failing', async () => {
    const vector = await embedder.embedQuery('');
    expect(vector.every((value) => value === 0)).toBe(true);
  });
});
