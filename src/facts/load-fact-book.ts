import { ArticleError } from '../core/errors.js';
import { readArticles } from '../ingest/load-articles.js';
import { articleFacts, FactBook } from './fact-book.js';
import type { Fact } from './fact.js';

/**
 * The facts of every article in a folder. Facts are extracted from the article texts when they are needed rather than
 * stored in the index: extraction runs only on sentences with an office or unit word, about 0.5 ms per article (4.6 s
 * for 9,500 articles of the shared corpus's size on 2 shared cores, measured 12/2026), so a second store kept in step
 * with every ingest is not yet worth it.
 */
export async function loadFactBook(dataDir: string): Promise<FactBook> {
  // One article at a time: at a million chunks the texts held together took gigabytes of a server's memory.
  const facts: Fact[] = [];
  for await (const article of readArticles(dataDir)) {
    if (!(article instanceof ArticleError)) facts.push(...articleFacts(article));
  }
  return new FactBook(facts);
}
