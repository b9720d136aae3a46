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
import type { SqliteDatabase } from './open-database.js';

const placeholder = () => '?';

/** Reads the answer log for the console, in SQLite: newest first, filtered, with votes and comments. */
export class SqliteQuestionLog implements QuestionLog {
  private readonly database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    this.database = database;
  }

  async list(filter: QuestionFilter, limit: number, offset = 0): Promise<LoggedQuestion[]> {
    const where = questionFilterSql(filter, placeholder);
    return this.database
      .prepare<Array<string | number>, LoggedQuestionRow>(
        `SELECT ${loggedQuestionColumns('json_group_array')} FROM answers WHERE ${where.sql}
         ORDER BY answers.created_at DESC, answers.rowid DESC LIMIT ? OFFSET ?`,
      )
      .all(...where.parameters, limit, offset)
      .map(toLoggedQuestion);
  }

  async count(filter: QuestionFilter): Promise<number> {
    const where = questionFilterSql(filter, placeholder);
    return this.database.prepare<Array<string | number>, { count: number }>(`SELECT COUNT(*) AS count FROM answers WHERE ${where.sql}`).get(...where.parameters)!.count;
  }

  async get(id: string): Promise<LoggedQuestion | undefined> {
    const [found] = this.database
      .prepare<[string], LoggedQuestionRow>(`SELECT answers.*, 0 AS up_votes, 0 AS down_votes, NULL AS comments FROM answers WHERE answers.id = ?`)
      .all(id)
      .map(toLoggedQuestion);
    return found;
  }

  async choices(): Promise<{ places: string[]; channels: string[] }> {
    const places = this.database.prepare<[], { place: string }>('SELECT DISTINCT place FROM answers WHERE place IS NOT NULL ORDER BY place').all();
    const channels = this.database.prepare<[], { channel: string }>('SELECT DISTINCT channel FROM answers ORDER BY channel').all();
    return { places: places.map((row) => row.place), channels: channels.map((row) => row.channel) };
  }

  async activity(now: Date, days: number, timeZone: string): Promise<DailyActivity> {
    const rows = this.database
      .prepare<[string], { created_at: string; channel: string; answered: number }>(activitySql('?'))
      .iterate(activitySince(now, days));
    return dailyActivity(rows, now, days, timeZone);
  }
}
