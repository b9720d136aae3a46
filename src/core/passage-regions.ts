import type { ArticleMeta, Passage } from './types.js';

/** A stretch of one article's text covered by overlapping retrieved chunks, and the best rank among them. */
export interface PassageRegion {
  article: ArticleMeta;
  /** Offset of `text` in the article. */
  start: number;
  text: string;
  rank: number;
}

/**
 * Joins the retrieved chunks of each article that overlap or touch into regions of continuous text, so that a list
 * cut between two chunks is read whole; `rank` is the position of the region's best passage.
 */
export function mergePassages(passages: readonly Passage[]): PassageRegion[] {
  const byArticle = new Map<string, Array<{ passage: Passage; rank: number }>>();
  passages.forEach((passage, rank) => {
    const list = byArticle.get(passage.article.id) ?? [];
    list.push({ passage, rank });
    byArticle.set(passage.article.id, list);
  });
  const regions: PassageRegion[] = [];
  for (const list of byArticle.values()) {
    list.sort((a, b) => a.passage.chunk.start - b.passage.chunk.start);
    let current: PassageRegion | undefined;
    for (const { passage, rank } of list) {
      const { chunk, article } = passage;
      const currentEnd = current ? current.start + current.text.length : -1;
      if (current && chunk.start <= currentEnd) {
        if (chunk.end > currentEnd) current.text += chunk.text.slice(currentEnd - chunk.start);
        current.rank = Math.min(current.rank, rank);
        continue;
      }
      if (current) regions.push(current);
      current = { article, start: chunk.start, text: chunk.text, rank };
    }
    if (current) regions.push(current);
  }
  return regions.sort((a, b) => a.rank - b.rank);
}
