import { describe, expect, it } from 'vitest';
import { countOf } from '../../src/cli/count-of.js';

describe('countOf', () => {
  it('puts the noun in the singular for exactly one and in the plural otherwise', () => {
    expect(countOf(1, 'pin')).toBe('1 pin');
    expect(countOf(0, 'pin')).toBe('0 pins');
    expect(countOf(2, 'article')).toBe('2 articles');
    expect(countOf(12_000, 'chunk')).toBe('12,000 chunks');
  });
});
