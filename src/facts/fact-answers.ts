import type { Answer, Citation } from '../core/types.js';
import type { FactAnswers, FactQuestion } from '../core/ports.js';
import type { FactBook } from './fact-book.js';
import type { FactSource } from './fact.js';
import { answerFigureQuestion, askedWardFigure } from './figure-question.js';
import { answerOfficeQuestion, asksOnlyWhoHolds } from './office-question.js';

/**
 * The answering pipeline's fact lookup: a Vietnamese question asking only who holds a ward office, or only the ward's
 * population, area or party membership, is answered from the fact sheet (the newest source's value and date, the
 * earlier holder or value, a same-day disagreement), citing the sentences it came from; every other question is left
 * to the reader. `book` is called per question, so a refreshed
 * fact book is used as soon as it is there.
 */
export function createFactAnswers(book: () => Promise<FactBook>): FactAnswers {
  return {
    async answer(question: FactQuestion): Promise<Answer | undefined> {
      if (question.language !== 'vi') return undefined;
      const asksOffice = asksOnlyWhoHolds(question.text, question.placeTokens);
      if (!asksOffice && askedWardFigure(question.text, question.placeTokens) === undefined) return undefined;
      const facts = await book();
      const [place, ...others] = facts.findPlaces(question.place);
      if (place === undefined || others.length > 0) return undefined;
      const office = asksOffice ? answerOfficeQuestion(question.text, place, facts) : undefined;
      const found = office
        ? { text: office.text, sources: [office.source, ...office.earlier.map((earlier) => earlier.source)] }
        : answerFigureQuestion(question.text, place, question.placeTokens, facts);
      if (!found) return undefined;
      const sources = 'sources' in found ? found.sources : [found.source, ...found.earlier];
      const citations = sources
        .filter((source, index, all) => all.findIndex((other) => other.articleId === source.articleId) === index)
        .map(toCitation);
      return { kind: 'answered', text: found.text, citations, mode: 'extractive', language: 'vi' };
    },
  };
}

function toCitation(source: FactSource): Citation {
  return {
    id: source.articleId,
    title: source.title,
    url: source.url,
    quote: source.quote,
    ...(source.published ? { published: source.published } : {}),
  };
}
