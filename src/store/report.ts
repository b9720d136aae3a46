import type { AnswerMode, Language, RefusalReason } from '../core/types.js';
import { countMessage, message, type MessageKey } from '../core/messages.js';
import { displayDate, displayTime } from '../core/display-date.js';
import { questionMeaningKey } from './question-meaning.js';
import { calendarDate, isCalendarDate, startOfDay } from './calendar-date.js';

/** Questions residents asked that the bot could not answer, grouped by meaning. */
export interface UnansweredQuestion {
  /** The key all these askings share: the kind of fact asked and the content words, synonyms written one way. */
  normalizedQuestion: string;
  count: number;
  /** ISO time of the latest asking. */
  lastAsked: string;
  /** The latest asking, as typed. */
  example: string;
  /** Other wordings of the same question, latest first (at most a few). */
  variants: string[];
  reasons: RefusalReason[];
}

/** How much was asked in the period and how much of it was answered. */
export interface ReportTotals {
  /** Questions asked (empty messages and "start over" aside). */
  questions: number;
  answered: number;
  refused: number;
  /** `answered / questions`, or null when nothing was asked. */
  answerRate: number | null;
  /** Answers by how they were produced. */
  byMode: Partial<Record<AnswerMode, number>>;
  /** Refusals by reason. */
  byReason: Partial<Record<RefusalReason, number>>;
  upVotes: number;
  downVotes: number;
}

/** An answer residents rated down, grouped by question key and answer text. */
export interface RatedAnswer {
  question: string;
  answer: string;
  mode: AnswerMode;
  downVotes: number;
  upVotes: number;
  /** ISO time of the latest vote. */
  lastVoted: string;
  /** Latest comments, newest first. */
  comments: string[];
}

/** A pin whose review-by date has passed; it is still served. */
export interface OverduePin {
  id: string;
  question: string;
  reviewBy: string;
  pinnedBy: string;
  hits: number;
}

/** What ward staff need to see: what the articles don't answer, which answers residents disliked, which pins to review. */
export interface StoreReport {
  generatedAt: string;
  /** IANA time zone the text report shows times in. */
  timeZone: string;
  /** ISO instant the period starts at, when limited. */
  since?: string;
  totals: ReportTotals;
  unanswered: UnansweredQuestion[];
  worstRated: RatedAnswer[];
  overduePins: OverduePin[];
}

/** Options of `buildReport`. */
export interface ReportOptions {
  /** Rows per section. */
  limit: number;
  /** Only askings and votes at or after this ISO date or time. */
  since?: string;
  /** The current instant and its `YYYY-MM-DD` date (for overdue pins). */
  now: Date;
  today: string;
  /** The ward's time zone, for the times the text report shows. */
  timeZone: string;
}

/** A refusal as the report reads it, newest first. */
export interface RefusalRow {
  question: string;
  created_at: string;
  reason: string | null;
}

/** Answers rated down, grouped by question key, answer text and mode. */
export interface RatedRow {
  normalized_question: string;
  question: string;
  answer: string;
  mode: AnswerMode;
  down_votes: number;
  up_votes: number;
  last_voted: string;
}

/** Answers counted by outcome, mode and reason. */
export interface TotalsRow {
  answered: number;
  mode: AnswerMode;
  reason: RefusalReason | null;
  count: number;
}

/** The queries a report is built from; each store answers them in its own SQL dialect. */
export interface ReportQueries {
  /** Refusals since `since` (empty questions and resets aside), newest first, at most `max`. */
  refusals(since: string, max: number): Promise<RefusalRow[]>;
  /** The answers with the most 👎 among votes since `since`. */
  worstRated(since: string, limit: number): Promise<RatedRow[]>;
  /** Latest comments on one rated answer, newest first. */
  comments(row: RatedRow, since: string, limit: number): Promise<string[]>;
  /** Pins whose review-by date is before `today`. */
  overduePins(today: string, limit: number): Promise<OverduePin[]>;
  /** Answers since `since` (empty questions and resets aside) by outcome, mode and reason. */
  totals(since: string): Promise<TotalsRow[]>;
  /** Votes since `since`, by vote. */
  votes(since: string): Promise<Array<{ vote: string; count: number }>>;
}

const COMMENTS_PER_ANSWER = 3;
const VARIANTS_PER_QUESTION = 3;
/** Refusals read per report, newest first: months of a busy ward, while the grouping stays instant. */
const MAX_REFUSALS_READ = 100_000;
const EXCERPT_LENGTH = 160;

/**
 * Reads the report from the store: the most frequent refusals (empty questions aside), the answers with the most
 * 👎, and the overdue pins.
 */
export async function buildReport(queries: ReportQueries, options: ReportOptions): Promise<StoreReport> {
  const since = options.since ?? '';
  const unanswered = groupRefusals(await queries.refusals(since, MAX_REFUSALS_READ)).slice(0, options.limit);
  const worstRated: RatedAnswer[] = [];
  for (const row of await queries.worstRated(since, options.limit)) {
    worstRated.push({
      question: row.question,
      answer: row.answer,
      mode: row.mode,
      downVotes: row.down_votes,
      upVotes: row.up_votes,
      lastVoted: row.last_voted,
      comments: await queries.comments(row, since, COMMENTS_PER_ANSWER),
    });
  }
  return {
    generatedAt: options.now.toISOString(),
    timeZone: options.timeZone,
    ...(options.since ? { since: options.since } : {}),
    totals: await readTotals(queries, since),
    unanswered,
    worstRated,
    overduePins: await queries.overduePins(options.today, options.limit),
  };
}

/**
 * The report for `limit` rows per section since `since`: a `YYYY-MM-DD` day counts from its start in `timeZone`, an ISO
 * instant as written, none from the beginning.
 */
export function reportSince(queries: ReportQueries, options: { limit: number; since?: string }, now: Date, timeZone: string): Promise<StoreReport> {
  const since = options.since && isCalendarDate(options.since) ? startOfDay(options.since, timeZone).toISOString() : options.since;
  return buildReport(queries, { limit: options.limit, ...(since ? { since } : {}), now, today: calendarDate(now, timeZone), timeZone });
}

/** Groups refusals (newest first) by what they ask, most asked first, then most recently asked. */
function groupRefusals(rows: readonly RefusalRow[]): UnansweredQuestion[] {
  const groups = new Map<string, UnansweredQuestion>();
  for (const row of rows) {
    const key = questionMeaningKey(row.question);
    const group = groups.get(key);
    const reason = (row.reason ?? 'no-sources') as RefusalReason;
    if (!group) {
      groups.set(key, { normalizedQuestion: key, count: 1, lastAsked: row.created_at, example: row.question, variants: [], reasons: [reason] });
      continue;
    }
    group.count += 1;
    if (!group.reasons.includes(reason)) group.reasons.push(reason);
    if (row.question !== group.example && !group.variants.includes(row.question) && group.variants.length < VARIANTS_PER_QUESTION) group.variants.push(row.question);
  }
  for (const group of groups.values()) group.reasons.sort();
  return [...groups.values()].sort(
    (left, right) => right.count - left.count || right.lastAsked.localeCompare(left.lastAsked) || left.normalizedQuestion.localeCompare(right.normalizedQuestion),
  );
}

/** Questions, answers by mode, refusals by reason and votes since the start of the period. */
async function readTotals(queries: ReportQueries, since: string): Promise<ReportTotals> {
  const totals: ReportTotals = { questions: 0, answered: 0, refused: 0, answerRate: null, byMode: {}, byReason: {}, upVotes: 0, downVotes: 0 };
  for (const row of await queries.totals(since)) {
    totals.questions += row.count;
    if (row.answered) {
      totals.answered += row.count;
      totals.byMode[row.mode] = (totals.byMode[row.mode] ?? 0) + row.count;
    } else {
      totals.refused += row.count;
      const reason = row.reason ?? 'no-sources';
      totals.byReason[reason] = (totals.byReason[reason] ?? 0) + row.count;
    }
  }
  totals.answerRate = totals.questions > 0 ? totals.answered / totals.questions : null;
  for (const row of await queries.votes(since)) {
    if (row.vote === 'up') totals.upVotes = row.count;
    if (row.vote === 'down') totals.downVotes = row.count;
  }
  return totals;
}

/** Refusal reasons in the order the report explains them. */
const REASONS: readonly RefusalReason[] = ['no-sources', 'low-score', 'wrong-place', 'ambiguous-place', 'not-grounded', 'error', 'empty-question', 'conversation-reset'];

/** The report as plain text for a terminal or an e-mail, in the given language, with times in the ward's time zone. */
export function formatReport(report: StoreReport, language: Language): string {
  const time = (iso: string) => displayTime(iso, report.timeZone);
  const number = (value: number) => value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US');
  const lines: string[] = [message('report.title', language, { time: `${time(report.generatedAt)} (${report.timeZone})` })];
  lines.push(report.since ? message('report.period-since', language, { time: time(report.since) }) : message('report.period-all', language));

  const totals = report.totals;
  const rate =
    totals.answerRate === null
      ? message('report.rate-none', language)
      : totals.answerRate.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US', { style: 'percent', maximumFractionDigits: 1 });
  lines.push(
    '',
    message('report.totals', language, {
      questions: countMessage('report.questions', language, totals.questions, number),
      answered: number(totals.answered),
      refused: number(totals.refused),
      rate,
      up: number(totals.upVotes),
      down: number(totals.downVotes),
    }),
  );
  for (const reason of REASONS) {
    const count = totals.byReason[reason];
    if (count) lines.push(`  ${number(count)} × ${message(`report.reason.${reason}`, language)}`);
  }

  const section = (titleKey: MessageKey, rows: string[]) => {
    lines.push('', message(titleKey, language), ...(rows.length > 0 ? rows : [`  ${message('report.none', language)}`]));
  };
  section(
    'report.unanswered',
    report.unanswered.map((row, index) => {
      const reasons = row.reasons.map((reason) => message(`report.reason.${reason}`, language)).join('; ');
      const parts = [`${index + 1}. ${row.example}`, `   ×${number(row.count)} · ${message('report.last-asked', language)} ${time(row.lastAsked)} · ${reasons}`];
      if (row.variants.length > 0) parts.push(`   ${message('report.also-asked', language)} ${row.variants.map((variant) => `“${variant}”`).join(', ')}`);
      return parts.join('\n');
    }),
  );
  section(
    'report.worst-rated',
    report.worstRated.map((row, index) => {
      const parts = [
        `${index + 1}. 👎 ${number(row.downVotes)} · 👍 ${number(row.upVotes)} · ${message(`report.mode.${row.mode}`, language)} · ${row.question}`,
        `   → ${excerpt(row.answer)}`,
      ];
      for (const comment of row.comments) parts.push(`   💬 ${comment}`);
      return parts.join('\n');
    }),
  );
  section(
    'report.overdue-pins',
    report.overduePins.map(
      (pin) => `- ${displayDate(pin.reviewBy)} · ${pin.question} (${pin.id}, ${pin.pinnedBy}, ${countMessage('report.hits', language, pin.hits, number)})`,
    ),
  );
  return lines.join('\n');
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}
