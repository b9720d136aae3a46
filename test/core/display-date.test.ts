import { describe, expect, it } from 'vitest';
import { displayDate } from '../../src/core/display-date.js';

describe('displayDate', () => {
  it('writes a day, a month or a year the Vietnamese way', () => {
    expect(displayDate('2025-08-15')).toBe('15/08/2025');
    expect(displayDate('2025-08')).toBe('08/2025');
    expect(displayDate('2025')).toBe('2025');
  });

  it('shows anything else as given', () => {
    expect(displayDate('mùa thu 2025')).toBe('mùa thu 2025');
  });
});
