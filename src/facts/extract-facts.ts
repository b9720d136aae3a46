import { extractFigures } from './extract-figures.js';
import { articleContext, extractOfficeHolders } from './extract-office-holders.js';
import type { Article } from '../core/types.js';
import type { Fact } from './fact.js';

/** The facts one article states (office holders and figures, each with its quote): what ingest keeps with each index version. */
export function extractFacts(article: Pick<Article, 'id' | 'title' | 'url' | 'published' | 'place' | 'text'>): Fact[] {
  const shared = articleContext(article);
  return [...extractOfficeHolders(article, shared), ...extractFigures(article, shared)];
}

/**
 * What an index version keeps of an article's facts (`UpdateIndexOptions.extract`): each fact without the article's
 * id, title, link and date, which the version's article list already holds — a third of the bytes.
 */
export function factsToKeep(article: Pick<Article, 'id' | 'title' | 'url' | 'published' | 'place' | 'text'>): unknown[] {
  return extractFacts(article).map(({ source, ...fact }) => ({ ...fact, source: { quote: source.quote, start: source.start, end: source.end } }));
}
