import { findQuantities } from '../core/entities.js';
import type { Article } from '../core/types.js';
import { articleContext } from './extract-office-holders.js';
import type { WardContext } from './ward-context.js';
import type { Span } from '../ingest/split-sentences.js';
import { factSource, type FigureFact, type FigureMeasure } from './fact.js';

interface MeasureRule {
  measure: FigureMeasure;
  /** The unit words right after the number. */
  unit: RegExp;
  /** Words near the number that say what it measures; the figure is kept only when they are there. */
  cue: (before: string, after: string) => boolean;
  normalUnit: FigureFact['unit'];
}

const MONEY = /^\s?(tỷ|triệu|nghìn|ngàn)?\s*đồng(?![\p{L}\p{M}])/u;
const RULES: MeasureRule[] = [
  {
    measure: 'population',
    unit: /^\s?(?:người|nhân khẩu)(?![\p{L}\p{M}])/u,
    cue: (before, after) => /(?:dân số|số dân|dân cư)[^.;]{0,30}$/iu.test(before) || /^[^.;]{0,12}(?:dân số|người dân)|^,\s*[^,.;]{0,40}đông dân/iu.test(after),
    normalUnit: 'người',
  },
  {
    measure: 'area',
    unit: /^\s?(?:km2|km²)(?![\p{L}\p{M}\d])/u,
    cue: (before) => /(?:diện tích|rộng)[^.;]{0,30}$/iu.test(before),
    normalUnit: 'km2',
  },
  {
    measure: 'party-members',
    unit: /^\s?đảng viên(?![\p{L}\p{M}])/u,
    // "225 đảng viên đại diện cho 3.703 đảng viên": the first count is of the delegates, not the membership.
    cue: (before, after) => !/(?:tuổi đảng|kết nạp|khen thưởng|huy hiệu)/iu.test(before.slice(-30) + after.slice(0, 30)) && !/^\s*(?:đại diện|thay mặt)/iu.test(after),
    normalUnit: 'đảng viên',
  },
  {
    measure: 'delegates',
    unit: /^\s?đại biểu(?![\p{L}\p{M}])/u,
    cue: (before, after) => /^[^.;]{0,40}(?:đại diện|thay mặt)/iu.test(after) || /[Ss]ố đại biểu[^.;]{0,30}$/u.test(before),
    normalUnit: 'đại biểu',
  },
  {
    measure: 'budget-revenue',
    unit: MONEY,
    cue: (before) => /(?:thu ngân sách|tổng thu|thu cân đối ngân sách)[^.;:]{0,60}[:]?[^.;]{0,20}$/iu.test(before) && !/chi[^.;,]{0,20}$/iu.test(before),
    normalUnit: 'VND',
  },
  {
    measure: 'budget-spending',
    unit: MONEY,
    cue: (before) => /tổng chi(?: ngân sách)?[^.;:]{0,60}$/iu.test(before),
    normalUnit: 'VND',
  },
  {
    measure: 'residential-groups',
    unit: /^\s?(?:tổ dân phố|khu phố|thôn|ấp|bản)(?![\p{L}\p{M}])(?!\s+(?:có|đạt|thông minh|văn hóa))/u,
    cue: (before) => /(?:gồm|có|với)\s*$/iu.test(before) && !/\/\s*$/u.test(before),
    normalUnit: 'đơn vị',
  },
];
// Every rule's unit, to pass over sentences that can hold no figure without looking for numbers in them.
const UNIT_WORD = /\d\s?(?:tỷ|triệu|nghìn|ngàn|đồng|km|người|nhân khẩu|đảng viên|đại biểu|tổ dân phố|khu phố|thôn|ấp|bản)/u;
const QUALIFIER = /(hơn|gần|trên|khoảng|ước đạt|ước|xấp xỉ|dưới)\s+$/iu;
// A goal is no figure of what is: "mục tiêu … đạt 500 tỷ đồng", or a list under "Các mục tiêu … năm 2026 gồm:".
const GOAL = /(?:mục tiêu|phấn đấu|chỉ tiêu|kế hoạch năm|dự kiến)/iu;
const LIST_ITEM = /^\s*(?:[-•*+]|\d{1,2}[.)])\s/u;
const MULTIPLIER: Record<string, number> = { tỷ: 1e9, triệu: 1e6, nghìn: 1e3, ngàn: 1e3 };
const PLAN_SHARE = /^[,\s]*(?:bằng|tương đương|đạt)\s+(\d+(?:,\d+)?\s?%\s*(?:so với\s+)?(?:kế hoạch|dự toán)(?:[^,.;]{0,25}giao)?)/u;
const PERIOD = /(?:năm|nhiệm kỳ)\s+(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?/giu;

/**
 * Key figures of the article's ward: population, area, party members, congress delegates, budget revenue and
 * spending, residential groups — each only where words next to the number say what it measures.
 */
export function extractFigures(
  article: Pick<Article, 'id' | 'title' | 'url' | 'published' | 'place' | 'text'>,
  /** The article's sentences and ward context, when the caller has them already. */
  shared: { sentences: readonly Span[]; wards: WardContext } = articleContext(article),
): FigureFact[] {
  const facts: FigureFact[] = [];
  const seen = new Set<string>();
  for (const span of shared.sentences) {
    const sentence = article.text.slice(span.start, span.end);
    if (!UNIT_WORD.test(sentence)) continue;
    // A heading rounds what the body states exactly ("**Đảng bộ gần 2.000 đảng viên**" over "1.988 đảng viên").
    if (isGoal(article.text, span.start) || /^\*\*[^*]+\*\*$/u.test(sentence)) continue;
    for (const quantity of findQuantities(sentence)) {
      const number = quantity.text.trim();
      if (number.endsWith('%')) continue;
      const before = sentence.slice(0, quantity.start);
      if (GOAL.test(before)) continue;
      if (shared.wards.otherWardAt(span.start + quantity.start) !== undefined) continue;
      const afterNumber = sentence.slice(quantity.start + number.length);
      for (const rule of RULES) {
        const unit = rule.unit.exec(afterNumber);
        if (!unit) continue;
        const after = afterNumber.slice(unit[0].length);
        if (!rule.cue(before, after)) continue;
        const multiplier = rule.normalUnit === 'VND' ? (MULTIPLIER[(unit[1] ?? '').toLowerCase()] ?? 1) : 1;
        const value = parseVietnameseNumber(number);
        if (value === undefined) continue;
        const qualifier = QUALIFIER.exec(before)?.[1]?.toLowerCase();
        const writtenStart = qualifier ? before.length - (QUALIFIER.exec(before)?.[0].length ?? 0) : quantity.start;
        const written = sentence.slice(writtenStart, quantity.start + number.length + unit[0].length).trim();
        const key = `${rule.measure}|${value * multiplier}|${span.start}`;
        if (seen.has(key)) break;
        seen.add(key);
        const source = factSource(article, span);
        facts.push({
          kind: 'figure',
          measure: rule.measure,
          written,
          value: Math.round(value * multiplier * 1000) / 1000,
          unit: rule.normalUnit,
          qualifier,
          period: periodOf(sentence, article.title, article.published),
          planShare: rule.measure === 'budget-revenue' ? PLAN_SHARE.exec(after)?.[1] : undefined,
          place: article.place,
          source,
        });
        break;
      }
    }
  }
  return facts;
}

/** True for a list item under a lead-in that announces goals ("Các mục tiêu … đặt ra cho năm 2026 gồm:"). */
function isGoal(text: string, position: number): boolean {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const line = text.slice(lineStart, text.indexOf('\n', position) < 0 ? text.length : text.indexOf('\n', position));
  if (!LIST_ITEM.test(line)) return false;
  // Walk back over the list's other items and blank lines to its lead-in.
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const previous = text.slice(start, end);
    if (previous.trim() !== '' && !LIST_ITEM.test(previous)) {
      const leadIn = previous.slice(Math.max(0, previous.length - 200));
      return GOAL.test(leadIn);
    }
    end = start - 1;
  }
  return false;
}

/** "21,31" → 21.31 and "47.168" → 47168: Vietnamese writes a comma for decimals and dots between thousands. */
export function parseVietnameseNumber(written: string): number | undefined {
  const text = written.trim();
  if (!/^\d{1,3}(?:\.\d{3})*(?:,\d+)?$|^\d+(?:,\d+)?$/.test(text)) return undefined;
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

/**
 * The year or term the sentence (else the article's title) names, as written. A year after the article's own is a goal
 * ("trở thành đô thị … vào năm 2035"), never the period of a figure the article reports.
 */
function periodOf(sentence: string, title: string, published: string | undefined): string | undefined {
  const latestYear = published ? Number(published.slice(0, 4)) : Number.POSITIVE_INFINITY;
  const periods = (text: string) => [...text.matchAll(PERIOD)].map((match) => match[0]).filter((period) => Number(/\d{4}/.exec(period)?.[0] ?? 0) <= latestYear);
  return periods(sentence)[0] ?? periods(title)[0];
}
