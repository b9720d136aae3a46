import { describe, expect, it } from 'vitest';
import { languageMismatch } from '../../src/core/answer-language.js';

describe('languageMismatch', () => {
  it('accepts a Vietnamese answer to a Vietnamese question', () => {
    expect(languageMismatch('Bí thư Đảng ủy phường An Hải là đồng chí Chu Đức Anh.', 'vi')).toBeUndefined();
  });

  it('rejects an English answer to a Vietnamese question', () => {
    expect(languageMismatch('The Party Secretary of An Hải ward is Chu Đức Anh, according to the article.', 'vi')).toMatch(/English/);
  });

  it('rejects a Vietnamese answer written without diacritics', () => {
    expect(languageMismatch('Bi thu Dang uy phuong An Hai la dong chi Chu Duc Anh.', 'vi')).toMatch(/without diacritics/);
  });

  it('rejects a Vietnamese answer to an English question', () => {
    expect(languageMismatch('Bí thư Đảng ủy phường An Hải là đồng chí Chu Đức Anh.', 'en')).toMatch(/Vietnamese/);
  });

  it('accepts an English answer that keeps Vietnamese names and quotes', () => {
    expect(languageMismatch('The secretary of phường An Hải is Chu Đức Anh, who “giữ chức Bí thư Đảng ủy phường”.', 'en')).toBeUndefined();
  });

  it('does not judge a reply too short to tell', () => {
    expect(languageMismatch('Chu Đức Anh.', 'en')).toBeUndefined();
  });
});
