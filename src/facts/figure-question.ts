import { foldDiacritics } from '../ingest/normalize-vietnamese.js';
import type { FactBook } from './fact-book.js';
import type { FactSource, FigureFact, FigureMeasure } from './fact.js';
import { articleOf } from './office-question.js';

/** An answer to "how many people live in ward Y / how large is it", read from the fact sheet rather than from passages. */
export interface FigureAnswer {
  text: string;
  measure: FigureMeasure;
  /** The newest source, which the answer follows; cite it. */
  source: FactSource;
  /** Older sources giving another value. */
  earlier: FactSource[];
}

// Folded question words → the measure. Only measures a ward has one current value of: a revenue or a count of
// delegates belongs to a year or a congress the question would have to name, so those stay with the reader.
const MEASURES: Array<{ pattern: RegExp; measure: FigureMeasure; label: string }> = [
  { pattern: /\b(?:dan so|so dan|bao nhieu (?:nguoi )?dan|nhan khau)\b/, measure: 'population', label: 'dân số' },
  { pattern: /\bdien tich\b|\brong bao nhieu\b/, measure: 'area', label: 'diện tích' },
  { pattern: /\b(?:bao nhieu|may|so|tong so) dang vien\b/, measure: 'party-members', label: 'số đảng viên' },
];
const ASKS_AMOUNT = /\b(?:bao nhieu|may|la gi|rong bao nhieu)\b/;
// Words a question asking only the ward's figure may hold besides the ward's name; any other word (a year, a village,
// "tăng", "người cao tuổi") asks about something narrower, which the reader answers from the passages.
const ONLY_FIGURE_WORDS = new Set(
  (
    'dan so so nguoi dan nhan khau dien tich tu nhien rong bao nhieu may dang vien tong km2 km vuong hecta ha ' +
    'cua phuong xa thi tran dac khu tinh thanh tp quan huyen p x ' +
    'la gi co hien nay tai bay gio moi nhat o khoang ' +
    'cho em toi minh hoi biet muon xin vay the nhi a oi nhe ban'
  ).split(' '),
);

/** The ward figure a Vietnamese how-many question asks, when it asks only that ("Dân số phường X là bao nhiêu?"). */
export function askedWardFigure(question: string, placeTokens: readonly string[]): FigureMeasure | undefined {
  const folded = foldDiacritics(question.normalize('NFC')).toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!ASKS_AMOUNT.test(folded)) return undefined;
  const asked = MEASURES.find(({ pattern }) => pattern.test(folded));
  if (!asked) return undefined;
  const place = new Set(placeTokens);
  return folded.split(' ').every((word) => ONLY_FIGURE_WORDS.has(word) || place.has(word)) ? asked.measure : undefined;
}

/**
 * Answers a question asking one ward figure from its fact sheet: the newest source's value with its date and period,
 * and an older source's other value. Undefined when the question asks no such figure or no article gives it.
 */
export function answerFigureQuestion(question: string, place: string, placeTokens: readonly string[], book: FactBook): FigureAnswer | undefined {
  const measure = askedWardFigure(question, placeTokens);
  if (!measure) return undefined;
  const series = book.sheet(place).figures.find((entry) => entry.measure === measure);
  if (!series) return undefined;
  // The newest article's exact figure ("tổng số 1.807 đảng viên") rather than its round one ("trên 1.800 đảng viên").
  const newest = [series.latest, ...series.earlier].filter((figure) => figure.source.articleId === series.latest.source.articleId);
  const latest = newest.find((figure) => figure.qualifier === undefined) ?? series.latest;
  const label = MEASURES.find((entry) => entry.measure === measure)?.label ?? measure;
  const period = latest.period ? ` (${latest.period})` : '';
  const parts = [`Theo ${articleOf(latest.source.published)}, ${label} ${place} là ${latest.written}${period}.`];
  const other = series.earlier.find((figure: FigureFact) => figure.value !== latest.value && figure.source.articleId !== latest.source.articleId);
  if (other) parts.push(`${capitalise(articleOf(other.source.published))} nêu ${other.written}${other.period ? ` (${other.period})` : ''}.`);
  return { text: parts.join(' '), measure, source: latest.source, earlier: other ? [other.source] : [] };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
