import { describe, expect, it } from 'vitest';
import { analyzeQuestion, detectAnswerTypes, detectLanguage } from '../../src/core/question-analysis.js';

const phrases = (text: string, place: string[] = []) =>
  analyzeQuestion(text, new Set(place)).groups.map((group) => group.phrases.map((phrase) => phrase.join(' ')));

describe('detectLanguage', () => {
  it('treats Vietnamese typed without diacritics as Vietnamese', () => {
    expect(detectLanguage('bi thu phuong an hai la ai')).toBe('vi');
    expect(detectLanguage('dan so phuong hoa binh hai phong la bao nhieu')).toBe('vi');
  });

  it('recognises English questions', () => {
    expect(detectLanguage('Who is the party secretary of An Hai ward?')).toBe('en');
    expect(detectLanguage('What is the population of Thach Khoi ward after the merger?')).toBe('en');
  });
});

describe('detectAnswerTypes', () => {
  it('maps question words to the kind of fact asked for', () => {
    expect(detectAnswerTypes('Bí thư Đảng ủy xã là ai?')[0]).toBe('person');
    expect(detectAnswerTypes('chu tich ubnd xa ten gi')[0]).toBe('person');
    expect(detectAnswerTypes('Đảng bộ có bao nhiêu đảng viên?')).toContain('quantity');
    expect(detectAnswerTypes('Đại hội diễn ra ngày nào?')[0]).toBe('date');
    expect(detectAnswerTypes('dia diem nop ho so o dau')[0]).toBe('location');
    expect(detectAnswerTypes('Phó Bí thư gồm những ai?')[0]).toBe('list');
    expect(detectAnswerTypes('Who is the chairman?')[0]).toBe('person');
    expect(detectAnswerTypes('How many delegates attended?')).toContain('quantity');
  });
});

describe('analyzeQuestion', () => {
  it('drops question words, chat slang and the place name from the content to cover', () => {
    const groups = phrases('đại hội đảng bộ xã an lão có bao nhiêu đại biểu chính thức z?', ['an', 'lao']);
    expect(groups.flat()).toEqual(expect.arrayContaining(['dai hoi', 'dang bo', 'dai bieu']));
    expect(groups.flat()).not.toContain('z');
    expect(groups.flat()).not.toContain('an');
    expect(groups.flat()).not.toContain('bao');
  });

  it('keeps adjacent content words together so "dân số" is not satisfied by "người dân … số"', () => {
    expect(phrases('Dân số xã Hiền Quan là bao nhiêu?', ['hien', 'quan']).flat()).toContain('dan so');
  });

  it('expands everyday words to the administrative terms articles use', () => {
    const groups = phrases('xã Hiền Quan bây giờ gộp từ mấy xã nào thế?', ['hien', 'quan']);
    expect(groups.some((alternatives) => alternatives.includes('sap nhap'))).toBe(true);
  });

  it('translates English civic terms through the glossary', () => {
    const analyzed = analyzeQuestion('Who is the party secretary of An Hai ward?', new Set(['an', 'hai']));
    expect(analyzed.language).toBe('en');
    expect(analyzed.groups.some((group) => group.phrases.some((phrase) => phrase.join(' ') === 'bi thu'))).toBe(true);
    expect(analyzed.searchText).toContain('bí thư');
  });

  it('keeps the years a question names', () => {
    expect(analyzeQuestion('Dự toán ngân sách năm 2026 là bao nhiêu?').years).toEqual(['2026']);
  });
});

describe('counted nouns', () => {
  it('finds what a count question counts', () => {
    expect(analyzeQuestion('Trường có bao nhiêu học sinh?').countedNoun).toBe('hoc');
    expect(analyzeQuestion('xa an lao co may chi bo').countedNoun).toBe('chi');
    expect(analyzeQuestion('bao nhiêu phần trăm hồ sơ được giải quyết?').countedNoun).toBeUndefined();
    expect(analyzeQuestion('How many delegates attended?').countedNoun).toBe('dai');
  });
});

describe('times of day', () => {
  it('reads "mấy giờ" as a time, so a head count never answers it', () => {
    expect(detectAnswerTypes('trung tam phuc vu hanh chinh cong lam viec tu may gio')).toEqual(['time']);
  });
});

describe('weekdays', () => {
  it('reads "thứ 7" as Saturday, written either way, but "địa điểm thứ hai" as an ordinal', () => {
    expect(phrases('thứ 7 phường có nhận hồ sơ không').flat()).toEqual(expect.arrayContaining(['thu bay', 'thu 7']));
    expect(phrases('sang thu bay co lam viec khong').flat()).toContain('thu 7');
    expect(phrases('Địa điểm thứ hai tiếp nhận hồ sơ ở đâu?').flat()).not.toContain('thu hai');
  });
});

describe('questions about officials and documents', () => {
  it('notes the tier of government a title belongs to and whether an issue date is asked', () => {
    expect(analyzeQuestion('Phó Chủ tịch UBND xã Đông Lâm là ai?').level).toBe('local');
    expect(analyzeQuestion('Bí thư Tỉnh ủy là ai?').level).toBe('provincial');
    expect(analyzeQuestion('Ai dự Đại hội Đảng bộ phường?').level).toBeUndefined();
    expect(analyzeQuestion('Nghị quyết số 72-NQ/TW ban hành ngày nào?').asksIssueDate).toBe(true);
    expect(analyzeQuestion('Xã học Nghị quyết số 72-NQ/TW hôm nào?').asksIssueDate).toBe(false);
  });
});

describe('fillers typed without diacritics', () => {
  it('drops "hết" and the "nam" of "nam 2021" but keeps the year', () => {
    const analyzed = analyzeQuestion('xa dong lam nam 2021 chi thuong xuyen het bao nhieu tien', new Set(['dong', 'lam']));
    const flat = analyzed.groups.flatMap((group) => group.phrases.map((phrase) => phrase.join(' ')));
    expect(flat).not.toContain('het');
    expect(flat).not.toContain('nam');
    expect(flat).toContain('thuong xuyen');
    expect(analyzed.years).toEqual(['2021']);
  });
});

describe('homographs typed without diacritics', () => {
  it('reads "nghi quyet" as "nghị quyết", never the synonym key "nghỉ", and "mang so hieu" as a cue', () => {
    const flat = phrases('chuong trinh thuc hien nghi quyet so 72-nq/tw mang so hieu gi').flat();
    expect(flat).not.toContain('dong cua');
    expect(flat).toContain('nghi quyet');
    expect(flat).not.toContain('mang');
  });
});

describe('phone numbers', () => {
  it('reads "gọi số nào", "số điện thoại" and "hotline" as asking for a phone number', () => {
    expect(detectAnswerTypes('Muốn báo cháy thì gọi số nào?')[0]).toBe('phone');
    expect(detectAnswerTypes('so dien thoai ban quan ly cho la bao nhieu')[0]).toBe('phone');
    expect(detectAnswerTypes('What is the hotline of the ward police?')[0]).toBe('phone');
    expect(detectAnswerTypes('Chợ có bao nhiêu số sạp?')).not.toContain('phone');
  });
});

describe('everyday wording', () => {
  it('expands everyday words to the administrative terms articles use', () => {
    const flat = (text: string) => phrases(text).flat();
    expect(flat('Giá đền bù đất ở là bao nhiêu?')).toContain('boi thuong');
    expect(flat('ai đọc quyết định ở hội nghị')).toContain('cong bo');
    expect(flat('thư viện mở cửa mấy giờ')).toContain('lam viec');
    expect(flat('Phường được hình thành từ những đơn vị nào?')).toContain('thanh lap');
    expect(flat('Chợ mới đi vào hoạt động từ hôm nào?')).toContain('bat dau hoat dong');
    expect(flat('Dự toán thu được nâng lên mức nào?')).toContain('dieu chinh');
    expect(flat('Phường bắt đầu xây mới những hạng mục nào?')).toContain('khoi cong');
    expect(flat('Xã có bao nhiêu người sinh sống?')).toContain('dan so');
    expect(flat('Kỳ đại hội đầu tiên của xã diễn ra hôm nào?')).toContain('lan thu nhat');
  });

  it('drops chat fillers such as "muốn" and the modal "phải" from the content an answer must cover', () => {
    expect(phrases('Muốn gọi công an xã thì số nào?').flat().some((phrase) => phrase.includes('muon'))).toBe(false);
    expect(phrases('Xã Đông Hải phải di dời bao nhiêu hộ?').flat().some((phrase) => phrase.includes('phai'))).toBe(false);
    // "giữ chức gì" only asks for the titles, as "giữ chức vụ gì" does.
    expect(phrases('Ông Lê Văn Tâm giữ chức gì ở xã Đông Hải?').flat().some((phrase) => phrase.includes('chuc'))).toBe(false);
  });
});

describe('English civic terms', () => {
  it('maps titles and budget words to the Vietnamese that articles use', () => {
    const flat = (text: string) => phrases(text).flat();
    expect(flat('Who is the Standing Deputy Party Secretary of Tan Hoa ward?')).toContain('pho bi thu thuong truc');
    expect(flat('Who is the director of the hospital?')).toContain('giam doc');
    expect(flat('What is the estimated budget of the festival?')).toContain('kinh phi');
    expect(flat('How much was the estimated damage from the flood?')).toContain('thiet hai');
    expect(flat('Where is the resettlement area of the project?')).toContain('khu tai dinh cu');
    expect(flat('What was the total budget expenditure in 2025?')).toContain('chi ngan sach');
  });

  it('knows the everyday English of businesses, shares of the population, floods and roads', () => {
    const flat = (text: string) => phrases(text).flat();
    expect(flat('How many household businesses operate in Tan Hoa ward?')).toContain('ho kinh doanh');
    expect(flat('What share of the population is Khmer?')).toContain('chiem');
    expect(flat('How many hamlets were deeply flooded?')).toContain('ngap sau');
    expect(flat('Which national highways run through the ward?')).toContain('quoc lo');
  });
});

describe('merger wording', () => {
  it('reads every way of saying "merged from" as one class', () => {
    for (const question of ['Xã Đông Lâm được gộp từ những xã nào?', 'Xã Đông Lâm hình thành từ những xã nào?', 'Xã Đông Lâm được hợp nhất từ những xã nào?']) {
      const texts = analyzeQuestion(question, new Set(['dong', 'lam'])).groups.flatMap((group) => group.texts);
      expect(texts).toEqual(expect.arrayContaining(['sáp nhập', 'sắp xếp', 'hợp nhất', 'cũ']));
    }
  });
});

describe('reading residents\' wording', () => {
  it('does not read "máy tính" or "đầu tiên" as a count or a place question when typed with marks', () => {
    expect(detectAnswerTypes('Đại hội có dùng máy tính bảng không?')).not.toContain('quantity');
    expect(detectAnswerTypes('Đại hội lần đầu tiên họp ra sao?')).not.toContain('location');
    expect(detectAnswerTypes('xa co may thon')).toContain('quantity');
  });

  it('reads "từ ba xã nào" as a list and does not demand the count word', () => {
    const analyzed = analyzeQuestion('Xã Đông Thành được hình thành từ ba xã nào?', new Set(['dong', 'thanh']));
    expect(analyzed.types[0]).toBe('list');
    expect(analyzed.groups.flatMap((group) => group.texts)).not.toContain('ba');
  });

  it('knows a yes/no question and drops its frame', () => {
    const analyzed = analyzeQuestion('Ông A có phải đang công tác ở xã Trung Sơn không?');
    expect(analyzed.asksYesNo).toBe(true);
    expect(analyzed.groups.flatMap((group) => group.texts)).not.toContain('phải');
    expect(analyzeQuestion('Was the secretary previously the district secretary?').asksYesNo).toBe(true);
    expect(analyzeQuestion('Bí thư xã là ai?').asksYesNo).toBeUndefined();
  });

  it('reads "có hơn 3.000 đảng viên không?" as asking for the figure, without the guessed figure, but not an age range', () => {
    const analyzed = analyzeQuestion('Có phải Đảng bộ xã Đông Hải có hơn 3.000 đảng viên không?', new Set(['dong', 'hai']));
    expect(analyzed.types).toEqual(['quantity']);
    expect(analyzed.groups.flatMap((group) => group.texts)).not.toContain('3.000');
    expect(analyzeQuestion('Is Dong Hai ward larger than 80 km2?').types).toEqual(['quantity']);
    expect(analyzeQuestion('Xã Đông Hải có tiêm chủng đủ cho trẻ dưới 1 tuổi không?').types).toEqual(['other']);
  });

  it('does not read the "Văn" of "Văn phòng" as "vẫn" (still), so "có từng làm … không?" stays a yes/no question', () => {
    const analyzed = analyzeQuestion('Ông Trần Văn Tư, bí thư phường Đông Hải, có từng làm Chánh Văn phòng Huyện ủy không?');
    expect(analyzed.types).toEqual(['other']);
    expect(analyzed.asksYesNo).toBe(true);
    expect(analyzeQuestion('Bà Lê Thị Hoa còn làm chủ tịch phường Đông Hải không?').asksCurrent).toBe(true);
    expect(analyzeQuestion('ba le thi hoa con lam chu tich phuong dong hai khong').asksCurrent).toBe(true);
  });

  it('turns an English day and month into the way articles write it', () => {
    const analyzed = analyzeQuestion('How many dengue cases has Tam Thang ward recorded since 1 July?', new Set(['tam', 'thang']));
    expect(analyzed.groups.some((group) => group.phrases.some((phrase) => phrase.join(' ') === '1 7'))).toBe(true);
    // The counted thing is the head noun ("cases"), not the word before it.
    expect(analyzed.countedNoun).toBe('ca');
    expect(analyzeQuestion('How many official delegates attended the congress?').countedNoun).toBe('dai');
  });
});

describe('names, titles and unmarked words', () => {
  it('ends a name where its capitals end and reads "giữ chức vụ gì" as asking for the titles by the name', () => {
    const texts = analyzeQuestion('ông Vũ Tiến Phụng giữ chức vụ gì?').groups.flatMap((group) => group.texts);
    expect(texts).toContain('Tiến Phụng');
    expect(texts).not.toContain('Phụng giữ');
    expect(texts).not.toContain('chức vụ');
  });

  it('does not read an unmarked "cho" as the glossary word "chỗ"', () => {
    const texts = analyzeQuestion('dai hoi dai dien cho bao nhieu dang vien').groups.flatMap((group) => group.texts);
    expect(texts).not.toContain('chỗ');
  });

  it('reads "người đứng đầu chính quyền" as the People\'s Committee chair', () => {
    const texts = analyzeQuestion('Người đứng đầu chính quyền phường là ai?').groups.flatMap((group) => group.texts);
    expect(texts).toContain('chủ tịch ubnd');
  });
});

describe('English with Vietnamese names', () => {
  it('reads an English question that keeps the marks of a place name as English', () => {
    expect(detectLanguage('What is the population of Đông Trà Bồng commune?')).toBe('en');
    expect(detectLanguage('Dân số xã Đông Trà Bồng là bao nhiêu?')).toBe('vi');
  });

  it('matches Vietnamese names of an English question as written, but not capitalised English words', () => {
    const literals = analyzeQuestion('How many members does the Party organisation of Dong Hai ward have, says Nguyen Van Tu?', new Set(['dong', 'hai'])).groups.filter((group) => group.literal).flatMap((group) => group.texts);
    expect(literals).toEqual(expect.arrayContaining(['Nguyen', 'Van', 'Tu']));
    expect(literals).not.toContain('Party');
  });
});
