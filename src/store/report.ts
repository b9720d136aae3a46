import type { AnswerMode, Language, RefusalReason } from '../core/types.js';
import { message, type MessageKey } from '../core/messages.js';
import type { SqliteDatabase } from './open-database.js';

/** A question residents asked that the bot could not answer, grouped by its question key. */
export interface UnansweredQuestion {
  /** The question key all these askings share (folded, without fillers). */
  normalizedQuestion: string;
  count: number;
  /** ISO time of the latest asking. */
  lastAsked: string;
  /** The latest asking, as typed. */
  example: string;
  reasons: RefusalReason[];
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
}

const COMMENTS_PER_ANSWER = 3;
const EXCERPT_LENGTH = 160;

/**
 * Reads the report from the database: the most frequent refusals (empty questions aside), the answers with the most
 * 👎, and the overdue pins.
 */
export function buildReport(database: SqliteDatabase, options: ReportOptions): StoreReport {
  const since = options.since ?? '';
  const unanswered = database
    .prepare<[string, number], { normalized_question: string; count: number; last_asked: string; example: string; reasons: string }>(
      `SELECT normalized_question, COUNT(*) AS count, MAX(created_at) AS last_asked,
         (SELECT latest.question FROM answers AS latest
           WHERE latest.normalized_question = asked.normalized_question AND latest.answered = 0
           ORDER BY latest.created_at DESC, latest.rowid DESC LIMIT 1) AS example,
         GROUP_CONCAT(DISTINCT reason) AS reasons
       FROM answers AS asked
       WHERE answered = 0 AND COALESCE(reason, '') <> 'empty-question' AND created_at >= ?
       GROUP BY normalized_question
       ORDER BY count DESC, last_asked DESC, normalized_question
       LIMIT ?`,
    )
    .all(since, options.limit)
    .map((row) => ({
      normalizedQuestion: row.normalized_question,
      count: row.count,
      lastAsked: row.last_asked,
      example: row.example,
      reasons: (row.reasons ?? '').split(',').filter(Boolean).sort() as RefusalReason[],
    }));

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

  return { generatedAt: options.now.toISOString(), unanswered, worstRated, overduePins };
}

/** The report as plain text for a terminal or an e-mail, headed in the given language. */
export function formatReport(report: StoreReport, language: Language): string {
  const lines: string[] = [message('report.title', language, { time: report.generatedAt })];
  const section = (titleKey: MessageKey, rows: string[]) => {
    lines.push('', message(titleKey, language), ...(rows.length > 0 ? rows : [`  ${message('report.none', language)}`]));
  };
  section(
    'report.unanswered',
    report.unanswered.map(
      (row, index) => `${index + 1}. ${row.example}\n   ×${row.count} · ${message('report.last-asked', language)} ${row.lastAsked} · ${row.reasons.join(', ')}`,
    ),
  );
  section(
    'report.worst-rated',
    report.worstRated.map((row, index) => {
      const parts = [`${index + 1}. 👎 ${row.downVotes} · 👍 ${row.upVotes} · ${row.mode} · ${row.question}`, `   → ${excerpt(row.answer)}`];
      for (const comment of row.comments) parts.push(`   💬 ${comment}`);
      return parts.join('\n');
    }),
  );
  section(
    'report.overdue-pins',
    report.overduePins.map((pin) => `- ${pin.reviewBy} · ${pin.question} (${pin.id}, ${pin.pinnedBy}, ${message('report.hits', language, { hits: pin.hits })})`),
  );
  return lines.join('\n');
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}
