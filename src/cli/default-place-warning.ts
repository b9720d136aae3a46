import type { PlaceGazetteer } from '../search/place-gazetteer.js';

/** How many known places a warning lists before saying how many more there are. */
const PLACES_LISTED = 12;

/**
 * The start-up warning for a default place (`DEFAULT_PLACE`, or `--place`) that names no indexed place, or several:
 * without it every question that names no place would be refused with no hint why. Undefined when it names one place.
 */
export function defaultPlaceWarning(setting: string, place: string, gazetteer: PlaceGazetteer): string | undefined {
  const detection = gazetteer.detect(place);
  if (detection.kind === 'known') return undefined;
  const known = [...new Set(gazetteer.all().map((candidate) => candidate.label))].sort((left, right) => left.localeCompare(right, 'vi'));
  const listed = known.slice(0, PLACES_LISTED).join('; ');
  const more = known.length > PLACES_LISTED ? ` … (+${known.length - PLACES_LISTED})` : '';
  const places = known.length > 0 ? `Các địa phương đã có (known places): ${listed}${more}.` : 'Chưa có bài viết nào nêu địa phương (no article names a place yet).';
  if (detection.kind === 'ambiguous') {
    const choices = detection.places.map((candidate) => candidate.label).join('; ');
    return `Cảnh báo: ${setting}="${place}" trùng với nhiều địa phương (names several places): ${choices} — ghi thêm tỉnh/thành phố (add the city).`;
  }
  return `Cảnh báo: ${setting}="${place}" không khớp địa phương nào trong các bài viết (names no indexed place), nên câu hỏi không nêu địa phương sẽ bị từ chối. ${places}`;
}
