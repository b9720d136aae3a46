import type { Citation } from './types.js';

/** Citations without repeats of the same article, in order of first mention. */
export function distinctCitations(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = citation.url || citation.id || citation.title;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
