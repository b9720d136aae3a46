import type { FactSheet } from './fact-book.js';
import type { FigureMeasure } from './fact.js';

/** How a resident asks for each figure, before the ward's name. */
const FIGURE_QUESTION: Record<FigureMeasure, string> = {
  population: 'Dân số',
  area: 'Diện tích',
  'residential-groups': 'Có bao nhiêu tổ dân phố ở',
  'party-members': 'Có bao nhiêu đảng viên ở',
  delegates: 'Có bao nhiêu đại biểu dự đại hội Đảng bộ',
  'budget-revenue': 'Thu ngân sách',
  'budget-spending': 'Chi ngân sách',
};
const COUNT_MEASURES = new Set<FigureMeasure>(['residential-groups', 'party-members', 'delegates']);

/**
 * Questions a resident could ask about a ward that its articles answer, drawn from its fact sheet: who holds its
 * offices (heads before deputies), then its figures; at most `limit`.
 */
export function suggestedQuestions(sheet: FactSheet, options: { limit?: number; ward?: string } = {}): string[] {
  const limit = options.limit ?? 4;
  // "phường An Hải, TP Hải Phòng" → "phường An Hải": the question names the ward as residents say it, unless told
  // otherwise (a name several provinces share needs the province too).
  const ward = options.ward ?? sheet.place.split(',')[0]!.trim();
  const offices = [...sheet.offices].sort((left, right) => Number(left.office.startsWith('Phó')) - Number(right.office.startsWith('Phó')));
  const questions = [
    ...offices.slice(0, 2).map((entry) => `${entry.office} ${ward} là ai?`),
    ...sheet.figures.map((series) =>
      COUNT_MEASURES.has(series.measure) ? `${FIGURE_QUESTION[series.measure]} ${ward}?` : `${FIGURE_QUESTION[series.measure]} ${ward} là bao nhiêu?`,
    ),
    ...offices.slice(2).map((entry) => `${entry.office} ${ward} là ai?`),
  ];
  return questions.slice(0, limit);
}
