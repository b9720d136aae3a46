import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { MAX_RELATED, relatedPassages, withRelatedPassages } from '../../src/core/related-passages.js';
import { refusalMessage } from '../../src/core/messages.js';
import type { Answer, ArticleMeta, Passage, RefusalReason } from '../../src/core/types.js';

const HOA_XUAN: ArticleMeta = {
  id: 'phuong-hoa-xuan-mot-cua-2025',
  title: 'Phường Hòa Xuân mở thêm điểm tiếp nhận hồ sơ',
  url: 'https://example.org/hoa-xuan-mot-cua',
  published: '2025-10-02',
  place: 'phường Hòa Xuân, TP Đà Nẵng',
};
const HOA_XUAN_BUDGET: ArticleMeta = {
  id: 'phuong-hoa-xuan-ngan-sach-2025',
  title: 'HĐND phường Hòa Xuân điều chỉnh dự toán ngân sách',
  url: 'https://example.org/hoa-xuan-ngan-sach',
  published: '2025-09',
  place: 'phường Hòa Xuân, TP Đà Nẵng',
};
const PLACE_TOKENS = new Set(['hoa', 'xuan', 'da', 'nang']);

/** Passages in retrieval order; each chunk starts where the previous one of its article ended. */
function passages(...items: Array<[ArticleMeta, string]>): Passage[] {
  const offsets = new Map<string, number>();
  return items.map(([article, text], rank) => {
    const start = offsets.get(article.id) ?? 0;
    offsets.set(article.id, start + text.length + 2);
    return { article, chunk: { id: `${article.id}#${rank}`, articleId: article.id, ordinal: rank, start, end: start + text.length, text }, score: 1 / (1 + rank) };
  });
}

const ask = (text: string) => analyzeQuestion(text, PLACE_TOKENS);

describe('relatedPassages', () => {
  it('quotes, verbatim, the sentence of each passage that best matches the question’s words', () => {
    const retrieved = passages(
      [HOA_XUAN, 'Sáng 2/10, UBND phường Hòa Xuân khai trương thêm một điểm phục vụ người dân. Điểm tiếp nhận hồ sơ mới đặt tại nhà văn hóa tổ dân phố 5, mở cửa từ thứ Hai đến thứ Sáu.'],
      [HOA_XUAN_BUDGET, 'HĐND phường Hòa Xuân họp kỳ họp chuyên đề. Tổng thu ngân sách năm 2025 của phường ước đạt 120 tỷ đồng.'],
    );
    const related = relatedPassages(ask('Điểm tiếp nhận hồ sơ mới của phường Hòa Xuân có mở cửa thứ Bảy không?'), retrieved, { placeTokens: PLACE_TOKENS });
    expect(related).toHaveLength(1);
    expect(related[0]).toEqual({
      id: HOA_XUAN.id,
      title: HOA_XUAN.title,
      url: HOA_XUAN.url,
      published: '2025-10-02',
      quote: 'Điểm tiếp nhận hồ sơ mới đặt tại nhà văn hóa tổ dân phố 5, mở cửa từ thứ Hai đến thứ Sáu.',
    });
    expect(retrieved[0]?.chunk.text).toContain(related[0]?.quote);
  });

  it('never offers a passage that shares only the place’s name with the question', () => {
    const retrieved = passages(
      [HOA_XUAN, 'Phường Hòa Xuân, TP Đà Nẵng có nhiều đổi mới trong năm qua. Người dân phường Hòa Xuân phấn khởi.'],
      [HOA_XUAN_BUDGET, 'Kỳ họp HĐND phường Hòa Xuân diễn ra sáng nay.'],
    );
    expect(relatedPassages(ask('Ai phụ trách trạm y tế phường Hòa Xuân?'), retrieved, { placeTokens: PLACE_TOKENS })).toEqual([]);
    // The same passages with the question's own words are offered: the place alone was not enough.
    const named = passages([HOA_XUAN, 'Bác sĩ Lê Văn Tâm phụ trách trạm y tế phường Hòa Xuân.'], ...retrieved.map((passage): [ArticleMeta, string] => [passage.article, passage.chunk.text]));
    expect(relatedPassages(ask('Ai phụ trách trạm y tế phường Hòa Xuân?'), named, { placeTokens: PLACE_TOKENS }).map((passage) => passage.quote)).toEqual([
      'Bác sĩ Lê Văn Tâm phụ trách trạm y tế phường Hòa Xuân.',
    ]);
  });

  it('offers at most one passage per article when several articles are relevant, best match first', () => {
    const retrieved = passages(
      [HOA_XUAN, 'Cán bộ tiếp nhận hồ sơ đất đai tại điểm mới vào buổi sáng.'],
      [HOA_XUAN, 'Hồ sơ đất đai được tiếp nhận cả tại trụ sở UBND phường.'],
      [HOA_XUAN_BUDGET, 'Năm 2025, phường thu tiền sử dụng đất từ hồ sơ đất đai đạt 40 tỷ đồng, phí tiếp nhận hồ sơ đất đai không đổi.'],
    );
    const related = relatedPassages(ask('Phường Hòa Xuân tiếp nhận hồ sơ đất đai ở đâu?'), retrieved, { placeTokens: PLACE_TOKENS });
    expect(related.map((passage) => passage.id)).toEqual([HOA_XUAN.id, HOA_XUAN_BUDGET.id]);
  });

  it('offers several different passages of one article when only that article is relevant, up to three', () => {
    const retrieved = passages(
      [HOA_XUAN, 'Điểm tiếp nhận hồ sơ thứ nhất đặt tại trụ sở UBND phường.'],
      [HOA_XUAN, 'Điểm tiếp nhận hồ sơ thứ hai đặt tại nhà văn hóa tổ dân phố 5.'],
      [HOA_XUAN, 'Điểm tiếp nhận hồ sơ thứ ba đặt tại trường tiểu học.'],
      [HOA_XUAN, 'Điểm tiếp nhận hồ sơ thứ tư đặt tại chợ phường.'],
      [HOA_XUAN_BUDGET, 'Kỳ họp HĐND phường Hòa Xuân diễn ra sáng nay.'],
    );
    const related = relatedPassages(ask('Các điểm tiếp nhận hồ sơ của phường Hòa Xuân đặt ở đâu?'), retrieved, { placeTokens: PLACE_TOKENS });
    expect(related).toHaveLength(MAX_RELATED);
    expect(new Set(related.map((passage) => passage.id))).toEqual(new Set([HOA_XUAN.id]));
    expect(new Set(related.map((passage) => passage.quote)).size).toBe(MAX_RELATED);
  });

  it('offers a passage once even when overlapping chunks both hold it', () => {
    const sentence = 'Điểm tiếp nhận hồ sơ mới đặt tại nhà văn hóa tổ dân phố 5.';
    const overlapping: Passage[] = [0, 1].map((ordinal) => ({
      article: HOA_XUAN,
      chunk: { id: `${HOA_XUAN.id}#${ordinal}`, articleId: HOA_XUAN.id, ordinal, start: 100, end: 100 + sentence.length, text: sentence },
      score: 1,
    }));
    expect(relatedPassages(ask('Điểm tiếp nhận hồ sơ mới đặt ở đâu?'), overlapping, { placeTokens: PLACE_TOKENS })).toHaveLength(1);
  });

  it('for a question asking a figure, offers only a quote that holds one', () => {
    const retrieved = passages([
      HOA_XUAN_BUDGET,
      'Dự toán thu ngân sách của phường được HĐND điều chỉnh tăng. Thu ngân sách năm 2025 ước đạt 120 tỷ đồng, vượt dự toán.',
    ]);
    const related = relatedPassages(ask('Thu ngân sách năm 2026 của phường Hòa Xuân là bao nhiêu?'), retrieved, { placeTokens: PLACE_TOKENS });
    expect(related.map((passage) => passage.quote)).toEqual(['Thu ngân sách năm 2025 ước đạt 120 tỷ đồng, vượt dự toán.']);
    const withoutFigure = passages([HOA_XUAN_BUDGET, 'Dự toán thu ngân sách của phường được HĐND điều chỉnh tăng.']);
    expect(relatedPassages(ask('Thu ngân sách năm 2026 của phường Hòa Xuân là bao nhiêu?'), withoutFigure, { placeTokens: PLACE_TOKENS })).toEqual([]);
  });

  it('quotes two adjacent sentences together when the second completes the first, exactly as the article has them', () => {
    const text = 'Phường Hòa Xuân mở thêm điểm tiếp nhận hồ sơ.\nĐiểm mới mở cửa cả sáng thứ Bảy để người dân nộp giấy tờ.';
    const related = relatedPassages(ask('Nộp hồ sơ ở điểm tiếp nhận sáng thứ Bảy được không?'), passages([HOA_XUAN, text]), { placeTokens: PLACE_TOKENS });
    expect(related.map((passage) => passage.quote)).toEqual([text]);
  });

  it('does not quote a photo caption or a heading', () => {
    const text = '*Người dân nộp hồ sơ tại điểm tiếp nhận mới. (Ảnh: UBND phường)*\n\n**Điểm tiếp nhận hồ sơ mới**\n\nĐiểm tiếp nhận hồ sơ mới làm việc từ 7 giờ 30.';
    const related = relatedPassages(ask('Điểm tiếp nhận hồ sơ mới làm việc từ mấy giờ?'), passages([HOA_XUAN, text]), { placeTokens: PLACE_TOKENS });
    expect(related.map((passage) => passage.quote)).toEqual(['Điểm tiếp nhận hồ sơ mới làm việc từ 7 giờ 30.']);
  });

  it('offers nothing when the question has no content words left', () => {
    expect(relatedPassages(ask('Phường Hòa Xuân?'), passages([HOA_XUAN, 'Phường Hòa Xuân mở thêm điểm tiếp nhận hồ sơ.']), { placeTokens: PLACE_TOKENS })).toEqual([]);
  });
});

describe('withRelatedPassages', () => {
  const retrieved = passages([HOA_XUAN, 'Điểm tiếp nhận hồ sơ mới đặt tại nhà văn hóa tổ dân phố 5, mở cửa từ thứ Hai đến thứ Sáu.']);
  const refusal = (reason: RefusalReason, language: 'vi' | 'en' = 'vi'): Answer => ({ kind: 'refused', reason, text: refusalMessage(reason, language), mode: 'extractive', language });

  it('turns an unsure refusal into one that offers the related passages and says they may help', () => {
    for (const reason of ['low-score', 'no-sources'] as const) {
      const answer = withRelatedPassages(refusal(reason), ask('Điểm tiếp nhận hồ sơ mới mở cửa thứ Bảy không?'), retrieved, PLACE_TOKENS);
      expect(answer).toMatchObject({ kind: 'refused', reason, related: [{ id: HOA_XUAN.id }] });
      expect(answer.text).toContain('có thể hữu ích');
    }
  });

  it('says so in English when the question is English', () => {
    const answer = withRelatedPassages(refusal('low-score', 'en'), analyzeQuestion('Is the new application desk open on Saturday?'), retrieved);
    if (answer.kind !== 'refused' || !answer.related) throw new Error(`expected related passages, got ${JSON.stringify(answer)}`);
    expect(answer.text).toContain('may help');
  });

  it('never attaches passages to a wrong-place, ambiguous-place, empty-question or error refusal, nor to an answer', () => {
    const question = ask('Điểm tiếp nhận hồ sơ mới mở cửa thứ Bảy không?');
    for (const reason of ['wrong-place', 'ambiguous-place', 'empty-question', 'error', 'not-grounded'] as const) {
      expect(withRelatedPassages(refusal(reason), question, retrieved, PLACE_TOKENS)).toEqual(refusal(reason));
    }
    const answered: Answer = { kind: 'answered', text: 'mở cửa từ thứ Hai đến thứ Sáu', citations: [], mode: 'extractive', language: 'vi' };
    expect(withRelatedPassages(answered, question, retrieved, PLACE_TOKENS)).toBe(answered);
  });

  it('keeps the plain refusal when no passage is relevant enough', () => {
    const answer = withRelatedPassages(refusal('low-score'), ask('Ai phụ trách trạm y tế phường Hòa Xuân?'), retrieved, PLACE_TOKENS);
    expect(answer).toEqual(refusal('low-score'));
  });
});
