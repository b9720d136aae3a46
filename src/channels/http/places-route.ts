import type { FactBook } from '../../facts/fact-book.js';
import { suggestedQuestions } from '../../facts/suggested-questions.js';
import type { HttpRoute } from './http-route.js';

const MAX_PLACE_LENGTH = 200;

/** `GET /api/places`: the wards the index has articles about, for the chat's ward picker. */
export function createPlacesRoute(places: () => string[]): HttpRoute {
  return { method: 'GET', path: '/api/places', handle: async () => ({ status: 200, body: { places: places() } }) };
}

/** `GET /api/suggestions?place=…`: questions about that ward its articles answer (from its fact sheet); none for an unknown ward. */
export function createSuggestionsRoute(facts: () => FactBook): HttpRoute {
  return {
    method: 'GET',
    path: '/api/suggestions',
    handle: async (request) => {
      const place = (request.url.searchParams.get('place') ?? '').normalize('NFC').trim();
      if (!place || place.length > MAX_PLACE_LENGTH) return { status: 400, body: { error: 'Hãy cho biết phường, xã: ?place=… (the ward, at most 200 characters).' } };
      const book = facts();
      const labels = book.findPlaces(place);
      if (labels.length !== 1) return { status: 200, body: { questions: [] } };
      const label = labels[0]!;
      // A short name other provinces share ("phường Đông Hải") would be asked back; the full label is not.
      const short = label.split(',')[0]!.trim();
      const ward = book.findPlaces(short).length > 1 ? label : short;
      return { status: 200, body: { questions: suggestedQuestions(book.sheet(label), { ward }) } };
    },
  };
}
