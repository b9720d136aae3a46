import { FactBook } from './fact-book.js';
import type { Fact } from './fact.js';

/**
 * What staff mark wrong, as a stable key: a person in an office of a ward (every sentence saying so), or one figure
 * of one article. The key outlives re-ingests, so a mark stays until staff lift it.
 */
export function factKey(fact: Fact): string {
  return fact.kind === 'office'
    ? holdingKey(fact.place ?? '', fact.office, fact.person)
    : `figure|${fact.place ?? ''}|${fact.measure}|${fact.source.articleId}|${fact.value}`;
}

/** The key of a person's holding of an office in a ward: every sentence saying so shares it. */
export function holdingKey(place: string, office: string, person: string): string {
  return `office|${place}|${office}|${person}`;
}

/** The fact book without the facts whose keys staff marked wrong. */
export function withoutFlagged(book: FactBook, flagged: ReadonlySet<string>): FactBook {
  return flagged.size === 0 ? book : new FactBook(book.facts.filter((fact) => !flagged.has(factKey(fact))));
}
