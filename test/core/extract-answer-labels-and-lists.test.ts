import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/core/extract-answer.js';
import { analyzeQuestion } from '../../src/core/question-analysis.js';
import type { Answer, ArticleMeta, Passage } from '../../src/core/types.js';

// Invented articles about an invented commune; every test reads them as one retrieved passage per paragraph.
const ARTICLE: ArticleMeta = {
  id: 'xa-phuoc-an-thong-bao-2025',
  title: 'Xã Phước An thông báo về chợ mới và lịch tiếp dân',
  url: 'https://example.org/phuoc-an',
  published: '2025-09-02',
  place: 'xã Phước An, tỉnh Đồng Nai',
};

function passagesOf(paragraphs: readonly string[]): Passage[] {
  let start = 0;
  return paragraphs.map((text, ordinal) => {
    const chunk = { id: `${ARTICLE.id}#${ordinal}`, articleId: ARTICLE.id, ordinal, start, end: start + text.length, text };
    start += text.length + 1;
    return { chunk, article: ARTICLE, score: 1 - ordinal / 10 };
  });
}

function ask(question: string, paragraphs: readonly string[]): Answer {
  return extractAnswer(analyzeQuestion(question, new Set(['phuoc', 'an'])), passagesOf(paragraphs));
}

const quote = (answer: Answer): string => (answer.kind === 'answered' ? answer.citations[0]?.quote ?? '' : '');

describe('values after a label colon', () => {
  it('answers a phone question with the number that follows the label', () => {
    const answer = ask('Muốn gọi ban quản lý chợ Phước An thì số nào?', [
      'Chợ Phước An mở cửa từ 5 giờ sáng. Người dân cần phản ánh về vệ sinh có thể liên hệ tổng đài của Ban Quản lý chợ: 0251 3712 468.',
    ]);
    expect(quote(answer)).toContain('0251 3712 468');
    expect(quote(answer)).toContain('Ban Quản lý chợ');
  });
});

describe('lists', () => {
  const plan = [
    'Sáng 2/9, HĐND xã Phước An họp phiên thường kỳ. Năm 2026, xã Phước An chọn 3 nhiệm vụ trọng tâm:\n- Làm mới đường liên thôn Suối Tre, dài 3,4 km;\n- Mở rộng chợ Phước An thêm 40 ki-ốt;\n- Lắp camera an ninh ở 12 ngã ba.',
  ];

  it('answers a question about a lead-in with the items that follow it', () => {
    const text = quote(ask('3 nhiệm vụ trọng tâm năm 2026 của xã Phước An là gì?', plan));
    expect(text).toContain('đường liên thôn Suối Tre');
    expect(text).toContain('40 ki-ốt');
    expect(text).toContain('camera an ninh');
  });

  it('answers with the one item that holds the asked fact, not the whole list', () => {
    const text = quote(ask('Chợ Phước An được mở rộng thêm bao nhiêu ki-ốt?', plan));
    expect(text).toContain('40 ki-ốt');
    expect(text).not.toContain('camera');
  });

  it('reads list items with the words of the heading above them', () => {
    const notice = ['**2. Giờ tiếp công dân**\n- Sáng thứ Ba: từ 7 giờ 30 đến 11 giờ.\n- Chiều thứ Năm: từ 13 giờ 30 đến 16 giờ 30.'];
    expect(quote(ask('xa phuoc an tiep cong dan sang thu ba may gio', notice))).toContain('7 giờ 30');
  });

  it('reads a list whose items continue in the next retrieved chunk', () => {
    const text =
      'Đoàn xã Phước An ra quân với 4 đội hình tình nguyện:\n1. Đội hình "Đường quê sáng": lắp đèn đường.\n2. Đội hình "Bơi an toàn": dạy bơi cho thiếu nhi.\n3. Đội hình "Sách cho em": quyên góp sách.\n4. Đội hình "Nông dân số": hướng dẫn bán hàng qua mạng.';
    // Two chunks as the chunker cuts them: the second repeats the last sentence of the first.
    const cut = text.indexOf('2. Đội hình');
    const overlap = text.indexOf('1. Đội hình');
    const chunks: Passage[] = [
      { chunk: { id: `${ARTICLE.id}#0`, articleId: ARTICLE.id, ordinal: 0, start: 0, end: cut - 1, text: text.slice(0, cut - 1) }, article: ARTICLE, score: 0.9 },
      { chunk: { id: `${ARTICLE.id}#1`, articleId: ARTICLE.id, ordinal: 1, start: overlap, end: text.length, text: text.slice(overlap) }, article: ARTICLE, score: 0.8 },
    ];
    const answer = quote(extractAnswer(analyzeQuestion('Đoàn xã Phước An có những đội hình tình nguyện nào?', new Set(['phuoc', 'an'])), chunks));
    expect(answer).toContain('Đường quê sáng');
    expect(answer).toContain('Nông dân số');
  });
});

describe('people and places written the local way', () => {
  const session = [
    'Ngày 3/10, HĐND xã Phước An họp chuyên đề tại hội trường Đồng Khởi. Chủ tọa kỳ họp là bà H’Nga Ayŭn, Phó Bí thư Đảng ủy, Chủ tịch HĐND xã. Kỳ họp thông qua 4 nghị quyết.',
  ];

  it('answers a who-question with a Central Highlands name written before the title', () => {
    expect(quote(ask('Chủ tịch HĐND xã Phước An là ai?', session))).toContain('H’Nga Ayŭn');
  });

  it('answers a where-question with a named site that is no street address', () => {
    expect(quote(ask('HĐND xã Phước An họp chuyên đề ở đâu?', session))).toContain('hội trường Đồng Khởi');
  });
});

describe('titles of other bodies', () => {
  const launch = [
    'Sáng 6/6, Đoàn xã Phước An ra quân Tháng Thanh niên. Dự lễ có anh Phan Quốc Bảo, Bí thư Tỉnh Đoàn Đồng Nai; anh Lê Trọng Nghĩa, Bí thư Đoàn xã, làm Trưởng ban tổ chức.',
  ];

  it('does not answer the commune Party Secretary with the secretary of the Youth Union', () => {
    expect(ask('Who is the Party Secretary of Phuoc An commune?', launch).kind).toBe('refused');
    expect(ask('Bí thư xã Phước An là ai?', launch).kind).toBe('refused');
  });

  it('answers the Youth Union secretary when the question names the Youth Union', () => {
    expect(quote(ask('Bí thư Đoàn xã Phước An là ai?', launch))).toContain('Lê Trọng Nghĩa');
  });
});

describe('the asked kind of fact decides between neighbouring sentences', () => {
  it('answers "gồm những ai" with the sentence naming the people, not the one naming the office', () => {
    const meeting = [
      'Tại hội nghị, đồng chí Vi Thị Hạnh, Phó Chủ tịch UBND tỉnh Đồng Nai, trao quyết định về nhân sự của xã Phước An. Các Phó Chủ tịch UBND xã gồm các đồng chí Mạc Văn Toàn và Lục Thị Én.',
    ];
    const text = quote(ask('Các Phó Chủ tịch UBND xã Phước An gồm những ai?', meeting));
    expect(text).toContain('Mạc Văn Toàn');
    expect(text).toContain('Lục Thị Én');
  });

  it('answers a list question with a written-out enumeration, not with the sentence that only names the place', () => {
    const opening = [
      'Xã Phước An khánh thành Nhà văn hóa xã tại ấp Suối Cát, tổng kinh phí 6,5 tỷ đồng. Nhà văn hóa có 2 tầng, gồm hội trường 300 chỗ, thư viện, phòng tập võ và sân bóng chuyền.',
    ];
    const text = quote(ask('Nhà văn hóa xã Phước An gồm những gì?', opening));
    expect(text).toContain('thư viện');
    expect(text).toContain('sân bóng chuyền');
  });
});

describe('sentences that refer back', () => {
  it('answers from the sentence that refers back to the named event when it holds the asked fact', () => {
    const campaign = [
      'Sáng 10/6/2025, tại sân vận động xã, Đoàn xã Phước An ra quân Chiến dịch Mùa hè xanh năm 2025 với 300 đoàn viên. Chiến dịch diễn ra đến ngày 15/8/2025.',
    ];
    expect(quote(ask('Chiến dịch Mùa hè xanh của xã Phước An kéo dài đến ngày nào?', campaign))).toContain('15/8/2025');
  });
});

describe('which amount', () => {
  it('takes the amount next to the question’s own words, not any amount next to a money unit', () => {
    const budget = [
      'Báo cáo nêu một số khó khăn: tiến độ thu tiền thuê đất còn chậm; một số hộ còn nợ đọng khoảng 800 triệu đồng; nguồn thu từ phí chưa ổn định.',
      'Năm 2025, xã Phước An thu từ thuế ngoài quốc doanh đạt 5,2 tỷ đồng; thu tiền thuê đất đạt 3,4 tỷ đồng, chủ yếu từ 12 hợp đồng mới.',
    ];
    expect(quote(ask('xa phuoc an thu tien thue dat duoc bao nhieu', budget))).toContain('3,4 tỷ đồng');
  });
});

describe('first batches', () => {
  it('does not answer "how many" with the count of a first batch', () => {
    const drive = [
      'Ngay sau lễ phát động, Hội Khuyến học xã Phước An đã trao 25 suất học bổng đầu tiên cho học sinh nghèo.',
      'Theo kế hoạch, năm nay Hội Khuyến học xã Phước An sẽ trao 150 suất học bổng, mỗi suất 2 triệu đồng.',
    ];
    const text = quote(ask('Hội Khuyến học xã Phước An trao bao nhiêu suất học bổng?', drive));
    expect(text).toContain('150 suất');
  });
});
