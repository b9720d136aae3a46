import { describe, expect, it } from 'vitest';
import { parseCitationMarkers } from '../../src/core/citation-markers.js';

describe('parseCitationMarkers', () => {
  it('keeps markers of existing passages in order of first citation and strips them from the text', () => {
    expect(parseCitationMarkers('Bí thư là Chu Đức Anh [2]. Phó Bí thư là Lương Thế Quý [1][2].', 3)).toEqual({
      text: 'Bí thư là Chu Đức Anh. Phó Bí thư là Lương Thế Quý.',
      cited: [2, 1],
      dropped: [],
    });
  });

  it('reads lists and ranges inside one pair of brackets', () => {
    expect(parseCitationMarkers('Có 2.883 đảng viên [1, 3].', 3).cited).toEqual([1, 3]);
    expect(parseCitationMarkers('Có 2.883 đảng viên [1-3].', 3).cited).toEqual([1, 2, 3]);
    expect(parseCitationMarkers('Có 2.883 đảng viên【2†source】.', 3)).toMatchObject({ text: 'Có 2.883 đảng viên.', cited: [2] });
  });

  it('drops a marker pointing at a passage that does not exist', () => {
    expect(parseCitationMarkers('Có 2.883 đảng viên [7].', 3)).toEqual({ text: 'Có 2.883 đảng viên.', cited: [], dropped: ['[7]'] });
    expect(parseCitationMarkers('Có 2.883 đảng viên [1, 7].', 3)).toEqual({ text: 'Có 2.883 đảng viên.', cited: [1], dropped: ['[1, 7]'] });
  });

  it('reports no citation when the answer has no marker', () => {
    expect(parseCitationMarkers('Có 2.883 đảng viên.', 3).cited).toEqual([]);
  });
});
