import { describe, expect, it } from 'vitest';
import { isAccountName } from '../../src/store/console-records.js';

describe('console account names', () => {
  it('accepts Vietnamese account names and refuses spaces and markup', () => {
    expect(isAccountName('chị-Lan.2')).toBe(true);
    expect(isAccountName('Hương')).toBe(true);
    expect(isAccountName('a b')).toBe(false);
    expect(isAccountName('<b>')).toBe(false);
    expect(isAccountName('')).toBe(false);
  });
});
