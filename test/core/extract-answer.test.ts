import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import { extractAnswer } from '../../src/core/extract-answer.js';
import type { ArticleMeta, Passage } from '../../src/core/types.js';

const ARTICLE: ArticleMeta = {
  id: 'xa-dong-lam-bai-viet',
  title: 'Xã Đông Lâm tổ chức các hoạt động trong tháng',
  url: 'https://example.org/xa-dong-lam',
  published: '2025-05-20',
  place: 'xã Đông Lâm, tỉnh Thái Hòa',
};

/** One article whose body is the given paragraphs, retrieved as a single chunk. */
function passagesOf(...paragraphs: string[]): Passage[] {
  return passagesOfArticle(ARTICLE, paragraphs);
}

function passagesOfArticle(article: ArticleMeta, paragraphs: string[]): Passage[] {
  const text = paragraphs.join('\n\n');
  return [{ article, chunk: { id: `${article.id}#0`, articleId: article.id, ordinal: 0, start: 0, end: text.length, text }, score: 1 }];
}

const answer = (question: string, passages: Passage[]) => extractAnswer(analyzeQuestion(question, new Set(['dong', 'lam'])), passages);

describe('date questions', () => {
  it('answers the day the event happened, not the issue date of the document it is about', () => {
    const passages = passagesOf(
      'Sáng 12/5/2025, Đảng ủy xã Đông Lâm tổ chức hội nghị cho toàn thể cán bộ, đảng viên để học tập, quán triệt nghị quyết mới của Bộ Chính trị.',
      'Văn bản được quán triệt là Nghị quyết số 72-NQ/TW, ban hành ngày 9/9/2024.',
    );
    const result = answer('Xã Đông Lâm học Nghị quyết số 72-NQ/TW hôm nào?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('Sáng 12/5/2025');
  });

  it('prefers the sentence dating the event over a shorter one giving only the issue date', () => {
    const passages = passagesOf(
      'Sáng 12/5/2025, Đảng ủy xã Đông Lâm tổ chức hội nghị cho toàn thể cán bộ, đảng viên để học tập, quán triệt Nghị quyết số 72-NQ/TW.',
      'Nội dung gồm nhiều điểm mới. Văn bản thứ nhất là Nghị quyết số 72-NQ/TW, ban hành ngày 9/9/2024.',
    );
    const result = answer('Xã Đông Lâm học Nghị quyết số 72-NQ/TW hôm nào?', passages);
    expect(result.text).toContain('12/5/2025');
    expect(result.text).not.toContain('9/9/2024');
  });

  it('answers the issue date when the question asks when the document was issued', () => {
    const passages = passagesOf('Nghị quyết số 72-NQ/TW được Bộ Chính trị ban hành ngày 9/9/2024, sau đó xã tổ chức học tập ngày 12/5/2025.');
    const result = answer('Nghị quyết số 72-NQ/TW ban hành ngày nào?', passages);
    expect(result.text).toContain('9/9/2024');
  });

  it('takes the date from the neighbouring sentence when the sentence matching the question has none', () => {
    const passages = passagesOf(
      'Bắt đầu từ ngày 3/6/2025, người dân xã Đông Lâm có thể nộp hồ sơ ở nhiều nơi hơn.',
      'Cụ thể, UBND xã mở thêm 3 quầy tiếp nhận hồ sơ tại nhà văn hóa các thôn.',
      'Văn bản về việc này được Chủ tịch UBND xã ký ngày 20/5/2025.',
    );
    const result = answer('Từ ngày nào xã Đông Lâm mở thêm quầy tiếp nhận hồ sơ?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('3/6/2025');
    expect(result.text).toContain('mở thêm 3 quầy');
  });
});

describe('when something took place', () => {
  it('answers the days a congress was held, not the afternoon it closed', () => {
    const passages = passagesOf(
      'Trong hai ngày 17-18/6, Đảng bộ xã Đông Lâm tổ chức Đại hội Đại biểu Đảng bộ xã lần thứ Nhất, nhiệm kỳ 2025 - 2030, với 180 đại biểu.',
      'Chiều 18/6, Đại hội bế mạc sau khi bầu đoàn đại biểu đi dự Đại hội Đảng bộ tỉnh lần thứ nhất.',
    );
    const result = answer('Đại hội Đảng bộ xã Đông Lâm lần thứ nhất diễn ra ngày nào?', passages);
    expect(result.text).toContain('17-18/6');
  });

  it('does not date the opening by the sentence about the close', () => {
    const passages = passagesOf(
      '(Báo Thái Hòa) - Trong hai ngày 17-18/6, Đảng bộ xã Đông Lâm tổ chức Đại hội Đại biểu Đảng bộ xã lần thứ Nhất, nhiệm kỳ 2025 - 2030.',
      'Chiều 18/6, Đại hội bế mạc sau khi thông qua Nghị quyết Đại hội và bầu đoàn đại biểu đi dự Đại hội Đảng bộ tỉnh.',
    );
    const result = answer('Đại hội Đảng bộ xã Đông Lâm lần thứ nhất khai mạc hôm nào?', passages);
    expect(result.text).toContain('17-18/6');
  });

  it('answers "the last term" with the term just ended, not the targets set for the new one', () => {
    const passages = passagesOf(
      'Trong nhiệm kỳ qua, xã Đông Lâm đạt nhiều kết quả tích cực. Tổng giá trị sản xuất tăng bình quân 8,46%/năm.',
      'Đại hội đề ra 15 chỉ tiêu cho nhiệm kỳ 2025 - 2030, trong đó phấn đấu tốc độ tăng giá trị sản xuất bình quân đạt 10%/năm.',
    );
    const result = answer('What was the annual growth rate of total production value in Dong Lam commune during the last term?', passages);
    expect(result.text).toContain('8,46%');
  });
});

describe('level of government', () => {
  const passages = passagesOf(
    'Dự lễ có đồng chí Trịnh Văn Hùng, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh Thái Hòa.',
    'Các Phó Chủ tịch UBND xã là đồng chí Ngô Thị Lan và đồng chí Bạch Văn Tài.',
  );

  it('answers with the commune officials when the question asks about the commune', () => {
    const result = answer('pho chu tich ubnd xa dong lam gom nhung ai', passages);
    expect(result.text).toContain('Ngô Thị Lan');
    expect(result.text).not.toContain('Trịnh Văn Hùng');
  });

  it('answers with the province official when the question asks about the province', () => {
    const result = answer('Phó Chủ tịch UBND tỉnh dự lễ ở xã Đông Lâm là ai?', passages);
    expect(result.text).toContain('Trịnh Văn Hùng');
  });

  it('answers an English question about the commune council with the commune official', () => {
    const council = passagesOf(
      'Đồng chí Trịnh Văn Hùng, Chủ tịch HĐND tỉnh, dự hội nghị.',
      'Tại điểm cầu xã Đông Lâm có đồng chí Mạc Thị Hoa, Bí thư Đảng ủy, Chủ tịch HĐND xã và nhiều đại biểu khác.',
    );
    const result = answer("Who chairs the People's Council of Dong Lam commune?", council);
    expect(result.text).toContain('Mạc Thị Hoa');
  });

  it('refuses a commune question when only a province official is named', () => {
    const result = answer('Phó Chủ tịch UBND xã Đông Lâm là ai?', passagesOf('Dự lễ có đồng chí Trịnh Văn Hùng, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh Thái Hòa.'));
    expect(result.kind).toBe('refused');
  });
});

describe('opening hours', () => {
  const passages = passagesOf(
    'Xã Đông Lâm hiện có 1.240 hộ dân sinh sống tại 9 thôn.',
    'Bộ phận một cửa của xã làm việc từ 7 giờ 15 đến 16 giờ 45, từ thứ Hai đến thứ Sáu.',
  );

  it('answers a time span when the article states one', () => {
    const result = answer('Bộ phận một cửa xã Đông Lâm làm việc từ mấy giờ?', passages);
    expect(result.text).toContain('từ 7 giờ 15 đến 16 giờ 45');
  });

  it('answers English questions about opening hours', () => {
    const result = answer('What are the opening hours of Dong Lam commune?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('7 giờ 15');
  });

  it('answers the Saturday hours when the question asks about "thứ 7"', () => {
    const weekdays = passagesOf(
      'Bộ phận một cửa của xã nhận hồ sơ từ 7 giờ 15 đến 16 giờ 45, từ thứ Hai đến thứ Sáu.',
      'Riêng sáng thứ Bảy, bộ phận chỉ mở cửa từ 7 giờ 30 đến 10 giờ 30 để phục vụ học sinh, sinh viên.',
    );
    const result = answer('thu 7 xa dong lam co nhan ho so ko, may gio nghi vay', weekdays);
    expect(result.text).toContain('10 giờ 30');
  });

  it('answers English opening-hours questions from the sentence giving the hours, though it names the office only as "both sites"', () => {
    const passages = passagesOf(
      'Xã Đông Lâm bố trí thêm một điểm tiếp nhận hồ sơ bên cạnh Trung tâm Phục vụ hành chính công xã.',
      'Việc mở thêm điểm nhằm giảm thời gian chờ của người dân, nhất là vào đầu tuần.',
      'Thời gian tiếp nhận hồ sơ tại cả hai nơi từ 7h15 đến 11h00 và từ 13h30 đến 16h45 các ngày làm việc.',
    );
    const result = answer('What are the opening hours of the Dong Lam commune public administration service centre?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('7h15');
  });

  it('refuses when the article gives no time of day, even with a head count nearby', () => {
    const result = answer('Bộ phận một cửa xã Đông Lâm làm việc từ mấy giờ?', passagesOf('Bộ phận một cửa của xã làm việc với 6 công chức, tiếp nhận 1.240 hồ sơ mỗi tháng.'));
    expect(result.kind).toBe('refused');
  });
});

describe('counts of a named thing', () => {
  it('answers a count whose noun follows the number, though the question restates the context of the sentence before', () => {
    const passages = passagesOf(
      'Chiều 8/5/2025, Tỉnh ủy Thái Hòa tổ chức hội nghị trực tuyến sơ kết Chỉ thị số 35-CT/TW, các xã tham dự tại hội trường của xã.',
      'Có 96 điểm cầu được kết nối với hội nghị, trong đó có xã Đông Lâm.',
    );
    const result = answer('Hội nghị trực tuyến sơ kết Chỉ thị số 35-CT/TW mà xã Đông Lâm tham dự được kết nối tới bao nhiêu điểm cầu?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('96 điểm cầu');
  });
});

describe('budget and merger questions', () => {
  const budget = passagesOfArticle({ ...ARTICLE, id: 'xa-dong-lam-ngan-sach-2023', title: 'HĐND xã Đông Lâm điều chỉnh dự toán ngân sách năm 2023', published: '2023-10-02' }, [
    'Kỳ họp thông qua nghị quyết điều chỉnh dự toán thu, chi ngân sách địa phương.',
    'Về chi, khoản lớn nhất là chi thường xuyên, hơn 61,3 tỷ đồng; chi đầu tư phát triển là hơn 14,9 tỷ đồng.',
  ]);

  it('answers a spending question typed without diacritics, with "năm 2023" and "hết" as fillers', () => {
    const result = answer('xa dong lam nam 2023 chi thuong xuyen het bao nhieu tien', budget);
    expect(result.text).toContain('61,3 tỷ đồng');
  });

  it('answers how much development investment a commune planned, in English', () => {
    const result = answer('How much development investment spending did Dong Lam commune plan for 2023?', budget);
    expect(result.text).toContain('14,9 tỷ đồng');
  });

  it('answers the adjusted budget revenue asked in English', () => {
    const revenue = passagesOfArticle({ ...ARTICLE, id: 'xa-dong-lam-ngan-sach-2024', title: 'HĐND xã Đông Lâm điều chỉnh dự toán ngân sách năm 2024', published: '2024-09-12' }, [
      'Theo nghị quyết, tổng thu cân đối ngân sách năm 2024 của xã sau điều chỉnh là hơn 77,4 tỷ đồng.',
    ]);
    expect(answer('What was the adjusted 2024 budget revenue of Dong Lam commune?', revenue).text).toContain('77,4 tỷ đồng');
  });

  it('lists former wards whose names share a syllable with a title word', () => {
    const passages = passagesOf('Xã Đông Lâm được thành lập trên cơ sở sắp xếp toàn bộ diện tích tự nhiên của xã Phú Lộc và xã Hòa Nam.');
    const result = answer('xã Đông Lâm bây giờ gộp từ mấy xã nào thế?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('Hòa Nam');
  });
});

describe('how many people a body has', () => {
  it('counts the members of a named body, not the residents', () => {
    const passages = passagesOf(
      'Sau sắp xếp, xã Đông Lâm có quy mô dân số 41.250 người.',
      'Đại hội đã bầu Ban Chấp hành Đảng bộ xã nhiệm kỳ 2025 - 2030 gồm 29 đồng chí.',
    );
    expect(answer('ban chap hanh dang bo xa dong lam co bao nhieu nguoi', passages).text).toContain('29 đồng chí');
    expect(answer('Dân số xã Đông Lâm là bao nhiêu người?', passages).text).toContain('41.250');
  });
});

describe('terms of office', () => {
  const congress: ArticleMeta = { ...ARTICLE, id: 'dai-hoi', title: 'Đại hội Đảng bộ xã Đông Lâm lần thứ I', published: '2025-08-14' };
  const passages = passagesOfArticle(congress, [
    'Đảng bộ xã Đông Lâm tổ chức Đại hội đại biểu lần thứ I, nhiệm kỳ 2025-2030, với 180 đại biểu tham dự.',
    'Tại phiên họp thứ nhất, Ban Chấp hành đã bầu đồng chí Hà Văn Tĩnh giữ chức Bí thư Đảng ủy xã.',
  ]);

  it('answers a question naming the term from an article of that term that states it only once', () => {
    const result = answer('Ai được bầu làm Bí thư Đảng ủy xã Đông Lâm nhiệm kỳ 2025-2030?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('Hà Văn Tĩnh');
  });

  it('does not answer a question about the previous term with the new term\'s article', () => {
    expect(answer('Ai là Bí thư Đảng ủy xã Đông Lâm nhiệm kỳ 2020-2025?', passages).kind).not.toBe('answered');
  });
});

describe('hours on a given weekday', () => {
  it('does not borrow a neighbouring sentence whose hours are for other days', () => {
    const notice: ArticleMeta = { ...ARTICLE, id: 'diem-tiep-nhan', title: 'Xã Đông Lâm mở thêm điểm tiếp nhận hồ sơ, làm việc cả sáng thứ Bảy' };
    const passages = passagesOfArticle(notice, [
      'Điểm tiếp nhận số 2 của xã Đông Lâm đặt tại nhà văn hóa thôn Đông, phục vụ người dân các thôn phía bắc.',
      'Các điểm tiếp nhận làm việc từ 7 giờ 30 đến 17 giờ, từ thứ Hai đến thứ Sáu. Riêng sáng thứ Bảy, cả hai điểm đều mở cửa từ 7 giờ 30 đến 11 giờ 30 để phục vụ người lao động.',
    ]);
    const result = answer('thứ 7 xã đông lâm có nhận hồ sơ ko, mấy giờ nghỉ vậy?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('11 giờ 30');
  });
});

describe('heads of offices', () => {
  it('does not give a deputy as "người đứng đầu" of anything', () => {
    const passages = passagesOf('Theo ông Trần Văn Ba, Phó Chủ tịch UBND xã Đông Lâm, Trạm Y tế xã sau khi sáp nhập đã có bộ máy đầy đủ.');
    expect(answer('Ai là người đứng đầu Trạm Y tế xã Đông Lâm?', passages).kind).toBe('refused');
  });

  it('never answers a ward office with a national one ("Thường trực Ban Bí thư")', () => {
    const passages = passagesOf(
      'Thường trực Ban Bí thư Lê Văn Một đã hỏi thăm người dân đến làm thủ tục tại xã Đông Lâm.',
      'Bà Nguyễn Thị Hai, Bí thư Đảng ủy xã Đông Lâm, cho rằng đại hội là dịp quan trọng.',
    );
    const result = answer('Bí thư xã Đông Lâm là ai?', passages);
    expect(result.text).toContain('Nguyễn Thị Hai');
  });
});

describe('the units a ward was merged from', () => {
  it('reads names that end in a title word and a list opened by "sáp nhập 3 xã:"', () => {
    const passages = passagesOf(
      'Sáng 20/5, Đảng bộ xã Đông Lâm tổ chức đại hội lần thứ I.',
      'Xã Đông Lâm được hình thành trên cơ sở sáp nhập 3 xã: Đồng Thành, Kim Thành và Quang Trung.',
    );
    const result = answer('Xã Đông Lâm được sáp nhập từ những xã nào?', passages);
    expect(result.kind).toBe('answered');
    expect(result.text).toContain('Kim Thành');
    expect(result.text).toContain('Quang Trung');
  });

  it('answers with the merged units when one of them gave the new ward its name, but not with a list of other things', () => {
    const merged = answer('Xã Đông Lâm được hợp nhất từ những xã nào?', passagesOf('Sáng 20/5, Đảng bộ xã Đông Lâm tổ chức đại hội.', 'Xã Đông Lâm được thành lập trên cơ sở hợp nhất hai xã Đông Lâm và Tân Phúc.'));
    expect(merged.kind).toBe('answered');
    expect(merged.text).toContain('Tân Phúc');
    const other = answer('Xã Đông Lâm được hợp nhất từ những xã nào?', passagesOf('Sáng 20/5, Đảng bộ xã Đông Lâm tổ chức đại hội.', 'HTX Nông sản Đông Lâm và ông Lê Văn Minh được tuyên dương.'));
    expect(other.kind).toBe('refused');
  });
});

describe('the part of the day', () => {
  const passages = () =>
    passagesOf('Chiều 20-5, Đảng bộ xã Đông Lâm tổ chức Đại hội đại biểu lần thứ I với tinh thần sáng tạo.', 'Đại hội bầu 15 đồng chí vào Ban Chấp hành.');

  it('answers "buổi sáng hay buổi chiều?" with the part of the day the article names, though the question names it too', () => {
    for (const question of ['Đại hội Đảng bộ xã Đông Lâm họp buổi sáng hay buổi chiều?', 'dai hoi dang bo xa dong lam dien ra vao buoi nao']) {
      const result = answer(question, passages());
      expect(result.kind).toBe('answered');
      expect(result.text).toContain('Chiều 20-5');
    }
  });

  it('does not read "sáng tạo" as a morning', () => {
    const result = answer('Đại hội xã Đông Lâm họp buổi nào?', passagesOf('Đại hội xã Đông Lâm diễn ra với tinh thần sáng tạo và đổi mới.'));
    expect(result.kind).toBe('refused');
  });
});

describe('officers of other bodies', () => {
  it('does not answer the People\'s Committee\'s vice chair with the Front\'s, or with someone holding another office', () => {
    const passages = passagesOf(
      'Sáng 9/2, lãnh đạo xã Đông Lâm đi chúc Tết các trường học.',
      'Cùng đi với Chủ tịch UBND xã có:\n1. Ông Lê Văn An, Phó Chủ tịch Ủy ban MTTQ Việt Nam xã, Chủ tịch Hội Nông dân;\n2. Ông Trần Văn Bình, Phó Trưởng Ban Văn hóa – Xã hội HĐND xã.',
    );
    for (const question of ['Phó Chủ tịch UBND xã Đông Lâm là ai?', 'pho chu tich ubnd xa dong lam ten la gi']) {
      const result = answer(question, passages);
      expect(result.text).not.toContain('Lê Văn An');
      expect(result.text).not.toContain('Trần Văn Bình');
    }
  });
});
