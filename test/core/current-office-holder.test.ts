import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

function article(id: string, published: string): ArticleMeta {
  return { id, title: `Tin phường Đông Hải ${published}`, url: `https://example.org/${id}`, published, place: 'phường Đông Hải, tỉnh Bắc Lâm' };
}

function passage(meta: ArticleMeta, text: string): Passage {
  return { article: meta, chunk: { id: `${meta.id}#0`, articleId: meta.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 };
}

const answer = (question: string, passages: Passage[]) => extractAnswer(analyzeQuestion(question, new Set(['dong', 'hai'])), passages);

describe('who holds an office now', () => {
  const older = passage(article('dai-hoi', '2025-07-01'), 'Đại hội bầu đồng chí Nguyễn Văn An giữ chức Chủ tịch UBND phường Đông Hải.');
  const newer = passage(article('kien-toan', '2025-11-05'), 'Tại kỳ họp, HĐND phường đã bầu đồng chí Lê Thị Bình giữ chức Chủ tịch UBND phường Đông Hải.');

  it('answers "bây giờ" with the holder named by the most recently published article', () => {
    expect(answer('Chủ tịch UBND phường Đông Hải bây giờ là ai?', [older, newer]).text).toContain('Lê Thị Bình');
    expect(answer('Chủ tịch UBND phường Đông Hải bây giờ là ai?', [newer, older]).text).toContain('Lê Thị Bình');
  });

  it('does not answer the chairperson with a vice chairperson or the chair of the other council', () => {
    const meeting = passage(
      article('ky-hop', '2025-11-05'),
      'Dự kỳ họp có đồng chí Trần Minh Cường, Bí thư Đảng ủy, Chủ tịch HĐND phường; đồng chí Phạm Thu Dung tiếp tục giữ chức Phó Chủ tịch UBND phường.',
    );
    const result = answer('Chủ tịch UBND phường Đông Hải là ai?', [meeting]);
    expect(result.text).not.toContain('Trần Minh Cường');
    expect(result.text).not.toContain('Phạm Thu Dung');
  });

  it('answers "does X still hold it?" with who holds it now, not with the sentence naming X', () => {
    for (const question of ['Ông Nguyễn Văn An còn làm Chủ tịch UBND phường Đông Hải không?', 'Is Nguyen Van An still the chairman of Dong Hai ward?']) {
      const result = answer(question, [older, newer]);
      expect(result.kind).toBe('answered');
      expect(result.text).toContain('Lê Thị Bình');
    }
  });

  it('answers "does X still hold it?" with what the newest article says of X when nobody is named in the office since', () => {
    const moved = passage(
      article('dieu-dong', '2025-12-01'),
      'Chủ tịch UBND tỉnh đã ký quyết định bổ nhiệm ông Nguyễn Văn An, Chủ tịch UBND phường Đông Hải, giữ chức Giám đốc Sở Xây dựng.',
    );
    const result = answer('Ông Nguyễn Văn An hiện nay còn làm Chủ tịch UBND phường Đông Hải không?', [older, moved]);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('Giám đốc Sở Xây dựng');
  });
});
