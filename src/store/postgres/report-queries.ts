import type { OverduePin, RatedRow, RefusalRow, ReportQueries, TotalsRow } from '../report.js';
import type { PostgresPool } from './open-pool.js';

/** Excluded from the report's counts: nothing was asked. */
const NOT_ASKED = `COALESCE(reason, '') NOT IN ('empty-question', 'conversation-reset')`;

/** The staff report's queries in PostgreSQL (`seq` orders answers logged in the same millisecond, as SQLite's rowid does). */
export function postgresReportQueries(pool: PostgresPool): ReportQueries {
  return {
    async refusals(since, max) {
      return (
        await pool.query<RefusalRow>(
          `SELECT question, created_at, reason FROM answers WHERE answered = 0 AND ${NOT_ASKED} AND created_at >= $1
           ORDER BY created_at DESC, seq DESC LIMIT $2`,
          [since, max],
        )
      ).rows;
    },
    async worstRated(since, limit) {
      return (
        await pool.query<RatedRow>(
          `SELECT answers.normalized_question, answers.answer, answers.mode,
             (SELECT latest.question FROM answers AS latest
               WHERE latest.normalized_question = answers.normalized_question AND latest.answer = answers.answer
               ORDER BY latest.created_at DESC, latest.seq DESC LIMIT 1) AS question,
             SUM(CASE WHEN feedback.vote = 'down' THEN 1 ELSE 0 END)::int AS down_votes,
             SUM(CASE WHEN feedback.vote = 'up' THEN 1 ELSE 0 END)::int AS up_votes,
             MAX(feedback.updated_at) AS last_voted
           FROM feedback JOIN answers ON answers.id = feedback.answer_id
           WHERE feedback.updated_at >= $1
           GROUP BY answers.normalized_question, answers.answer, answers.mode
           HAVING SUM(CASE WHEN feedback.vote = 'down' THEN 1 ELSE 0 END) > 0
           ORDER BY down_votes DESC, up_votes ASC, last_voted DESC
           LIMIT $2`,
          [since, limit],
        )
      ).rows;
    },
    async comments(row, since, limit) {
      const { rows } = await pool.query<{ comment: string }>(
        `SELECT feedback.comment FROM feedback JOIN answers ON answers.id = feedback.answer_id
         WHERE answers.normalized_question = $1 AND answers.answer = $2 AND answers.mode = $3 AND feedback.comment IS NOT NULL AND feedback.updated_at >= $4
         ORDER BY feedback.updated_at DESC LIMIT $5`,
        [row.normalized_question, row.answer, row.mode, since, limit],
      );
      return rows.map((comment) => comment.comment);
    },
    async overduePins(today, limit) {
      const { rows } = await pool.query<{ id: string; question: string; review_by: string; pinned_by: string; hits: number }>(
        `SELECT id, question, review_by, pinned_by, hits FROM pins
         WHERE review_by IS NOT NULL AND review_by < $1 ORDER BY review_by, created_at LIMIT $2`,
        [today, limit],
      );
      return rows.map((row): OverduePin => ({ id: row.id, question: row.question, reviewBy: row.review_by, pinnedBy: row.pinned_by, hits: row.hits }));
    },
    async totals(since) {
      return (
        await pool.query<TotalsRow>(
          `SELECT answered, mode, reason, COUNT(*)::int AS count FROM answers WHERE ${NOT_ASKED} AND created_at >= $1 GROUP BY answered, mode, reason`,
          [since],
        )
      ).rows;
    },
    async votes(since) {
      return (await pool.query<{ vote: string; count: number }>('SELECT vote, COUNT(*)::int AS count FROM feedback WHERE updated_at >= $1 GROUP BY vote', [since])).rows;
    },
  };
}
