import {
  activitySince,
  activitySql,
  dailyActivity,
  loggedQuestionColumns,
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
      `SELECT ${loggedQuestionColumns('json_agg')} FROM answers WHERE ${where.sql}
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
    const { rows } = await this.pool.query<{ created_at: string; channel: string; answered: number }>(activitySql('$1'), [activitySince(now, days)]);
    return dailyActivity(rows, now, days, timeZone);
  }
}
