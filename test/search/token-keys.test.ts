import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldedKeys, accentedKeys, nfc } from '../../src/ingest/normalize-vietnamese.js';
import { tokenKeys } from '../../src/search/token-keys.js';

describe('tokenKeys', () => {
  it('finds exactly the tokens and keys of the normalisation module on the sample corpus', async () => {
    for (const file of await readdir('data/articles')) {
      const text = nfc(await readFile(join('data/articles', file), 'utf8'));
      const keys = tokenKeys(text);
      expect(keys.map((key) => key.accented)).toEqual(accentedKeys(text));
      expect(keys.map((key) => key.folded)).toEqual(foldedKeys(text));
    }
  });

  it('handles edge cases like the Unicode token pattern: marks, numbers with separators, other scripts', () => {
    const text = 'Đ\u0301 ̀x 1.234,5. 12km2 a1b 日本語 𠀀𠀁 Ελλάδα 3,, 4.';
    expect(tokenKeys(text).map((key) => key.accented)).toEqual(accentedKeys(text));
    expect(tokenKeys(text).map((key) => key.folded)).toEqual(foldedKeys(text));
  });

  it('gives the same keys whatever the Unicode normal form', () => {
    const composed = 'Phường Hòa Bình';
    expect(tokenKeys(composed.normalize('NFD'))).toEqual(tokenKeys(composed));
  });

  it('marks tokens that carry a diacritic, đ included', () => {
    expect(tokenKeys('An Hải đi').map((key) => key.marked)).toEqual([false, true, true]);
  });
});
