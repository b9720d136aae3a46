/**
 * The vocabulary every search of the index speaks (BM25, exact vector scan, hnsw graph, their merge), kept apart from
 * the index that uses them so the searches import nothing of it.
 */

/** A search result: a chunk label and its score (higher is better). */
export interface Hit {
  label: number;
  score: number;
}

/**
 * Which chunks a search may return: the allowed labels themselves (cheap when they are few, as a place's are), or a
 * predicate asked about every chunk.
 */
export type LabelFilter = ReadonlySet<number> | ((label: number) => boolean);
