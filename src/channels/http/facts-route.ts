import type { FactBook } from '../../facts/fact-book.js';
import { factSheetJson } from '../../facts/format-fact-sheet.js';
import type { HttpRoute } from './http-route.js';

const MAX_PLACE_LENGTH = 200;

/**
 * `GET /api/facts?place=…[&history=1]`: the fact sheets of the wards the place names (two wards of one name in
 * different provinces each get their own); without `place`, the wards there are facts about.
 */
export function createFactsRoute(facts: () => Promise<FactBook>): HttpRoute {
  return {
    method: 'GET',
    path: '/api/facts',
    handle: async (request) => {
      const book = await facts();
      const place = (request.url.searchParams.get('place') ?? '').normalize('NFC').trim();
      if (!place) return { status: 200, body: { places: book.places() } };
      if (place.length > MAX_PLACE_LENGTH) return { status: 400, body: { error: `Tên phường, xã quá dài (at most ${MAX_PLACE_LENGTH} characters).` } };
      const history = ['1', 'true', 'yes'].includes(request.url.searchParams.get('history') ?? '');
      const places = book.findPlaces(place);
      if (places.length === 0) {
        return { status: 404, body: { error: `Không có thông tin về "${place}" trong các bài viết (no facts for this place).`, known: book.places() } };
      }
      return { status: 200, body: { places: places.map((label) => factSheetJson(book.sheet(label), { history })) } };
    },
  };
}
