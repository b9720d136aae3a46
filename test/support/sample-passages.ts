import type { Answer, ArticleMeta, Passage } from '../../src/core/types.js';

const AN_HAI: ArticleMeta = {
  id: 'phuong-an-hai-dai-hoi-2025',
  title: 'Phường An Hải đặt mục tiêu đến năm 2030 kinh tế phát triển nhanh, bền vững',
  url: 'https://haiphong.gov.vn/tin-dia-phuong/phuong-an-hai',
  published: '2025-08-15',
  place: 'phường An Hải, TP Hải Phòng',
};
const HOA_BINH: ArticleMeta = {
  id: 'phuong-hoa-binh-dai-hoi-2025',
  title: 'Đại hội Đảng bộ phường Hòa Bình lần thứ I',
  url: 'https://example.org/hoa-binh',
  published: '2025-08-20',
  place: 'phường Hòa Bình, TP Hải Phòng',
};

const TEXTS: Array<[ArticleMeta, string]> = [
  [
    AN_HAI,
    'Sáng 15/8, Đảng bộ phường An Hải tổ chức Đại hội Đại biểu Đảng bộ phường lần thứ Nhất, nhiệm kỳ 2025 - 2030. Cùng dự Đại hội có 214 đại biểu đại diện cho 2.883 đảng viên của Đảng bộ phường.',
  ],
  [
    AN_HAI,
    'Phong trào văn hóa, văn nghệ phát triển mạnh; 87% hộ đạt danh hiệu gia đình văn hóa. Năm 2025, tổng thu ngân sách ước đạt 21,31 tỷ đồng, bằng 124% kế hoạch.',
  ],
  [
    AN_HAI,
    'Đại hội công bố Quyết định chỉ định 30 đồng chí tham gia Ban Chấp hành Đảng bộ phường. Trong đó, đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường, các đồng chí Lương Thế Quý và Phạm Hải Nam giữ chức Phó Bí thư Đảng ủy phường.',
  ],
  [HOA_BINH, 'Đồng chí Nguyễn Thị Hoà được chỉ định giữ chức Bí thư Đảng ủy phường Hòa Bình nhiệm kỳ 2025 - 2030.'],
];

/** Four retrieved passages (three of one article, one of another), numbered [1]..[4] in the prompt. */
export function samplePassages(): Passage[] {
  return TEXTS.map(([article, text], ordinal) => ({
    article,
    chunk: { id: `${article.id}#${ordinal}`, articleId: article.id, ordinal, start: 0, end: text.length, text },
    score: 1 - ordinal / 10,
  }));
}

/** An offline extractive answer to fall back on. */
export function sampleFallback(): Answer {
  const quote = 'đồng chí Chu Đức Anh giữ chức Bí thư Đảng ủy phường';
  return {
    kind: 'answered',
    text: quote,
    citations: [{ id: AN_HAI.id, title: AN_HAI.title, url: AN_HAI.url, quote, published: AN_HAI.published }],
    mode: 'extractive',
    language: 'vi',
  };
}
