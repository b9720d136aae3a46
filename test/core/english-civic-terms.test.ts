import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = {
  id: 'xa-an-phu-tong-hop',
  title: 'Xã An Phú tổng kết năm 2025',
  url: 'https://example.org/xa-an-phu',
  published: '2025-12-20',
  place: 'xã An Phú, tỉnh Hải Lâm',
};

function passagesOf(...paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article: ARTICLE, chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

const answer = (question: string, passages: Passage[]) => extractAnswer(analyzeQuestion(question, new Set(['an', 'phu'])), passages);

describe('English civic vocabulary', () => {
  const passages = passagesOf(
    'Đảng bộ xã An Phú hiện có 1.245 đảng viên sinh hoạt tại 41 chi bộ.',
    'Đợt triều cường cuối tháng 10 làm 212 ha nuôi tôm bị tràn bờ.',
    'Toàn xã có 4.020 hộ, sinh sống tại 19 thôn.',
    'Xã thành lập 7 tổ công nghệ số cộng đồng với 43 thành viên.',
  );

  it('counts party members of the ward Party Committee written as "Đảng bộ"', () => {
    expect(answer('How many party members does the Party Committee of An Phu commune have?', passages).text).toContain('1.245');
  });

  it('answers hectares of shrimp ponds from "ha nuôi tôm"', () => {
    expect(answer('How many hectares of shrimp ponds were overtopped by the high tide?', passages).text).toContain('212 ha');
  });

  it('answers villages from "thôn"', () => {
    expect(answer('How many villages does An Phu commune have?', passages).text).toContain('19 thôn');
  });

  it('answers members of the community digital technology teams', () => {
    expect(answer('How many members do the community digital technology teams have?', passages).text).toContain('43 thành viên');
  });

  it('answers a percentage of the revenue estimate written with the sign "%"', () => {
    const budget = passagesOf('Tổng thu ngân sách năm 2025 của xã ước đạt 31,2 tỷ đồng, bằng 107% dự toán được giao.');
    expect(answer('What percentage of its 2025 revenue estimate did An Phu commune reach?', budget).text).toContain('107%');
  });

  it('answers which provincial Youth Union official attended, written "Tỉnh đoàn"', () => {
    const launch = passagesOf(
      'Sáng 5/7/2025, Đoàn xã An Phú ra quân Chiến dịch Thanh niên tình nguyện hè.',
      'Dự lễ ra quân có đồng chí Lâm Thị Hoa, Phó Bí thư Tỉnh đoàn Hải Lâm; đồng chí Đỗ Văn Tùng, Bí thư Đoàn xã.',
    );
    const result = answer('Which provincial Youth Union official attended the summer volunteer campaign launch in An Phu commune?', launch);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('Lâm Thị Hoa');
  });
});
