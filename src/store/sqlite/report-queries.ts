import type { OverduePin, RatedRow, RefusalRow, ReportQueries, TotalsRow } from '../report.js';
import type { SqliteDatabase } from './open-database.js';

/** Excluded from the report's counts: nothing was asked. */
const NOT_ASKED = `COALESCE(reason, '') NOT IN ('empty-question', 'conversation-reset')`;

/** The staff report's queries in SQLite. */
export function sqliteReportQueries(database: SqliteDatabase): ReportQueries {
  return {
    async refusals(since, max) {
      return database
        .prepare<[string, number], RefusalRow>(
          `SELECT question, created_at, reason FROM answers WHERE answered = 0 AND ${NOT_ASKED} AND created_at >= ?
           ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        )
        .all(since, max);
    },
    async worstRated(since, limit) {
      return database
        .prepare<[string, number], RatedRow>(
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
        .all(since, limit);
    },
    async comments(row, since, limit) {
      return database
        .prepare<[string, string, string, string, number], { comment: string }>(
          `SELECT feedback.comment FROM feedback JOIN answers ON answers.id = feedback.answer_id
           WHERE answers.normalized_question = ? AND answers.answer = ? AND answers.mode = ? AND feedback.comment IS NOT NULL AND feedback.updated_at >= ?
           ORDER BY feedback.updated_at DESC LIMIT ?`,
        )
        .all(row.normalized_question, row.answer, row.mode, since, limit)
        .map((comment) => comment.comment);
    },
    async overduePins(today, limit) {
      return database
        .prepare<[string, number], { id: string; question: string; review_by: string; pinned_by: string; hits: number }>(
          `SELECT id, question, review_by, pinned_by, hits FROM pins
           WHERE review_by IS NOT NULL AND review_by < ? ORDER BY review_by, created_at LIMIT ?`,
        )
        .all(today, limit)
        .map((row): OverduePin => ({ id: row.id, question: row.question, reviewBy: row.review_by, pinnedBy: row.pinned_by, hits: row.hits }));
    },
    async totals(since) {
      return database
        .prepare<[string], TotalsRow>(
          `SELECT answered, mode, reason, COUNT(*) AS count FROM answers WHERE ${NOT_ASKED} AND created_at >= ? GROUP BY answered, mode, reason`,
        )
        .all(since);
    },
    async votes(since) {
      return database.prepare<[string], { vote: string; count: number }>('SELECT vote, COUNT(*) AS count FROM feedback WHERE updated_at >= ? GROUP BY vote').all(since);
    },
  };
}
