import { foldedKey, hasDiacritics, nfc, syllableKey, tokenize, type Token } from '../ingest/normalize-vietnamese.js';
import type { Language } from './types.js';

/**
 * The grounding gate: every number, date and person name a generated answer states must occur in the passages it
 * cites. Pure functions over strings, so the rules can be tested with plain text.
 *
 * Numbers are compared by value, read the way Vietnamese writes them: `.` and a space group thousands, `,` marks
 * decimals, so "2.883" = "2 883" = "2883" ≠ "2.833", and "21,31" (twenty-one point three one) ≠ "2131". English answers
 * may also use English separators ("2,883", "21.31"), so their numbers match under either reading. A percentage must
 * match a percentage of the same value ("87%" never matches "85%", nor a plain 87); an ordinal ("1st", "thứ 1") may
 * match a Roman numeral ("lần thứ I"). Dates match on day and month; a year the answer adds must occur somewhere in
 * the cited text. Names are runs of two or more capitalised Vietnamese syllables (titles such as "Đảng", "Phường"
 * trimmed from their edges, English words ending the run), compared case- and tone-placement-insensitively
 * ("Hoà" = "Hòa", "Ánh" ≠ "Anh"); only an English answer may spell a name without diacritics.
 */

interface NumberFact {
  text: string;
  start: number;
  end: number;
  /** Canonical values it may stand for (integer digits, then `.` and fraction digits when any). */
  values: string[];
  percent: boolean;
  /** "1st", "thứ 2": may stand for a Roman numeral or "thứ nhất" in the passage. */
  ordinal: boolean;
}

interface DateFact {
  text: string;
  start: number;
  end: number;
  day?: number;
  month: number;
  year?: number;
}

/** What the cited passages contain, indexed for the gate. */
interface SourceFacts {
  numbers: Set<string>;
  percents: Set<string>;
  /** Values of ordinals written as Roman numerals ("lần thứ I") or "thứ nhất". */
  ordinals: Set<string>;
  dates: DateFact[];
  accentedWords: string[][];
  foldedWords: string[][];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAME = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![A-Za-z])\\.?';
const ORDINAL = '(?:st|nd|rd|th)?';

const DATE_PATTERNS: Array<{ pattern: RegExp; read: (groups: string[]) => Omit<DateFact, 'text' | 'start' | 'end'> }> = [
  { pattern: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/gu, read: ([year, month, day]) => ({ year: n(year), month: n(month), day: n(day) }) },
  { pattern: /(?<![\d.,/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/gu, read: ([day, month, year]) => ({ day: n(day), month: n(month), year: n(year) }) },
  {
    pattern: /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?/giu,
    read: ([day, month, year]) => ({ day: n(day), month: n(month), ...(year ? { year: n(year) } : {}) }),
  },
  { pattern: /tháng\s+(\d{1,2})(?:\s*\/\s*|\s+năm\s+)(\d{4})/giu, read: ([month, year]) => ({ month: n(month), year: n(year) }) },
  { pattern: /(?<![\d.,/])(\d{1,2})\/(\d{4})(?![\d/])/gu, read: ([month, year]) => ({ month: n(month), year: n(year) }) },
  { pattern: /(?<![\d.,/])(\d{1,2})\/(\d{1,2})(?![\d/])/gu, read: ([day, month]) => ({ day: n(day), month: n(month) }) },
  { pattern: /tháng\s+(\d{1,2})(?![\d/])/giu, read: ([month]) => ({ month: n(month) }) },
  {
    pattern: new RegExp(`(?<!\\d)(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH_NAME}(?:,?\\s+(\\d{4}))?`, 'gu'),
    read: ([day, month, year]) => ({ day: n(day), month: monthNumber(month), ...(year ? { year: n(year) } : {}) }),
  },
  {
    pattern: new RegExp(`${MONTH_NAME}\\s+(\\d{1,2})${ORDINAL}(?!\\d)(?:,?\\s+(\\d{4}))?`, 'gu'),
    read: ([month, day, year]) => ({ day: n(day), month: monthNumber(month), ...(year ? { year: n(year) } : {}) }),
  },
  { pattern: new RegExp(`${MONTH_NAME}\\s+(\\d{4})`, 'gu'), read: ([month, year]) => ({ month: monthNumber(month), year: n(year) }) },
];

// A number: digits with inner `.`/`,` separators, or with spaces that group thousands ("2 883").
const NUMBER = /\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*/gu;
const ORDINAL_MARK = syllableKey('thứ');
const FIRST = syllableKey('nhất');
const ROMAN_DIGITS: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
const PERCENT_AFTER = /^\s?(?:%|phần\s+trăm|percent|per\s+cent)/iu;

// Capitalised words that begin or end a run without being part of a name: titles, bodies, places, and English words
// spelled like Vietnamese syllables (other English words are never Vietnamese syllables, so they end a run anyway).
// Syllables that are also common given names (Anh, Nam, Thành, Quốc…) are deliberately absent: stripping them would
// let a changed name slip through.
const NOT_NAME_WORDS = new Set(
  (
    'Đảng Ủy Uỷ Ban Thường Vụ Đại Hội Phường Xã Thị Trấn Thôn Ấp Quận Huyện Tỉnh Phố Chủ Tịch Bí Thư Phó Mặt Trận Tổ ' +
    'Sở Nghị Quyết Kiểm Tra Chấp Hành Đồng Chí Ông Bà Chị Cô Chú Bác Theo Tại Trong Về Với Sau Trước Khi Các Những ' +
    'Hiện Nay Đây Có Là Được Người Cùng Đến Ngày Tháng Năm Sáng Chiều Tối Nhiệm Biểu Dân Viên Bộ Bài Viết Nguồn ' +
    'The To In On At By He Me My No So Do Go Hi Ma'
  )
    .split(' ')
    .map(syllableKey),
);
// One Vietnamese syllable, diacritics folded: optional initial consonant(s), one to three vowels, optional final.
const VIETNAMESE_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;
// Names too generic to demand from a passage.
const GENERIC_NAMES = new Set(['Việt Nam'].map(nameKey));

/**
 * Lists the numbers, dates and names of `answer` that none of `sources` contains, each as the answer wrote it; an
 * empty list means the answer passes the gate. `sources` are the cited passages (with their titles and dates).
 */
export function findUnsupportedFacts(answer: string, sources: readonly string[], language: Language): string[] {
  const text = nfc(answer);
  const facts = readSourceFacts(sources.map(nfc));
  const unsupported: string[] = [];
  const report = (value: string) => {
    if (!unsupported.includes(value)) unsupported.push(value);
  };

  const dates = findDates(text);
  for (const date of dates) if (!dateSupported(date, facts)) report(date.text);
  for (const number of findNumbers(text, language === 'en' ? ['vi', 'en'] : ['vi'], dates)) {
    const pool = number.percent ? facts.percents : facts.numbers;
    const supported = number.values.some((value) => pool.has(value) || (number.ordinal && facts.ordinals.has(value)));
    if (!supported) report(number.text);
  }
  for (const name of findNameRuns(text)) {
    if (!nameSupported(name, facts, language)) report(name.words.map((word) => word.text).join(' '));
  }
  return unsupported;
}

function readSourceFacts(sources: readonly string[]): SourceFacts {
  const numbers = new Set<string>();
  const percents = new Set<string>();
  const ordinals = new Set<string>();
  const dates: DateFact[] = [];
  const accentedWords: string[][] = [];
  const foldedWords: string[][] = [];
  for (const source of sources) {
    dates.push(...findDates(source));
    for (const number of findNumbers(source, ['vi'], [])) {
      const parts = number.text.split(/[ \u00a0\u202f]/u);
      const values = parts.length > 1 ? [...number.values, ...parts.map((part) => canonical(part.replace(/\./g, ''), ''))] : number.values;
      for (const value of values) (number.percent ? percents : numbers).add(value);
      // A percentage is also a plain number in its text ("87%" supports "87 phần trăm" and "87").
      for (const value of values) numbers.add(value);
    }
    const words = tokenize(source).filter((token) => !token.isNumber);
    const keys = words.map((word) => syllableKey(word.text));
    words.forEach((word, index) => {
      const roman = romanValue(word.text);
      if (roman !== undefined) ordinals.add(String(roman));
      if (keys[index] === FIRST && keys[index - 1] === ORDINAL_MARK) ordinals.add('1');
    });
    accentedWords.push(keys);
    foldedWords.push(words.map((word) => foldedKey(word.text)));
  }
  return { numbers, percents, ordinals, dates, accentedWords, foldedWords };
}

function findDates(text: string): DateFact[] {
  const found: DateFact[] = [];
  for (const { pattern, read } of DATE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (found.some((other) => start < other.end && other.start < end)) continue;
      const date = read(match.slice(1) as string[]);
      if (!validDate(date)) continue;
      found.push({ text: match[0], start, end, ...date });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function validDate(date: Omit<DateFact, 'text' | 'start' | 'end'>): boolean {
  if (!(date.month >= 1 && date.month <= 12)) return false;
  if (date.day !== undefined && !(date.day >= 1 && date.day <= 31)) return false;
  return date.year === undefined || (date.year >= 1900 && date.year <= 2100);
}

function dateSupported(date: DateFact, facts: SourceFacts): boolean {
  return facts.dates.some(
    (source) =>
      source.month === date.month &&
      (date.day === undefined || source.day === date.day) &&
      (date.year === undefined || source.year === date.year || (source.year === undefined && facts.numbers.has(String(date.year)))),
  );
}

function findNumbers(text: string, conventions: ReadonlyArray<'vi' | 'en'>, dates: readonly DateFact[]): NumberFact[] {
  const found: NumberFact[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (dates.some((date) => start < date.end && date.start < end)) continue;
    for (const piece of splitSpaceGroups(match[0], start)) {
      const after = text.slice(piece.end, piece.end + 12);
      const values = [...new Set(conventions.map((convention) => readNumber(piece.text, convention)))];
      const sign = /^\s?%/u.exec(after)?.[0] ?? '';
      const ordinal = /^(?:st|nd|rd|th)\b/u.test(after) || /thứ\s+$/iu.test(text.slice(Math.max(0, piece.start - 8), piece.start));
      found.push({ text: piece.text + sign, start: piece.start, end: piece.end, values, percent: PERCENT_AFTER.test(after), ordinal });
    }
  }
  return found;
}

/** "2 883" groups thousands; "2025 300" (a first group over three digits) is two numbers. */
function splitSpaceGroups(raw: string, start: number): Array<{ text: string; start: number; end: number }> {
  const groups = raw.split(/[ \u00a0\u202f]/u);
  if (groups.length === 1 || /^\d{1,3}$/.test(groups[0] ?? '')) return [{ text: raw, start, end: start + raw.length }];
  const pieces: Array<{ text: string; start: number; end: number }> = [];
  let offset = start;
  for (const group of groups) {
    pieces.push({ text: group, start: offset, end: offset + group.length });
    offset += group.length + 1;
  }
  return pieces;
}

/** Reads a number as Vietnamese (`.`/space group, `,` decimal) or English (`,` groups, `.` decimal) writes it. */
function readNumber(raw: string, convention: 'vi' | 'en'): string {
  const compact = raw.replace(/[ \u00a0\u202f]/gu, '.');
  const [group, decimal] = convention === 'vi' ? ['.', ','] : [',', '.'];
  const parts = compact.split(/([.,])/);
  const separators = parts.filter((_, index) => index % 2 === 1);
  const digits = parts.filter((_, index) => index % 2 === 0);
  if (separators.length === 0) return canonical(compact, '');
  const lastSeparator = separators[separators.length - 1] as string;
  const groupsOfThree = (list: string[]) => list.slice(1).every((part) => part.length === 3);
  if (lastSeparator === decimal && separators.slice(0, -1).every((separator) => separator === group)) {
    return canonical(digits.slice(0, -1).join(''), digits[digits.length - 1] as string);
  }
  if (separators.every((separator) => separator === group) && groupsOfThree(digits)) return canonical(digits.join(''), '');
  if (separators.length === 1) return canonical(digits[0] as string, digits[1] as string);
  return canonical(digits.join(''), '');
}

function canonical(integer: string, fraction: string): string {
  const whole = integer.replace(/^0+(?=\d)/, '');
  const part = fraction.replace(/0+$/, '');
  return part ? `${whole}.${part}` : whole;
}

interface NameRun {
  words: Token[];
  atSentenceStart: boolean;
}

/** Runs of two or more capitalised words, with leading and trailing non-name words removed. */
function findNameRuns(text: string): NameRun[] {
  const tokens = tokenize(text);
  const runs: NameRun[] = [];
  let current: Token[] = [];
  const flush = () => {
    const first = current[0];
    if (first) {
      const { words, leadingTrimmed } = trimNonNameWords(current);
      if (words.length >= 2) runs.push({ words, atSentenceStart: leadingTrimmed === 0 && startsSentence(text, first.start) });
    }
    current = [];
  };
  for (const token of tokens) {
    const previous = current[current.length - 1];
    const capitalised = !token.isNumber && /^\p{Lu}/u.test(token.text) && !isAcronym(token.text) && VIETNAMESE_SYLLABLE.test(foldedKey(token.text));
    if (capitalised && (!previous || /^[ \u00a0]+$/u.test(text.slice(previous.end, token.start)))) {
      current.push(token);
      continue;
    }
    flush();
    if (capitalised) current.push(token);
  }
  flush();
  return runs.filter((run) => !GENERIC_NAMES.has(nameKey(run.words.map((word) => word.text).join(' '))));
}

function nameKey(name: string): string {
  return name.split(' ').map(syllableKey).join(' ');
}

function startsSentence(text: string, offset: number): boolean {
  const preceding = text.slice(Math.max(0, offset - 40), offset);
  const gap = /[\s"“'(«]*$/u.exec(preceding)?.[0] ?? '';
  const before = preceding.slice(0, preceding.length - gap.length);
  return offset - gap.length === 0 || gap.includes('\n') || /[.!?:;…]$/u.test(before);
}

function trimNonNameWords(words: Token[]): { words: Token[]; leadingTrimmed: number } {
  let from = 0;
  let to = words.length;
  while (from < to && NOT_NAME_WORDS.has(syllableKey(words[from]?.text ?? ''))) from++;
  while (to > from && NOT_NAME_WORDS.has(syllableKey(words[to - 1]?.text ?? ''))) to--;
  return { words: words.slice(from, to), leadingTrimmed: from };
}

function isAcronym(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase();
}

/** Found in a source as consecutive words; in an English answer a name typed without diacritics is compared folded. */
function nameSupported(run: NameRun, facts: SourceFacts, language: Language): boolean {
  const variants = [run.words];
  // The first word of a sentence is capitalised anyway; it may be an ordinary word before the name.
  if (run.atSentenceStart) variants.push(run.words.slice(1));
  return variants.some((words) => {
    if (words.length < 2) return true;
    const folded = language === 'en' && !words.some((word) => hasDiacritics(word.text));
    const keys = words.map((word) => (folded ? foldedKey(word.text) : syllableKey(word.text)));
    return (folded ? facts.foldedWords : facts.accentedWords).some((source) => containsSequence(source, keys));
  });
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  for (let index = 0; index + needle.length <= haystack.length; index++) {
    if (needle.every((key, offset) => haystack[index + offset] === key)) return true;
  }
  return false;
}

/** The value of an upper-case Roman numeral up to 89 ("I", "IV", "XII"), or undefined for any other word. */
function romanValue(word: string): number | undefined {
  if (!/^(?:L?X{0,3})(?:IX|IV|V?I{0,3})$/u.test(word) || word === '') return undefined;
  let total = 0;
  for (let index = 0; index < word.length; index++) {
    const value = ROMAN_DIGITS[word[index] as string] ?? 0;
    const next = ROMAN_DIGITS[word[index + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

function n(value: string | undefined): number {
  return Number(value);
}

function monthNumber(name: string | undefined): number {
  const lower = (name ?? '').toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((month) => month.startsWith(lower.slice(0, 3))) + 1;
}
