import type { AnswerMode, Language, RefusalReason } from '../core/types.js';
import { countMessage, message, type MessageKey } from '../core/messages.js';
import { displayDate, displayTime } from '../core/display-date.js';
import { questionMeaningKey } from './question-meaning.js';
import type { SqliteDatabase } from './open-database.js';

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

const COMMENTS_PER_ANSWER = 3;
const VARIANTS_PER_QUESTION = 3;
/** Refusals read per report, newest first: months of a busy ward, while the grouping stays instant. */
const MAX_REFUSALS_READ = 100_000;
const EXCERPT_LENGTH = 160;

/**
 * Reads the report from the database: the most frequent refusals (empty questions aside), the answers with the most
 * 👎, and the overdue pins.
 */
export function buildReport(database: SqliteDatabase, options: ReportOptions): StoreReport {
  const since = options.since ?? '';
  const unanswered = groupRefusals(
    database
      .prepare<[string, number], { question: string; created_at: string; reason: string | null }>(
        `SELECT question, created_at, reason FROM answers
         WHERE answered = 0 AND COALESCE(reason, '') NOT IN ('empty-question', 'conversation-reset') AND created_at >= ?
         ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      )
      .all(since, MAX_REFUSALS_READ),
  ).slice(0, options.limit);

  const comments = database.prepare<[string, string, string, string, number], { comment: string }>(
    `SELECT feedback.comment FROM feedback JOIN answers ON answers.id = feedback.answer_id
     WHERE answers.normalized_question = ? AND answers.answer = ? AND answers.mode = ? AND feedback.comment IS NOT NULL AND feedback.updated_at >= ?
     ORDER BY feedback.updated_at DESC LIMIT ?`,
  );
  const worstRated = database
    .prepare<[string, number], { normalized_question: string; question: string; answer: string; mode: AnswerMode; down_votes: number; up_votes: number; last_voted: string }>(
      `SELECT answers.normalized_question, answers.answer, answers.mode,
         (SELECT latest.question FROM answers AS latest
           WHERE latest.normalized_question = answers.normalized_question AND latest.answer = answers.answer
           ORDER BY latest.created_at DESC, latest.rowid DESC LIMIT 1) AS question,
         SUM(feedback.vote = 'down') AS down_votes, SUM(feedback.vote = 'up') AS up_votes, MAX(feedback.updated_at) AS last_voted
       FROM feedback JOIN answers ON answers.id = feedback.answer_id
       WHERE feedback.updated_at >= ?
       GROUP BY answers.normalized_question, answers.answer, answers.mode
       HAVING down_votes > 0
       ORDER BY down_votes DESC, up_votes ASC, last_voted DESC
       LIMIT ?`,
    )
    .all(since, options.limit)
    .map((row) => ({
      question: row.question,
      answer: row.answer,
      mode: row.mode,
      downVotes: row.down_votes,
      upVotes: row.up_votes,
      lastVoted: row.last_voted,
      comments: comments.all(row.normalized_question, row.answer, row.mode, since, COMMENTS_PER_ANSWER).map((comment) => comment.comment),
    }));

  const overduePins = database
    .prepare<[string, number], { id: string; question: string; review_by: string; pinned_by: string; hits: number }>(
      `SELECT id, question, review_by, pinned_by, hits FROM pins
       WHERE review_by IS NOT NULL AND review_by < ? ORDER BY review_by, created_at LIMIT ?`,
    )
    .all(options.today, options.limit)
    .map((row) => ({ id: row.id, question: row.question, reviewBy: row.review_by, pinnedBy: row.pinned_by, hits: row.hits }));

  return {
    generatedAt: options.now.toISOString(),
    timeZone: options.timeZone,
    ...(options.since ? { since: options.since } : {}),
    totals: readTotals(database, since),
    unanswered,
    worstRated,
    overduePins,
  };
}

/** Groups refusals (newest first) by what they ask, most asked first, then most recently asked. */
function groupRefusals(rows: ReadonlyArray<{ question: string; created_at: string; reason: string | null }>): UnansweredQuestion[] {
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
function readTotals(database: SqliteDatabase, since: string): ReportTotals {
  const rows = database
    .prepare<[string], { answered: number; mode: AnswerMode; reason: RefusalReason | null; count: number }>(
      `SELECT answered, mode, reason, COUNT(*) AS count FROM answers
       WHERE COALESCE(reason, '') NOT IN ('empty-question', 'conversation-reset') AND created_at >= ?
       GROUP BY answered, mode, reason`,
    )
    .all(since);
  const totals: ReportTotals = { questions: 0, answered: 0, refused: 0, answerRate: null, byMode: {}, byReason: {}, upVotes: 0, downVotes: 0 };
  for (const row of rows) {
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
  const votes = database
    .prepare<[string], { vote: string; count: number }>('SELECT vote, COUNT(*) AS count FROM feedback WHERE updated_at >= ? GROUP BY vote')
    .all(since);
  for (const row of votes) {
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
