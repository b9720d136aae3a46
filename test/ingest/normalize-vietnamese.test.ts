import { describe, expect, it } from 'vitest';
import {
  accentedKeys,
  foldDiacritics,
  foldedKey,
  foldedKeys,
  hasDiacritics,
  nfc,
  normalizeForMatch,
  numberKey,
  numberMatchKey,
  syllableKey,
  tokenize,
} from '../../src/ingest/normalize-vietnamese.js';

const decomposed = (text: string): string => text.normalize('NFD');

describe('nfc', () => {
  it('composes NFD input into NFC', () => {
    const input = decomposed('Phường Hòa Bình, Đảng ủy');
    expect(input).not.toBe('Phường Hòa Bình, Đảng ủy'.normalize('NFC'));
    expect(nfc(input)).toBe('Phường Hòa Bình, Đảng ủy'.normalize('NFC'));
  });
});

describe('foldDiacritics', () => {
  it('removes tone marks and vowel marks and maps đ/Đ to d/D, keeping case', () => {
    expect(foldDiacritics('Bí thư Đảng ủy phường Hạc Thành')).toBe('Bi thu Dang uy phuong Hac Thanh');
    expect(foldDiacritics('ăâêôơư ĂÂÊÔƠƯ đĐ')).toBe('aaeoou AAEOOU dD');
  });

  it('gives the same result for NFC and NFD input', () => {
    expect(foldDiacritics(decomposed('Thủy Hà'))).toBe('Thuy Ha');
  });

  it('returns NFC text for characters it does not fold', () => {
    expect(foldDiacritics('Hải Phòng – 2.883 km²')).toBe('Hai Phong – 2.883 km²');
  });
});

describe('syllableKey', () => {
  it('gives old-style and new-style tone placement the same key', () => {
    expect(syllableKey('hoà')).toBe(syllableKey('hòa'));
    expect(syllableKey('thuỷ')).toBe(syllableKey('thủy'));
    expect(syllableKey('Hoà')).toBe('hoa2');
    expect(syllableKey('thủy')).toBe('thuy3');
  });

  it('keeps different tones and different vowels apart', () => {
    expect(syllableKey('hòa')).not.toBe(syllableKey('hóa'));
    expect(syllableKey('hoa')).not.toBe(syllableKey('hòa'));
    expect(syllableKey('phường')).not.toBe(syllableKey('phuòng'));
    expect(syllableKey('Đảng')).not.toBe(syllableKey('dảng'));
  });

  it('keeps vowel marks, drops only the tone, and ignores case and normalisation form', () => {
    expect(syllableKey('Phường')).toBe(`${'phương'.normalize('NFC')}2`);
    expect(syllableKey(decomposed('Nghị'))).toBe('nghi5');
    expect(syllableKey('Ngã')).toBe('nga4');
    expect(syllableKey('xã')).toBe(syllableKey('XÃ'));
  });
});

describe('foldedKey', () => {
  it('lower-cases and folds one syllable', () => {
    expect(foldedKey('Đảng')).toBe('dang');
    expect(foldedKey('Ủy')).toBe('uy');
  });
});

describe('tokenize', () => {
  it('keeps numbers with inner "." and "," intact', () => {
    const text = 'Có 2.883 đảng viên, thu 21,31 tỷ đồng và 1.450 triệu.';
    expect(tokenize(text).filter((token) => token.isNumber).map((token) => token.text)).toEqual(['2.883', '21,31', '1.450']);
  });

  it('does not take a sentence-final period or comma into a number', () => {
    expect(tokenize('đạt 124%. Còn 0,12%, tăng 5.').map((token) => token.text)).toEqual(['đạt', '124', 'Còn', '0,12', 'tăng', '5']);
  });

  it('splits dates and ranges into their numbers', () => {
    expect(tokenize('15/8/2025, nhiệm kỳ 2025-2030').map((token) => token.text)).toEqual(['15', '8', '2025', 'nhiệm', 'kỳ', '2025', '2030']);
  });

  it('returns offsets that slice back to each token as written', () => {
    const text = 'Phường An Hải (Hải Phòng) có 2.883 đảng viên.';
    const tokens = tokenize(text);
    expect(tokens.map((token) => token.text)).toEqual(['Phường', 'An', 'Hải', 'Hải', 'Phòng', 'có', '2.883', 'đảng', 'viên']);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
  });
});

describe('numberKey', () => {
  it('removes digit-group and decimal separators', () => {
    expect(numberKey('2.883')).toBe('2883');
    expect(numberKey('21,31')).toBe('2131');
    expect(numberKey('214')).toBe('214');
  });
});

describe('accentedKeys and foldedKeys', () => {
  it('match questions whatever the tone placement or normalisation form', () => {
    expect(accentedKeys('phường Hoà Bình')).toEqual(accentedKeys(decomposed('Phường Hòa Bình')));
    expect(accentedKeys('Thuỷ Hà')).toEqual(['thuy3', 'ha2']);
  });

  it('fold diacritics and keep numbers whole', () => {
    expect(foldedKeys('Đảng bộ có 2.883 đảng viên')).toEqual(['dang', 'bo', 'co', '2883', 'dang', 'vien']);
  });
});

describe('normalizeForMatch', () => {
  it('lower-cases, folds and keeps only words and numbers separated by single spaces', () => {
    expect(normalizeForMatch('  Bí thư Đảng ủy phường An Hải là ai?? ')).toBe('bi thu dang uy phuong an hai la ai');
    expect(normalizeForMatch(decomposed('Thu ngân sách: 21,31 tỷ!'))).toBe('thu ngan sach 2131 ty');
  });
});

describe('hasDiacritics', () => {
  it('tells text typed with diacritics (or đ) from text typed without', () => {
    expect(hasDiacritics('bi thu phuong an hai')).toBe(false);
    expect(hasDiacritics('bí thư')).toBe(true);
    expect(hasDiacritics('dd đ')).toBe(true);
    expect(hasDiacritics(decomposed('Hải'))).toBe(true);
  });
});

describe('numberMatchKey', () => {
  it('drops the leading zero of a day or month so "09/02" matches a resident\'s "9/2"', () => {
    expect(numberMatchKey('09')).toBe('9');
    expect(numberMatchKey('2.883')).toBe('2883');
    expect(numberMatchKey('0')).toBe('0');
  });
});
