import { describe, expect, it } from 'vitest';
import { articleMarkdown, generateCorpus } from '../../bench/generate-corpus.js';
import { formatDecimal, formatInteger } from '../../bench/vietnamese-figures.js';
import { parseArticle } from '../../src/ingest/parse-article.js';

describe('generateCorpus', () => {
  const corpus = generateCorpus({ articles: 400, seed: 7 });

  it('produces the same articles and questions for the same seed', () => {
    const again = generateCorpus({ articles: 400, seed: 7 });
    expect(again.articles.map(articleMarkdown)).toEqual(corpus.articles.map(articleMarkdown));
    expect(again.questions).toEqual(corpus.questions);
  });

  it('produces a different corpus for another seed', () => {
    const other = generateCorpus({ articles: 400, seed: 8 });
    expect(other.articles.map((article) => article.text)).not.toEqual(corpus.articles.map((article) => article.text));
  });

  it('writes exactly the number of articles asked for, with unique ids', () => {
    expect(corpus.articles).toHaveLength(400);
    expect(new Set(corpus.articles.map((article) => article.id)).size).toBe(400);
    expect(generateCorpus({ articles: 3, seed: 1 }).articles).toHaveLength(3);
  });

  it('writes the front matter of the sample corpus, which the article parser accepts', () => {
    for (const article of corpus.articles.slice(0, 50)) {
      const parsed = parseArticle(article.file, articleMarkdown(article));
      expect(parsed).toMatchObject({ id: article.id, title: article.title, url: article.sourceUrl, published: article.published, place: article.place });
      expect(parsed.text.normalize('NFC')).toBe(parsed.text);
    }
  });

  it('covers the four article templates', () => {
    const topics = new Set(corpus.articles.map((article) => article.id.replace(/^.*?-(dai-hoi|dieu-chinh-ngan-sach|diem-tiep-nhan|quan-triet).*$/, '$1')));
    expect([...topics].sort()).toEqual(['dai-hoi', 'diem-tiep-nhan', 'dieu-chinh-ngan-sach', 'quan-triet']);
  });

  it('writes figures and dates the Vietnamese way', () => {
    const text = corpus.articles.map((article) => article.text).join('\n');
    expect(text).toMatch(/\d\.\d{3} đảng viên/);
    expect(text).toMatch(/\d,\d{1,2} tỷ đồng/);
    expect(text).toMatch(/\d,\d{1,2} km²/);
    expect(text).toMatch(/\b\d{1,2}\/\d{1,2}\/20\d{2}\b/);
  });

  it('states every expected answer in every source article of its question', () => {
    const textById = new Map(corpus.articles.map((article) => [article.id, article.text]));
    const answerable = corpus.questions.filter((question) => question.kind !== 'unanswerable');
    expect(answerable.length).toBeGreaterThan(1_000);
    for (const question of answerable) {
      expect(question.sources.length).toBeGreaterThan(0);
      for (const source of question.sources) {
        for (const expected of question.answer_contains) expect(textById.get(source)).toContain(expected);
      }
    }
  });

  it('asks unanswerable and differently worded questions too', () => {
    const unanswerable = corpus.questions.filter((question) => question.kind === 'unanswerable');
    expect(unanswerable.length).toBeGreaterThan(20);
    expect(unanswerable.every((question) => question.sources.length === 0 && question.answer_contains.length === 0)).toBe(true);
    const variants = new Set(corpus.questions.map((question) => question.variant));
    expect([...variants].sort()).toEqual(['colloquial', 'english', 'no-diacritics', 'paraphrase', 'plain']);
    const folded = corpus.questions.filter((question) => question.variant === 'no-diacritics');
    expect(folded.every((question) => /^[\x00-\x7f²]*$/.test(question.question))).toBe(true);
  });

  it('gives some wards the same name in different cities and then names the city in questions', () => {
    const citiesByName = new Map<string, Set<string>>();
    for (const article of corpus.articles) {
      const [name = '', city = ''] = article.place.split(', ');
      citiesByName.set(name, (citiesByName.get(name) ?? new Set()).add(city));
    }
    const shared = [...citiesByName].filter(([, cities]) => cities.size > 1);
    expect(shared.length).toBeGreaterThan(0);
    const sharedNames = shared.map(([name]) => name);
    const naming = corpus.questions.filter((question) => sharedNames.some((name) => question.question.includes(`${name} (`) || question.question.includes(`${name} ở `)));
    expect(naming.length).toBeGreaterThan(0);
  });
});

describe('Vietnamese figures', () => {
  it('groups thousands with dots and writes decimals with a comma', () => {
    expect(formatInteger(2883)).toBe('2.883');
    expect(formatInteger(197000)).toBe('197.000');
    expect(formatInteger(214)).toBe('214');
    expect(formatDecimal(21.31, 2)).toBe('21,31');
    expect(formatDecimal(19.5, 2)).toBe('19,5');
    expect(formatDecimal(2859, 1)).toBe('2.859');
  });
});
