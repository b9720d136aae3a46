import { describe, expect, it } from 'vitest';
import { defaultPlaceWarning } from '../../src/cli/default-place-warning.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';

const gazetteer = PlaceGazetteer.fromArticles([
  { id: 'a', title: 'A', url: '', place: 'phường Tân An, TP Hà Nội' },
  { id: 'b', title: 'B', url: '', place: 'phường Tân An, TP Cần Thơ' },
  { id: 'c', title: 'C', url: '', place: 'xã Bình Minh, tỉnh Nghệ An' },
]);

describe('defaultPlaceWarning', () => {
  it('says nothing when the default place names one indexed place', () => {
    expect(defaultPlaceWarning('DEFAULT_PLACE', 'xã Bình Minh', gazetteer)).toBeUndefined();
    expect(defaultPlaceWarning('DEFAULT_PLACE', 'phường Tân An, TP Cần Thơ', gazetteer)).toBeUndefined();
  });

  it('warns about a place no article is about, listing the known places', () => {
    expect(defaultPlaceWarning('DEFAULT_PLACE', 'phường An Hải', gazetteer)).toBe(
      'Cảnh báo: DEFAULT_PLACE="phường An Hải" không khớp địa phương nào trong các bài viết (names no indexed place), nên câu hỏi không nêu địa phương sẽ bị từ chối. ' +
        'Các địa phương đã có (known places): phường Tân An, TP Cần Thơ; phường Tân An, TP Hà Nội; xã Bình Minh, tỉnh Nghệ An.',
    );
  });

  it('warns about a name several places share, asking for the city', () => {
    expect(defaultPlaceWarning('--place', 'phường Tân An', gazetteer)).toBe(
      'Cảnh báo: --place="phường Tân An" trùng với nhiều địa phương (names several places): phường Tân An, TP Hà Nội; phường Tân An, TP Cần Thơ — ghi thêm tỉnh/thành phố (add the city).',
    );
  });
});
