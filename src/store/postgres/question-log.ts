import {
  activitySince,
  dailyActivity,
  questionFilterSql,
  toLoggedQuestion,
  type DailyActivity,
  type LoggedQuestion,
  type LoggedQuestionRow,
  type QuestionFilter,
  type QuestionLog,
} from '../console-records.js';
import type { PostgresPool } from './open-pool.js';

const placeholder = (position: number) => `$${position}`;

/** Reads the answer log for the console, in PostgreSQL: every replica's answers, newest first, with votes and comments. */
export class PostgresQuestionLog implements QuestionLog {
  constructor(private readonly pool: PostgresPool) {}

  async list(filter: QuestionFilter, limit: number, offset = 0): Promise<LoggedQuestion[]> {
    const where = questionFilterSql(filter, placeholder);
    const next = where.parameters.length;
    const { rows } = await this.pool.query<LoggedQuestionRow>(
      `SELECT answers.id, answers.question, answers.answer, answers.answered, answers.reason, answers.mode, answers.channel,
         answers.place, answers.pin_id, answers.created_at,
         (SELECT COUNT(*) FROM feedback WHERE feedback.answer_id = answers.id AND feedback.vote = 'up') AS up_votes,
         (SELECT COUNT(*) FROM feedback WHERE feedback.answer_id = answers.id AND feedback.vote = 'down') AS down_votes,
         (SELECT json_agg(feedback.comment) FROM feedback WHERE feedback.answer_id = answers.id AND feedback.comment IS NOT NULL) AS comments
       FROM answers WHERE ${where.sql}
       ORDER BY answers.created_at DESC, answers.seq DESC LIMIT $${next + 1} OFFSET $${next + 2}`,
      [...where.parameters, limit, offset],
    );
    return rows.map(toLoggedQuestion);
  }

  async count(filter: QuestionFilter): Promise<number> {
    const where = questionFilterSql(filter, placeholder);
    const { rows } = await this.pool.query<{ count: string }>(`SELECT COUNT(*) AS count FROM answers WHERE ${where.sql}`, where.parameters);
    return Number(rows[0]?.count ?? 0);
  }

  async get(id: string): Promise<LoggedQuestion | undefined> {
    const { rows } = await this.pool.query<LoggedQuestionRow>('SELECT answers.*, 0 AS up_votes, 0 AS down_votes, NULL AS comments FROM answers WHERE answers.id = $1', [id]);
    return rows[0] && toLoggedQuestion(rows[0]);
  }

  async choices(): Promise<{ places: string[]; channels: string[] }> {
    const places = await this.pool.query<{ place: string }>('SELECT DISTINCT place FROM answers WHERE place IS NOT NULL ORDER BY place');
    const channels = await this.pool.query<{ channel: string }>('SELECT DISTINCT channel FROM answers ORDER BY channel');
    return { places: places.rows.map((row) => row.place), channels: channels.rows.map((row) => row.channel) };
  }

  async activity(now: Date, days: number, timeZone: string): Promise<DailyActivity> {
    const { rows } = await this.pool.query<{ created_at: string; channel: string; answered: number }>(
      `SELECT created_at, channel, answered FROM answers
       WHERE created_at >= $1 AND COALESCE(reason, '') NOT IN ('empty-question', 'conversation-reset')`,
      [activitySince(now, days)],
    );
    return dailyActivity(rows, now, days, timeZone);
  }
}
