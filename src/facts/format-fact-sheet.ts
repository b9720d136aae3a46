import { displayDate } from '../core/display-date.js';
import type { FactSheet, Holding } from './fact-book.js';
import type { FactSource, FigureFact, FigureMeasure } from './fact.js';

const MEASURE_LABEL: Record<FigureMeasure, string> = {
  population: 'Dân số',
  area: 'Diện tích',
  'residential-groups': 'Số tổ dân phố, khu phố, thôn',
  'party-members': 'Số đảng viên',
  delegates: 'Đại biểu dự đại hội',
  'budget-revenue': 'Thu ngân sách',
  'budget-spending': 'Chi ngân sách',
};
const QUOTE_LENGTH = 220;

/** The Vietnamese label of a measure, as the sheet shows it. */
export function measureLabel(measure: FigureMeasure): string {
  return MEASURE_LABEL[measure];
}

/** A compact plain-text fact sheet: current holders with the date they are known from, key figures newest first; with `history`, earlier holders and figures. */
export function formatFactSheet(sheet: FactSheet, options: { history: boolean }): string {
  const lines: string[] = [capitaliseFirst(sheet.place)];
  lines.push('', 'Lãnh đạo hiện nay (theo bài mới nhất):');
  if (sheet.offices.length === 0) lines.push('  (chưa có bài nào nêu tên)');
  for (const entry of sheet.offices) {
    for (const holding of entry.holders) lines.push(...holdingLines(entry.office, holding));
    if (entry.disputed) lines.push(`  ! Các bài cùng ngày nêu khác nhau về ${entry.office}.`);
  }
  lines.push('', 'Số liệu chính:');
  if (sheet.figures.length === 0) lines.push('  (chưa có bài nào nêu số liệu)');
  for (const series of sheet.figures) lines.push(...figureLines(series.latest));
  if (options.history) {
    lines.push('', 'Trước đây:');
    if (sheet.history.length === 0 && sheet.figures.every((series) => series.earlier.length === 0)) lines.push('  (không có)');
    for (const holding of sheet.history) lines.push(...holdingLines(holding.office, holding));
    for (const series of sheet.figures) for (const figure of series.earlier) lines.push(...figureLines(figure));
  }
  return lines.join('\n');
}

function holdingLines(office: string, holding: Holding): string[] {
  const source = holding.sources[0] as FactSource;
  const since = holding.since ? `, từ ${displayDate(holding.since)}` : '';
  return [`- ${office}: ${holding.person}${since} — ${asOf(source)}`, ...sourceLines(source)];
}

function figureLines(figure: FigureFact): string[] {
  const period = figure.period ? ` (${figure.period})` : '';
  const share = figure.planShare ? `, bằng ${figure.planShare}` : '';
  return [`- ${measureLabel(figure.measure)}: ${figure.written}${share}${period} — ${asOf(figure.source)}`, ...sourceLines(figure.source)];
}

function asOf(source: FactSource): string {
  return source.published ? `theo bài ngày ${displayDate(source.published)}` : 'theo bài (không rõ ngày)';
}

function sourceLines(source: FactSource): string[] {
  const quote = source.quote.length > QUOTE_LENGTH ? `${source.quote.slice(0, QUOTE_LENGTH - 1).trimEnd()}…` : source.quote;
  return [`    “${quote}”`, `    ${source.title}${source.url ? ` <${source.url}>` : ''} [${source.articleId}]`];
}

function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A source as JSON carries its dates both as stored (`2025-08-15`) and as shown (`15/08/2025`). */
function sourceJson(source: FactSource): Record<string, unknown> {
  return { ...source, publishedShown: source.published ? displayDate(source.published) : null };
}

function holdingJson(office: string, holding: Holding): Record<string, unknown> {
  return {
    office,
    person: holding.person,
    asOf: holding.asOf ?? null,
    asOfShown: holding.asOf ? displayDate(holding.asOf) : null,
    since: holding.since ?? null,
    sinceShown: holding.since ? displayDate(holding.since) : null,
    sources: holding.sources.map(sourceJson),
  };
}

function figureJson(figure: FigureFact): Record<string, unknown> {
  const { source, ...rest } = figure;
  return { ...rest, label: measureLabel(figure.measure), source: sourceJson(source) };
}

/** The sheet as JSON (a stable contract of `hoiphuong facts --json` and `GET /api/facts`). */
export function factSheetJson(sheet: FactSheet, options: { history: boolean }): Record<string, unknown> {
  return {
    place: sheet.place,
    offices: sheet.offices.map((entry) => ({
      office: entry.office,
      disputed: entry.disputed,
      holders: entry.holders.map((holding) => holdingJson(entry.office, holding)),
    })),
    figures: sheet.figures.map((series) => ({ ...figureJson(series.latest), ...(options.history ? { earlier: series.earlier.map(figureJson) } : {}) })),
    ...(options.history ? { history: sheet.history.map((holding) => holdingJson(holding.office, holding)) } : {}),
  };
}

/** One line of a chat-sized sheet: what it says, the date of its article, and the article to link. */
export interface CompactEntry {
  text: string;
  /** `theo bài ngày 13/02/2026`. */
  asOf: string;
  title: string;
  url: string;
}

/** A fact sheet cut down for chat: current holders and the newest figure of each measure, one line each, no quotes. */
export interface CompactFactSheet {
  /** `Phường Đông Hải, tỉnh Thanh Hóa`. */
  place: string;
  holders: CompactEntry[];
  figures: CompactEntry[];
  /** One line per office whose same-day sources disagree. */
  warnings: string[];
}

/** The sheet as chat channels show it (Discord, Zalo): the same facts as `formatFactSheet` without the quotes. */
export function compactFactSheet(sheet: FactSheet): CompactFactSheet {
  const entry = (text: string, source: FactSource): CompactEntry => ({ text, asOf: asOf(source), title: source.title, url: source.url });
  return {
    place: capitaliseFirst(sheet.place),
    holders: sheet.offices.flatMap((office) =>
      office.holders.map((holding) => entry(`${office.office}: ${holding.person}${holding.since ? `, từ ${displayDate(holding.since)}` : ''}`, holding.sources[0] as FactSource)),
    ),
    figures: sheet.figures.map(({ latest }) =>
      entry(`${measureLabel(latest.measure)}: ${latest.written}${latest.planShare ? `, bằng ${latest.planShare}` : ''}${latest.period ? ` (${latest.period})` : ''}`, latest.source),
    ),
    warnings: sheet.offices.filter((office) => office.disputed).map((office) => `Các bài cùng ngày nêu khác nhau về ${office.office}.`),
  };
}
