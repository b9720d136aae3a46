import { describe, expect, it } from 'vitest';
import { splitClauses, splitSentences } from '../../src/ingest/split-sentences.js';

const sentences = (text: string): string[] => splitSentences(text).map((span) => text.slice(span.start, span.end));

describe('splitSentences', () => {
  it('splits at . ! ? and … followed by a space and a capital', () => {
    expect(sentences('Phường tổ chức Đại hội. Có 214 đại biểu! Ai dự? Nhiều người… Hết.')).toEqual([
      'Phường tổ chức Đại hội.',
      'Có 214 đại biểu!',
      'Ai dự?',
      'Nhiều người…',
      'Hết.',
    ]);
  });

  it('splits at every newline, even without a period', () => {
    expect(sentences('Tiêu đề phụ\nĐảng bộ phường tổ chức Đại hội.\n\nCâu khác')).toEqual([
      'Tiêu đề phụ',
      'Đảng bộ phường tổ chức Đại hội.',
      'Câu khác',
    ]);
  });

  it('splits a photo caption glued to the next sentence without a space', () => {
    expect(sentences('Đại biểu dự Đại hội.Phường An Hải được thành lập trên cơ sở sắp xếp.')).toEqual([
      'Đại biểu dự Đại hội.',
      'Phường An Hải được thành lập trên cơ sở sắp xếp.',
    ]);
    expect(sentences('Đồng chí phát biểu chỉ đạo.“Đến năm 2030, phường phát triển.”')).toEqual([
      'Đồng chí phát biểu chỉ đạo.',
      '“Đến năm 2030, phường phát triển.”',
    ]);
  });

  it('does not split inside numbers and dates', () => {
    const text = 'Có 214 đại biểu đại diện cho 2.883 đảng viên. Thu ngân sách đạt 21,31 tỷ đồng, tăng 1.450 triệu so với 15/8/2025. Hộ cận nghèo còn 0,12%.';
    expect(sentences(text)).toEqual([
      'Có 214 đại biểu đại diện cho 2.883 đảng viên.',
      'Thu ngân sách đạt 21,31 tỷ đồng, tăng 1.450 triệu so với 15/8/2025.',
      'Hộ cận nghèo còn 0,12%.',
    ]);
  });

  it('does not split after an abbreviation followed by a name or number', () => {
    const text = 'Đoàn công tác TP. Hải Phòng gồm ThS. Nguyễn Văn A, TS. Trần B và PGS.TS. Lê C. Trụ sở ở Q. 1, P. Bến Nghé, TP.HCM. Hết.';
    expect(sentences(text)).toEqual([
      'Đoàn công tác TP. Hải Phòng gồm ThS. Nguyễn Văn A, TS. Trần B và PGS.TS. Lê C.',
      'Trụ sở ở Q. 1, P. Bến Nghé, TP.HCM.',
      'Hết.',
    ]);
  });

  it('does not split inside domain names or before a lower-case continuation', () => {
    expect(sentences('(Haiphong.gov.vn) - Sáng 15/8, Đảng bộ họp. Các phòng, ban v.v. đều dự.')).toEqual([
      '(Haiphong.gov.vn) - Sáng 15/8, Đảng bộ họp.',
      'Các phòng, ban v.v. đều dự.',
    ]);
  });

  it('still splits when a word merely ends like an abbreviation', () => {
    expect(sentences('Lãnh đạo HĐND và UBND TP. Hải Phòng dự. Đại hội bầu BTP. Kết thúc.')).toEqual([
      'Lãnh đạo HĐND và UBND TP. Hải Phòng dự.',
      'Đại hội bầu BTP.',
      'Kết thúc.',
    ]);
    expect(sentences('Trường được xếp loại A. Năm nay có 500 học sinh.')).toEqual([
      'Trường được xếp loại A.',
      'Năm nay có 500 học sinh.',
    ]);
  });

  it('treats "./." as the end of the article', () => {
    expect(sentences('Đại hội nhiệm kỳ 2025 – 2030./.')).toEqual(['Đại hội nhiệm kỳ 2025 – 2030./.']);
    expect(sentences('Câu cuối./. Nguồn: Báo Hải Phòng')).toEqual(['Câu cuối./.', 'Nguồn: Báo Hải Phòng']);
  });

  it('keeps closing quotes and brackets with their sentence', () => {
    expect(sentences('Ông nói: “Phải giao việc cụ thể.” Đại hội tán thành. (Ảnh: Thu Hà.) Tiếp theo.')).toEqual([
      'Ông nói: “Phải giao việc cụ thể.”',
      'Đại hội tán thành.',
      '(Ảnh: Thu Hà.)',
      'Tiếp theo.',
    ]);
  });

  it('returns spans trimmed of surrounding whitespace and skips blank lines', () => {
    const text = '  Câu một.   Câu hai.  \n \n';
    expect(splitSentences(text)).toEqual([
      { start: 2, end: 10 },
      { start: 13, end: 21 },
    ]);
  });

  it('returns no spans for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\t ')).toEqual([]);
  });

  it('cuts a sentence longer than 400 characters at "; " into pieces of at most 400', () => {
    const clause = (index: number): string => `nhiệm vụ thứ ${index} được triển khai đồng bộ trên toàn địa bàn phường với nhiều giải pháp cụ thể`;
    const text = `Đảng bộ thống nhất: ${Array.from({ length: 12 }, (_, index) => clause(index + 1)).join('; ')}.`;
    expect(text.length).toBeGreaterThan(1000);
    const pieces = sentences(text);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(400);
    expect(pieces.slice(0, -1).every((piece) => piece.endsWith(';'))).toBe(true);
    expect(pieces.join(' ')).toBe(text);
  });

  it('leaves a long sentence whole when it has no "; " to cut at', () => {
    const text = `${'Đảng bộ phường đẩy mạnh chuyển đổi số, '.repeat(15)}xây dựng chính quyền số.`;
    expect(sentences(text)).toEqual([text]);
  });

  it('finds every sentence of an NFC Vietnamese news paragraph in order without overlaps', () => {
    const text =
      'Ban chấp hành Đảng bộ phường nhiệm kỳ 2025 - 2030 ra mắt Đại hội.Đại hội công bố Quyết định chỉ định 30 đồng chí; trong đó, đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường.';
    const spans = splitSentences(text);
    expect(spans).toHaveLength(2);
    expect(spans[0]?.end).toBeLessThanOrEqual(spans[1]?.start ?? 0);
    expect(text.slice(spans[1]?.start, spans[1]?.end)).toContain('Chu Đức Anh giữ chức Bí thư');
  });
});

describe('numbered lines', () => {
  it('keeps the number of a list item or heading with its line', () => {
    const text = 'Xã đề ra 2 giải pháp:\n1. Đẩy nhanh đấu giá đất.\n2. Thu hồi nợ thuế.\n**3. Liên hệ**';
    expect(sentences(text)).toEqual(['Xã đề ra 2 giải pháp:', '1. Đẩy nhanh đấu giá đất.', '2. Thu hồi nợ thuế.', '**3. Liên hệ**']);
  });
});

describe('splitClauses', () => {
  const clauses = (text: string) => splitClauses(text).map((span) => text.slice(span.start, span.end));

  it('keeps a label ending in a colon together with the value after it', () => {
    const text = 'Mọi thắc mắc xin gọi tổng đài của Ban Quản lý chợ Phước An: 0251 3712 468.';
    expect(clauses(text)).toEqual([text, '0251 3712 468.']);
  });

  it('cuts a sentence after semicolons, each clause without its closing mark', () => {
    const text = 'Theo đó: ông Trịnh Văn Bảo làm Trưởng ban; bà Mai Thu Hằng làm Phó Trưởng ban.';
    expect(clauses(text)).toEqual(['Theo đó: ông Trịnh Văn Bảo làm Trưởng ban', 'ông Trịnh Văn Bảo làm Trưởng ban', 'bà Mai Thu Hằng làm Phó Trưởng ban.']);
  });

  it('keeps a colon that ends the sentence as a clause of its own, since nothing follows it', () => {
    expect(clauses('Ban tổ chức công bố danh sách:')).toEqual(['Ban tổ chức công bố danh sách']);
  });
});
