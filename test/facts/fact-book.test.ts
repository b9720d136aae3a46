import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/ingest/load-articles.js';
import { FactBook } from '../../src/facts/fact-book.js';
import { formatFactSheet } from '../../src/facts/format-fact-sheet.js';

const FIXTURES = 'test/fixtures/facts-wards';
const THANH_HOA = 'phường Đông Hải, tỉnh Thanh Hóa';
const NGHE_AN = 'phường Đông Hải, tỉnh Nghệ An';

async function book(): Promise<FactBook> {
  return FactBook.fromArticles((await loadArticles(FIXTURES)).articles);
}

describe('FactBook', () => {
  it('follows the newer article for a one-person office, with its date, and keeps the earlier holder as history', async () => {
    const sheet = (await book()).sheet(THANH_HOA);
    const chair = sheet.offices.find((entry) => entry.office === 'Chủ tịch UBND');
    expect(chair?.holders.map((holding) => [holding.person, holding.asOf])).toEqual([['Nguyễn Thị Hoa', '2026-02-13']]);
    expect(chair?.disputed).toBe(false);
    expect(sheet.history.map((holding) => `${holding.office}: ${holding.person}`)).toContain('Chủ tịch UBND: Phạm Văn Cường');
    const text = formatFactSheet(sheet, { history: true });
    expect(text).toContain('- Chủ tịch UBND: Nguyễn Thị Hoa — theo bài ngày 13/02/2026');
    expect(text.slice(text.indexOf('Trước đây:'))).toContain('- Chủ tịch UBND: Phạm Văn Cường — theo bài ngày 20/08/2025');
    expect(formatFactSheet(sheet, { history: false })).not.toContain('- Chủ tịch UBND: Phạm Văn Cường');
  });

  it('lists deputies side by side: a new deputy does not end the others', async () => {
    const holders = (await book()).holdersNow(THANH_HOA, 'Phó Bí thư Đảng ủy').map((holding) => holding.person);
    expect(holders.sort()).toEqual(['Lê Minh Đức', 'Phạm Văn Cường']);
  });

  it('keeps two wards of the same name in different provinces apart', async () => {
    const facts = await book();
    expect(facts.findPlaces('phường Đông Hải')).toEqual([NGHE_AN, THANH_HOA]);
    expect(facts.findPlaces('Đông Hải, tỉnh Nghệ An')).toEqual([NGHE_AN]);
    expect(facts.holdersNow(NGHE_AN, 'Bí thư Đảng ủy').map((holding) => holding.person)).toEqual(['Hoàng Thị Lan']);
    expect(facts.holdersNow(THANH_HOA, 'Bí thư Đảng ủy').map((holding) => holding.person)).toEqual(['Trần Văn Bình']);
    expect(facts.sheet(NGHE_AN).figures.find((series) => series.measure === 'population')?.latest.value).toBe(31400);
  });

  it('never lists a province official who attended the congress as a ward office holder', async () => {
    const sheet = (await book()).sheet(THANH_HOA);
    const people = [...sheet.offices.flatMap((entry) => entry.holders), ...sheet.history].map((holding) => holding.person);
    expect(people).not.toContain('Lê Văn Tâm');
    expect((await book()).places()).not.toContain(undefined);
  });

  it('shows the newest figure of each measure first and earlier ones as history, leaving goals out', async () => {
    const population = (await book()).sheet(THANH_HOA).figures.find((series) => series.measure === 'population');
    expect(population?.latest).toMatchObject({ value: 66020, source: { published: '2026-02-13' } });
    expect(population?.earlier.map((figure) => figure.value)).toEqual([65885]);
    const revenue = (await book()).sheet(THANH_HOA).figures.find((series) => series.measure === 'budget-revenue');
    expect(revenue?.latest.value).toBe(21_310_000_000);
    expect(revenue?.earlier).toEqual([]);
  });

  it('flags a one-person office two same-day sources disagree on', () => {
    const source = (id: string) => ({ articleId: id, title: id, url: '', published: '2026-03-01', quote: 'q', start: 0, end: 1 });
    const fact = (person: string, id: string) =>
      ({ kind: 'office', person, office: 'Chủ tịch UBND', organisation: 'UBND', level: 'ward', place: THANH_HOA, since: undefined, former: false, source: source(id) }) as const;
    const sheet = new FactBook([fact('Nguyễn Văn A', 'x'), fact('Trần Văn B', 'y')]).sheet(THANH_HOA);
    expect(sheet.offices[0]?.disputed).toBe(true);
    expect(formatFactSheet(sheet, { history: false })).toContain('Các bài cùng ngày nêu khác nhau về Chủ tịch UBND');
  });

  it('gives every fact a quote that is exactly the article text at its offsets', async () => {
    const { articles } = await loadArticles(FIXTURES);
    const facts = FactBook.fromArticles(articles).facts;
    expect(facts.length).toBeGreaterThan(10);
    for (const fact of facts) {
      const text = articles.find((article) => article.id === fact.source.articleId)?.text ?? '';
      expect(fact.source.quote.length).toBeGreaterThan(0);
      expect(text.slice(fact.source.start, fact.source.end)).toBe(fact.source.quote);
    }
  });

  it('ends an older holding when a newer article names a predecessor, and lists that predecessor first in history', () => {
    const place = 'xã Sao Mai, tỉnh Thanh Hóa';
    const article = (id: string, published: string, text: string) => ({ id, title: id, url: '', published, place, text });
    const facts = FactBook.fromArticles([
      article('old', '2025-10-02', 'Phát biểu tại hội nghị có đồng chí Hoàng Văn Đồng, Bí thư Đảng ủy, Chủ tịch HĐND xã Sao Mai.'),
      article(
        'new',
        '2026-01-16',
        'Người tiền nhiệm là ông Nguyễn Minh Hoàng, trước đó giữ cương vị Bí thư Đảng ủy, Chủ tịch HĐND xã Sao Mai. Như vậy, kể từ ngày 16/1/2026, người đứng đầu Đảng ủy xã Sao Mai là ông Mai Văn Hải.',
      ),
    ]);
    const sheet = facts.sheet(place);
    expect(sheet.offices.map((entry) => `${entry.office}: ${entry.holders.map((holding) => holding.person).join(', ')}`)).toEqual(['Bí thư Đảng ủy: Mai Văn Hải']);
    expect(facts.holdersNow(place, 'Bí thư Đảng ủy')[0]?.since).toBe('2026-01-16');
    expect(sheet.history.filter((holding) => holding.office === 'Bí thư Đảng ủy').map((holding) => holding.person)).toEqual(['Nguyễn Minh Hoàng', 'Hoàng Văn Đồng']);
  });
});
