import { describe, expect, it } from 'vitest';
import { PlaceGazetteer, parsePlace } from '../../src/search/place-gazetteer.js';
import type { ArticleMeta } from '../../src/core/types.js';

const article = (id: string, place: string): ArticleMeta => ({ id, title: id, url: '', place });
const gazetteer = PlaceGazetteer.fromArticles([
  article('hb-hp', 'phường Hòa Bình, TP Hải Phòng'),
  article('hb-hn', 'phường Hòa Bình, TP Hà Nội'),
  article('an-hai', 'phường An Hải, TP Hải Phòng'),
  article('an-lao', 'xã An Lão, TP Hải Phòng'),
]);

describe('parsePlace', () => {
  it('splits unit, name and city', () => {
    expect(parsePlace('phường Hạc Thành, tỉnh Thanh Hóa')).toMatchObject({ unit: 'phường', name: 'Hạc Thành', city: 'Thanh Hóa' });
  });
});

describe('PlaceGazetteer', () => {
  it('finds the ward a question names, with or without diacritics', () => {
    expect(gazetteer.match('Bí thư phường An Hải là ai?').articleIds).toEqual(['an-hai']);
    expect(gazetteer.match('bi thu phuong an hai la ai').articleIds).toEqual(['an-hai']);
    expect(gazetteer.match('chu tich ubnd xa an lao la ai').articleIds).toEqual(['an-lao']);
  });

  it('tells same-named wards apart by their city', () => {
    expect(gazetteer.match('Dân số phường Hòa Bình (Hải Phòng)?').articleIds).toEqual(['hb-hp']);
    expect(gazetteer.match('dan so phuong hoa binh ha noi').articleIds).toEqual(['hb-hn']);
  });

  it('calls a shared name without a city ambiguous instead of mixing them up', () => {
    const match = gazetteer.match('Dân số phường Hòa Bình là bao nhiêu?');
    expect(match.kind).toBe('ambiguous');
    expect(match.labels).toHaveLength(2);
  });

  it('uses the default place when the question names none', () => {
    expect(gazetteer.match('Bí thư là ai?', 'phường An Hải').articleIds).toEqual(['an-hai']);
  });

  it('reports a ward it has no articles about', () => {
    expect(gazetteer.match('Bí thư phường Bến Nghé là ai?').kind).toBe('unknown');
    expect(gazetteer.match('Phường Bến Nghé tổ chức Đại hội vào ngày nào?')).toMatchObject({ kind: 'unknown', labels: ['Bến Nghé'] });
  });

  it('learns a place from a title that starts with "Xã" or "Phường" when the article has no place field', () => {
    const fromTitles = PlaceGazetteer.fromArticles([{ id: 'chuyen-doi-so', title: 'Xã Mỹ Lợi Đông ra mắt tổ công nghệ số cộng đồng', url: '' }]);
    expect(fromTitles.match('xã Mỹ Lợi Đông có bao nhiêu tổ công nghệ số?')).toMatchObject({ kind: 'known', articleIds: ['chuyen-doi-so'] });
  });
});

describe('PlaceGazetteer with everyday spellings', () => {
  const places = PlaceGazetteer.fromArticles([
    article('tp-hcm', 'phường Tân Phong, TP Hồ Chí Minh'),
    article('tp-dn', 'phường Tân Phong, tỉnh Đồng Nai'),
    article('nhan-ho', 'xã Nhân Hồ, tỉnh Thái Nguyên'),
    article('son-kim', 'xã Sơn Kim, tỉnh Hà Tĩnh'),
    article('tp-hn', 'phường Tân Phong, TP Hà Nội'),
  ]);

  it('knows the short forms of a city', () => {
    expect(places.match('phuong tan phong tp hcm o dau').articleIds).toEqual(['tp-hcm']);
    expect(places.match('phường Tân Phong Sài Gòn').articleIds).toEqual(['tp-hcm']);
    expect(places.match('Who chairs Tan Phong ward in Hanoi?').articleIds).toEqual(['tp-hn']);
  });

  it('respects the tones a resident typed', () => {
    expect(places.match('điểm tiếp nhận hồ sơ ở đâu?').kind).toBe('none');
    expect(places.match('xa nhan ho o dau').articleIds).toEqual(['nhan-ho']);
  });

  it('leaves the city syllables in the question when the city is not named', () => {
    expect(places.match('thiệt hại xã Sơn Kim ước tính bao nhiêu').tokens).not.toContain('tinh');
  });
});

describe('PlaceGazetteer with names spelled by ordinary words', () => {
  const places = PlaceGazetteer.fromArticles([
    article('nhan-ho', 'xã Nhân Hồ, TP Hà Nội'),
    article('vinh-chau', 'xã Vĩnh Châu, TP Đà Nẵng'),
    article('binh-quan', 'phường Bình Quan, tỉnh Ninh Bình'),
    article('le-thai', 'phường Lê Thái, TP Huế'),
    article('trung-ha', 'phường Trung Hà, tỉnh Bắc Ninh'),
    article('ha-nam', 'phường Hạ Nam, tỉnh Hưng Yên'),
  ]);

  it('takes the name written after "xã" or "phường" over syllables that only spell another place', () => {
    expect(places.match('buoi sang xa vinh chau bat dau tiep nhan ho so tu may gio').articleIds).toEqual(['vinh-chau']);
    expect(places.match('tong gia tri san xuat cua phuong le thai tang binh quan bao nhieu').articleIds).toEqual(['le-thai']);
    expect(places.match('phuong trung ha nam 2023 chi thuong xuyen het bao nhieu').articleIds).toEqual(['trung-ha']);
  });

  it('takes the name written before "ward" or "commune" in English', () => {
    expect(places.match('When does Vinh Chau commune start receiving nhan ho so?').articleIds).toEqual(['vinh-chau']);
  });

  it('does not take "địa phương" typed with its tone for the unit word "phường"', () => {
    expect(places.match('Địa phương Vĩnh Châu và Nhân Hồ có chung điểm tiếp nhận không?').labels).toHaveLength(2);
  });

  it('still finds a place named without its unit word', () => {
    expect(places.match('dan so nhan ho bao nhieu').articleIds).toEqual(['nhan-ho']);
  });
});

describe('PlaceGazetteer with an unknown ward typed without diacritics', () => {
  it('reports it instead of answering about another ward', () => {
    expect(gazetteer.match('bi thu dang uy phuong tien phuoc la ai').kind).toBe('unknown');
    expect(gazetteer.match('bi thu phuong la ai').kind).toBe('none');
  });
});

describe('PlaceGazetteer short province forms', () => {
  const shared = PlaceGazetteer.fromArticles([
    article('hh-gl', 'xã Hòa Hội, tỉnh Gia Lai'),
    article('hh-hcm', 'xã Hòa Hội, TP Hồ Chí Minh'),
    article('tb-tn', 'phường Tân Biên, tỉnh Tây Ninh'),
    article('tb-dn', 'phường Tân Biên, tỉnh Đồng Nai'),
  ]);

  it('reads initials in capitals or brackets as the province', () => {
    expect(shared.match('xã Hòa Hội (GL) có bao nhiêu dân?').articleIds).toEqual(['hh-gl']);
    expect(shared.match('xa hoa hoi (gl) co bao nhieu dan').articleIds).toEqual(['hh-gl']);
    expect(shared.match('Bí thư phường Tân Biên ĐN là ai').articleIds).toEqual(['tb-dn']);
  });

  it('reads an initial and the last syllable as the province', () => {
    expect(shared.match('phường Tân Biên (T.Ninh) có mấy khu phố').articleIds).toEqual(['tb-tn']);
  });

  it('does not take lower-case words for initials', () => {
    expect(shared.match('xã Hòa Hội gl là gì').kind).toBe('ambiguous');
  });
});

describe('PlaceGazetteer places written loosely', () => {
  const loose = PlaceGazetteer.fromArticles([
    article('both', 'phường Phú An và phường Phú Lợi, TP Hồ Chí Minh'),
    article('phu-loi', 'phường Phú Lợi, TP Hồ Chí Minh'),
    article('hoa-thinh', 'xã Hòa Thịnh, tỉnh Đắk Lắk'),
  ]);

  it('reads an article about two wards as about each of them', () => {
    expect(loose.match('Bí thư phường Phú An là ai?').articleIds).toEqual(['both']);
    expect(loose.match('dan so phuong phu loi').articleIds.sort()).toEqual(['both', 'phu-loi']);
  });

  it('takes a name one letter off, written after the unit word, for the known ward', () => {
    expect(loose.match('Lễ bàn giao nhà ở xã Hòa Thịng diễn ra ngày nào?').articleIds).toEqual(['hoa-thinh']);
  });

  it('does not stretch a different name onto a known one', () => {
    expect(loose.match('Bí thư xã Hòa Bình là ai?').kind).toBe('unknown');
  });
});

describe('PlaceGazetteer, a mark typed wrong in the name', () => {
  it('finds "xã Tiểu Cân" as xã Tiểu Cần', () => {
    const places = PlaceGazetteer.fromArticles([article('tieu-can', 'xã Tiểu Cần, tỉnh Vĩnh Long')]);
    expect(places.match('Đoàn khám ở xã Tiểu Cân có tặng kính lão không').articleIds).toEqual(['tieu-can']);
  });
});

describe('PlaceGazetteer, names typed with slips', () => {
  it('finds a name with two letters swapped or a unit word missing its horn, and does not ask the answer for the slip', () => {
    const swapped = gazetteer.match('chủ tịch phường An Hiả là ai');
    expect(swapped.articleIds).toEqual(['an-hai']);
    expect(swapped.tokens).toContain('hia');
    expect(gazetteer.match('bí thư phuờng An Hải là ai').articleIds).toEqual(['an-hai']);
  });

  it('still tells a different tone from a missing mark ("địa phương" is no ward)', () => {
    expect(gazetteer.match('địa phương An Hải có bao nhiêu dân').articleIds).toEqual(['an-hai']);
    expect(gazetteer.match('các địa phương khác').kind).toBe('none');
  });
});

describe('PlaceGazetteer with names joined by a dash', () => {
  it('knows "phường Lang Son - Đà Lam" by its first part, answering with the full label', () => {
    const places = PlaceGazetteer.fromArticles([article('ls', 'phường Lang Son - Đà Lam, tỉnh Lâm Hà')]);
    for (const question of ['p. Lang Son có bao nhiêu đảng viên?', 'phường Lang Son - Đà Lam có bao nhiêu đảng viên?']) {
      expect(places.match(question)).toMatchObject({ kind: 'known', articleIds: ['ls'], labels: ['phường Lang Son - Đà Lam, tỉnh Lâm Hà'] });
    }
  });
});
