import { normalizeForMatch } from '../../ingest/normalize-vietnamese.js';
import type { ArticleMeta } from '../../core/types.js';

/**
 * The articles about a place, for `DiscordBotServices.listArticles`: those whose place (or, when it has none, title)
 * contains the place's words, with or without diacritics; every article when no place is given.
 */
export function articlesAbout(articles: readonly ArticleMeta[], place?: string): ArticleMeta[] {
  const wanted = place ? normalizeForMatch(place) : '';
  if (!wanted) return [...articles];
  return articles.filter((article) => ` ${normalizeForMatch(article.place ?? article.title)} `.includes(` ${wanted} `));
}
