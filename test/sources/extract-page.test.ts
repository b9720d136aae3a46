import { describe, expect, it } from 'vitest';
import { extractPage, vietnameseDate } from '../../src/sources/extract-page.js';
import { parseFeed } from '../../src/sources/parse-feed.js';
import { fixtureText } from '../support/fixture-site.js';

const URL_OF_PAGE = 'https://phuonghoabinh.example.vn/tin-tuc/bai.html';

describe('extractPage on three portal layouts', () => {
  it.each([
    ['layout-portal.html', '2025-08-15', 'Phường Hòa Bình tổ chức ngày hội Đại đoàn kết toàn dân tộc', /Tin liên quan|Chia sẻ|Trang chủ|Ý kiến bạn đọc/],
    ['layout-article.html', '2025-08-28', 'Lịch tiếp công dân tháng 9 năm 2025', /Bài viết khác|Facebook|Văn bản|©/],
    ['layout-blocks.html', '2025-09-02', 'Tiêm vắc xin phòng sởi cho trẻ em trên địa bàn phường', /Tin mới nhất|TRANG CHỦ|Lượt xem|Từ khóa|Liên kết website/],
  ])('%s: title, date, and only the article text', (file, published, title, furniture) => {
    const page = extractPage(fixtureText(file), URL_OF_PAGE);
    expect(page).toMatchObject({ title, published });
    expect(page?.text).not.toMatch(furniture);
    expect(page?.text.split('\n').length).toBeGreaterThanOrEqual(3);
  });

  it('finds no article on a listing page, but its same-site links', () => {
    expect(extractPage(fixtureText('listing.html'), URL_OF_PAGE)).toBeUndefined();
  });

  it('reads Vietnamese date lines, day before month', () => {
    expect(vietnameseDate('Thứ Sáu, 15/08/2025 - 10:30')).toBe('2025-08-15');
    expect(vietnameseDate('Cập nhật: 02-09-2025 15:00 | Lượt xem: 12')).toBe('2025-09-02');
    expect(vietnameseDate('Ngày 5/9/2025')).toBe('2025-09-05');
    expect(vietnameseDate('31/02/2025')).toBeUndefined();
  });

  it('reads a date from JSON-LD or a <time> when the page has no meta', () => {
    const body = `<p>${'Nội dung bài viết về công tác dân vận của phường. '.repeat(8)}</p>`;
    const withTime = `<html><head><title>Tin</title></head><body><article><h1>Tin</h1><time datetime="2025-07-01T09:00:00+07:00">1/7</time>${body}</article></body></html>`;
    expect(extractPage(withTime, URL_OF_PAGE)?.published).toBe('2025-07-01');
  });
});

describe('parseFeed', () => {
  it('tells RSS, Atom, sitemaps and sitemap indexes apart, with absolute URLs', () => {
    const origin = 'https://phuonghoabinh.example.vn';
    const fill = (file: string) => fixtureText(file).replaceAll('{{origin}}', origin);
    expect(parseFeed(fill('rss.xml'), origin)).toMatchObject({ kind: 'rss', entries: [{ url: `${origin}/tin-tuc/ngay-hoi-dai-doan-ket.html`, published: 'Fri, 15 Aug 2025 03:30:00 GMT' }, { title: 'Lịch tiếp công dân tháng 9 năm 2025' }, {}] });
    expect(parseFeed(fill('atom.xml'), `${origin}/atom.xml`)).toEqual({ kind: 'atom', entries: [{ url: `${origin}/y-te/tiem-vac-xin-soi.html`, title: 'Tiêm vắc xin phòng sởi cho trẻ em trên địa bàn phường', published: '2025-09-02T08:00:00Z' }] });
    expect(parseFeed(fill('sitemap-index.xml'), origin)).toEqual({ kind: 'sitemap-index', sitemaps: [`${origin}/sitemap-news.xml`, `${origin}/sitemap-pages.xml`] });
    expect(parseFeed(fill('sitemap-news.xml'), origin)).toMatchObject({ kind: 'sitemap', entries: [{ published: '2025-09-02T08:00:00+07:00' }] });
    expect(parseFeed(fixtureText('listing.html'), origin)).toBeUndefined();
  });
});
