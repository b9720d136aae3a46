import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { findPhoneNumbers } from '../../src/core/entities.js';

describe('phone numbers written with a one-digit group', () => {
  it('finds "0236 3 741 552" whole', () => {
    expect(findPhoneNumbers('- Điện thoại bộ phận một cửa: 0236 3 741 552;').map((entity) => entity.text)).toEqual(['0236 3 741 552']);
  });

  it('still leaves out short numbers and dates', () => {
    expect(findPhoneNumbers('Ngày 12 3 2025 có 0 2 hồ sơ.')).toEqual([]);
  });
});

describe('classifiers in count questions', () => {
  it('counts the thing after "loại" ("bao nhiêu loại thủ tục" counts procedures)', () => {
    const analyzed = analyzeQuestion('Trung tâm giải quyết được bao nhiêu loại thủ tục?');
    expect(analyzed.countedNoun).toBe('thu');
    expect(analyzed.countedPhrase).toEqual(['thu', 'tuc']);
  });
});
