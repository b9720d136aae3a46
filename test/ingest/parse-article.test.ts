import { describe, expect, it } from 'vitest';
import { ArticleError } from '../../src/core/errors.js';
import { parseArticle, slugFromFileName } from '../../src/ingest/parse-article.js';

const markdown = (frontMatter: string, body = 'Nội dung bài viết.'): string => `---\n${frontMatter}\n---\n${body}\n`;

function parseError(file: string, content: string): ArticleError {
  try {
    parseArticle(file, content);
  } catch (error) {
    if (error instanceof ArticleError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be rejected`);
}

describe('parseArticle (.md)', () => {
  it('reads id, title, source_url, published and place from the front matter', () => {
    const article = parseArticle(
      'phuong-x.md',
      markdown(
        'id: phuong-x-dai-hoi\ntitle: "Phường X tổ chức Đại hội"\nsource_url: https://example.gov.vn/a\npublished: 2025-08-15\nplace: "phường X, TP Y"',
        'Sáng 15/8, Đảng bộ phường X tổ chức Đại hội.\n\nCó 214 đại biểu dự.',
      ),
    );
    expect(article).toEqual({
      id: 'phuong-x-dai-hoi',
      title: 'Phường X tổ chức Đại hội',
      url: 'https://example.gov.vn/a',
      published: '2025-08-15',
      place: 'phường X, TP Y',
      text: 'Sáng 15/8, Đảng bộ phường X tổ chức Đại hội.\nCó 214 đại biểu dự.',
      file: 'phuong-x.md',
    });
  });

  it('defaults the url to empty and leaves published and place out when absent', () => {
    const article = parseArticle('a.md', markdown('id: a\ntitle: Tiêu đề'));
    expect(article.url).toBe('');
    expect(article).not.toHaveProperty('published');
    expect(article).not.toHaveProperty('place');
  });

  it('accepts published as a bare year, a year-month, and a YAML timestamp', () => {
    expect(parseArticle('a.md', markdown('id: a\ntitle: T\npublished: 2025')).published).toBe('2025');
    expect(parseArticle('a.md', markdown('id: a\ntitle: T\npublished: 2025-08')).published).toBe('2025-08');
    expect(parseArticle('a.md', markdown('id: a\ntitle: T\npublished: !!timestamp 2025-08-15')).published).toBe('2025-08-15');
  });

  it('rejects a published date in another format, naming the file, the field and the value', () => {
    const error = parseError('phuong-x.md', markdown('id: a\ntitle: T\npublished: 15/8/2025'));
    expect(error.file).toBe('phuong-x.md');
    expect(error.field).toBe('published');
    expect(error.message).toBe('phuong-x.md: front matter field "published" must be YYYY, YYYY-MM or YYYY-MM-DD (got "15/8/2025")');
  });

  it('rejects an impossible month or a day the month does not have', () => {
    expect(parseError('a.md', markdown('id: a\ntitle: T\npublished: 2025-13')).field).toBe('published');
    expect(parseError('a.md', markdown('id: a\ntitle: T\npublished: 2025-02-30')).field).toBe('published');
    expect(parseArticle('a.md', markdown('id: a\ntitle: T\npublished: 2024-02-29')).published).toBe('2024-02-29');
  });

  it('accepts a quoted date string as well as a bare one', () => {
    expect(parseArticle('a.md', markdown('id: a\ntitle: T\npublished: "2025-08-15"')).published).toBe('2025-08-15');
  });

  it('rejects a file without a front matter block', () => {
    const error = parseError('bai.md', '# Tiêu đề\n\nNội dung.');
    expect(error.file).toBe('bai.md');
    expect(error.message).toContain('no front matter block --- … --- at the top');
  });

  it('rejects a missing id or title, naming the field', () => {
    expect(parseError('a.md', markdown('title: T')).field).toBe('id');
    const error = parseError('a.md', markdown('id: a'));
    expect(error.field).toBe('title');
    expect(error.message).toContain('"title" is missing');
  });

  it('rejects an id that is not a slug', () => {
    const error = parseError('a.md', markdown('id: Phường X\ntitle: T'));
    expect(error.field).toBe('id');
    expect(error.message).toContain('(got "Phường X")');
  });

  it('rejects a source_url that is not http(s)', () => {
    const error = parseError('a.md', markdown('id: a\ntitle: T\nsource_url: ftp://example.gov.vn/a'));
    expect(error.field).toBe('source_url');
    expect(error.message).toContain('http(s) URL');
  });

  it('rejects front matter that is not valid YAML', () => {
    expect(parseError('a.md', markdown('id: a\ntitle: "unclosed')).message).toContain('not valid YAML');
  });

  it('rejects an article with no text after the front matter', () => {
    expect(parseError('a.md', markdown('id: a\ntitle: T', '')).field).toBe('text');
  });

  it('returns NFC strings when the file is written in NFD', () => {
    const content = markdown('id: a\ntitle: "Phường Hòa Bình"\nplace: "phường Hòa Bình, TP Hải Phòng"', 'Đảng bộ phường Hòa Bình.').normalize('NFD');
    const article = parseArticle('a.md', content);
    expect(article.title).toBe('Phường Hòa Bình'.normalize('NFC'));
    expect(article.place).toBe('phường Hòa Bình, TP Hải Phòng'.normalize('NFC'));
    expect(article.text).toBe('Đảng bộ phường Hòa Bình.'.normalize('NFC'));
    expect(article.text.normalize('NFC')).toBe(article.text);
  });

  it('normalises CRLF line endings, collapses spaces and tabs and drops blank lines', () => {
    const article = parseArticle('a.md', '---\r\nid: a\r\ntitle: T\r\n---\r\n  Câu   thứ\tnhất.  \r\n\r\n\r\nCâu thứ hai.\r\n');
    expect(article.text).toBe('Câu thứ nhất.\nCâu thứ hai.');
  });
});

describe('parseArticle (.txt)', () => {
  it('takes the first non-empty line as the title and the rest as the text, with the id from the file name', () => {
    const article = parseArticle('2025/Thông báo Lịch tiếp dân.txt', '\n\nLịch tiếp dân\n\nChủ tịch tiếp dân sáng thứ Năm.\nTại trụ sở.\n');
    expect(article).toEqual({
      id: 'thong-bao-lich-tiep-dan',
      title: 'Lịch tiếp dân',
      url: '',
      text: 'Chủ tịch tiếp dân sáng thứ Năm.\nTại trụ sở.',
      file: '2025/Thông báo Lịch tiếp dân.txt',
    });
  });

  it('rejects an empty file', () => {
    expect(parseError('rong.txt', '  \n').message).toBe('rong.txt: the file is empty; put the article text in it or delete it');
  });

  it('rejects a file that has only a title', () => {
    expect(parseError('a.txt', 'Chỉ có tiêu đề\n').field).toBe('text');
  });

  it('may start with a front matter block naming its place (and date, link), the title still the first line', () => {
    const content = '---\nplace: phường Hòa Bình, TP Đà Nẵng\npublished: 2025-08-28\nsource_url: https://hoabinh.example.vn/a\n---\nLịch tiếp dân\nChủ tịch tiếp dân sáng thứ Năm.\n';
    expect(parseArticle('lich-tiep-dan.txt', content)).toEqual({
      id: 'lich-tiep-dan',
      title: 'Lịch tiếp dân',
      url: 'https://hoabinh.example.vn/a',
      text: 'Chủ tịch tiếp dân sáng thứ Năm.',
      file: 'lich-tiep-dan.txt',
      published: '2025-08-28',
      place: 'phường Hòa Bình, TP Đà Nẵng',
    });
  });

  it('takes the id and title from the front matter when given, leaving the first line as text', () => {
    const article = parseArticle('x.txt', '---\nid: lich-thang-9\ntitle: Lịch tiếp dân tháng 9\nplace: xã Nam Thư, tỉnh Mẫu\n---\nChủ tịch tiếp dân sáng thứ Năm.\n');
    expect(article).toMatchObject({ id: 'lich-thang-9', title: 'Lịch tiếp dân tháng 9', text: 'Chủ tịch tiếp dân sáng thứ Năm.', place: 'xã Nam Thư, tỉnh Mẫu' });
  });

  it('reports a bad front matter value by field', () => {
    expect(parseError('x.txt', '---\npublished: hôm qua\n---\nTiêu đề\nNội dung.\n').field).toBe('published');
    expect(parseError('x.txt', '---\nplace: [a, b]\n---\nTiêu đề\nNội dung.\n').field).toBe('place');
  });
});

describe('parseArticle (.html)', () => {
  const page = `<!doctype html><html><head>
    <title>Tiêu đề trang - Cổng thông tin</title>
    <meta property="og:title" content="Tiêu đề og">
    <meta property="og:url" content="https://example.gov.vn/og">
    <link rel="canonical" href="https://example.gov.vn/canonical">
    <meta property="article:published_time" content="2025-11-03T08:30:00+07:00">
    <meta name="place" content="phường Mẫu, TP Mẫu">
    <script>var secret = "mã theo dõi";</script><style>p { color: red }</style>
  </head><body>
    <header>Trang chủ</header><nav>Tin tức | Thủ tục</nav>
    <main><h1>Khánh thành nhà văn hóa &amp; sân chơi</h1>
      <p>Ngày 3/11, phường   khánh thành\n nhà văn hóa.</p><p>Kinh phí 2.450&nbsp;triệu đồng.<br>Nhân dân góp 40%.</p>
      <aside>Tin liên quan</aside><form><button>Gửi</button></form>
    </main>
    <footer>Bản quyền</footer><noscript>Bật JavaScript</noscript>
  </body></html>`;

  it('takes the title from <h1>, the url from the canonical link, the date and place from meta tags', () => {
    const article = parseArticle('tin/nha-van-hoa.html', page);
    expect(article.title).toBe('Khánh thành nhà văn hóa & sân chơi');
    expect(article.url).toBe('https://example.gov.vn/canonical');
    expect(article.published).toBe('2025-11-03');
    expect(article.place).toBe('phường Mẫu, TP Mẫu');
    expect(article.id).toBe('nha-van-hoa');
  });

  it('keeps only the main text: no script, style, nav, header, footer, aside, form or noscript, one line per block', () => {
    const article = parseArticle('a.html', page);
    expect(article.text).toBe('Ngày 3/11, phường khánh thành nhà văn hóa.\nKinh phí 2.450 triệu đồng.\nNhân dân góp 40%.');
  });

  it('falls back to og:title, then <title>, and to og:url', () => {
    const withoutHeading = page.replace(/<h1>.*?<\/h1>/, '').replace('<link rel="canonical" href="https://example.gov.vn/canonical">', '');
    const article = parseArticle('a.htm', withoutHeading);
    expect(article.title).toBe('Tiêu đề og');
    expect(article.url).toBe('https://example.gov.vn/og');
    expect(parseArticle('a.htm', withoutHeading.replace(/<meta property="og:title"[^>]*>/, '')).title).toBe('Tiêu đề trang - Cổng thông tin');
  });

  it('prefers <article> over the rest of the body and reads the id from <meta name="article:id">', () => {
    const article = parseArticle(
      'x.html',
      '<html><head><meta name="article:id" content="bai-so-1"></head><body><div>Quảng cáo</div><article><h1>Tiêu đề</h1><p>Nội dung chính.</p></article></body></html>',
    );
    expect(article.id).toBe('bai-so-1');
    expect(article.text).toBe('Nội dung chính.');
  });

  it('keeps the line breaks of a <pre> block and parses the tags inside it', () => {
    const article = parseArticle('a.html', '<html><body><h1>Lịch</h1><pre>Thứ Hai: <b>tiếp dân</b>\nThứ Năm: họp</pre></body></html>');
    expect(article.text).toBe('Thứ Hai: tiếp dân\nThứ Năm: họp');
  });

  it('rejects a page without any title, naming the field', () => {
    expect(parseError('a.html', '<html><body><p>Nội dung.</p></body></html>').field).toBe('title');
  });

  it('returns NFC text from an NFD page', () => {
    const article = parseArticle('a.html', '<html><body><h1>Phường Hòa Bình</h1><p>Thủy Hà sáp nhập.</p></body></html>'.normalize('NFD'));
    expect(article.title).toBe('Phường Hòa Bình'.normalize('NFC'));
    expect(article.text).toBe('Thủy Hà sáp nhập.'.normalize('NFC'));
  });
});

describe('parseArticle (other files)', () => {
  it('rejects an unsupported extension', () => {
    expect(parseError('a.odt', 'x').message).toContain('unsupported file type ".odt"; use .md, .txt, .html, .htm, .pdf or .docx');
  });
});

describe('slugFromFileName', () => {
  it('lower-cases, folds diacritics and đ, and joins words with dashes', () => {
    expect(slugFromFileName('tin/Đại hội Đảng bộ  phường Hòa Bình (2025).html')).toBe('dai-hoi-dang-bo-phuong-hoa-binh-2025');
  });
});
