import { describe, expect, it } from 'vitest';
import { applyTone, isWellFormedSyllable, repairTypos, repairWord } from '../../src/core/typo-repair.js';
import { CorpusVocabulary } from '../../src/search/corpus-vocabulary.js';
import { lexicalTerms } from '../../src/search/lexical-terms.js';
import { isQuestionWord } from '../../src/core/question-analysis.js';

/** A vocabulary built the way an index builds it: BM25 terms of a few article sentences, one document each. */
function vocabularyOf(...documents: string[]): CorpusVocabulary {
  const frequencies = new Map<string, number>();
  for (const document of documents) for (const term of new Set(lexicalTerms(document))) if (!term.includes(' ')) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  return new CorpusVocabulary(() => frequencies);
}

const vocabulary = vocabularyOf(
  'Xã Mỹ Tú giải quyết những thủ tục đăng ký khai sinh vào cuối tuần.',
  'Sau sáp nhập, những người dân bị ngập được hỗ trợ thường xuyên.',
  'Hội nghị quán triệt nghị quyết được tổ chức tại hội trường.',
);

describe('typo repair', () => {
  it('places a tone mark the way Vietnamese spelling does', () => {
    expect(applyTone('thương', '\u0300')).toBe('thường');
    expect(applyTone('nhâp', '\u0323')).toBe('nhập');
    expect(applyTone('hoa', '\u0300')).toBe('hòa');
  });

  it('tells malformed words from well-formed ones the corpus merely lacks', () => {
    expect(isWellFormedSyllable('thoại', true)).toBe(true);
    expect(isWellFormedSyllable('vài', true)).toBe(true);
    expect(isWellFormedSyllable('nhữg', true)).toBe(false);
    expect(isWellFormedSyllable('ngừoi', true)).toBe(false);
    expect(isWellFormedSyllable('nhâp', true)).toBe(false);
    expect(isWellFormedSyllable('nhap', false)).toBe(true);
  });

  it('repairs Telex residue, a missing tone, a dropped or doubled letter', () => {
    expect(repairWord('thươngf', vocabulary)).toBe('thường');
    expect(repairWord('nhâp', vocabulary)).toBe('nhập');
    expect(repairWord('nhữg', vocabulary)).toBe('những');
    expect(repairWord('ngừoi', vocabulary)).toBe('người');
    expect(repairWord('triêt', vocabulary)).toBe('triệt');
    expect(repairWord('nhiêuu', vocabulary)).toBe('nhiêu');
  });

  it('leaves corpus words, well-formed words, names and abbreviations alone', () => {
    expect(repairWord('những', vocabulary)).toBeUndefined();
    expect(repairWord('thoại', vocabulary)).toBeUndefined();
    expect(repairWord('ntm', vocabulary)).toBeUndefined();
    expect(repairTypos('Xã Mỹ Tú giải quyết nhữg thủ tục gì?', vocabulary, isQuestionWord)).toBe('Xã Mỹ Tú giải quyết những thủ tục gì?');
    expect(repairTypos('Ông Nguyễn Văn Lưuu là ai?', vocabulary, isQuestionWord)).toBe('Ông Nguyễn Văn Lưuu là ai?');
  });

  it('keeps a question typed without marks unmarked', () => {
    expect(repairTypos('xa my tu giai quyet nhung thu tucc gi', vocabulary, isQuestionWord)).toBe('xa my tu giai quyet nhung thu tuc gi');
  });
});

describe('typo repair in names', () => {
  it('repairs Telex keys left in a capitalised word only when they spell a corpus word', () => {
    const names = vocabularyOf('Bệnh viện Mắt Hà Nội tham gia khám cho người dân.');
    expect(repairTypos('Bệnh viện Mắt Hà Nooij có tham gia không', names, isQuestionWord)).toBe('Bệnh viện Mắt Hà Nội có tham gia không');
    expect(repairTypos('Ông Nguyễn Văn Lưuu là ai?', names, isQuestionWord)).toBe('Ông Nguyễn Văn Lưuu là ai?');
  });
});
