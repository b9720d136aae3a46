import { nfc } from '../../ingest/normalize-vietnamese.js';
import { calendarDate } from '../calendar-date.js';
import { questionKey } from '../question-similarity.js';
import type { AnswerMode, RefusalReason } from '../../core/types.js';
import type { SqliteDatabase } from './open-database.js';

/** Which logged questions to show: every field narrows the list; absent fields don't. */
export interface QuestionFilter {
  /** Words the question holds (diacritics and case ignored). */
  search?: string;
  channel?: string;
  /** A ward as the log names it (part of the label is enough). */
  place?: string;
  /** `answered`, `refused`, `pinned`, or one refusal reason. */
  outcome?: string;
  /** `up`, `down`, `none` (not rated) or `rated`. */
  vote?: string;
}

/** One logged question with its answer, the ward it was about and its votes and comments. */
export interface LoggedQuestion {
  id: string;
  question: string;
  answer: string;
  answered: boolean;
  reason: RefusalReason | undefined;
  mode: AnswerMode;
  channel: string;
  place: string | undefined;
  pinId: string | undefined;
  createdAt: string;
  upVotes: number;
  downVotes: number;
  comments: string[];
}

/** Questions and answers per day, and questions per channel, over a period. */
export interface DailyActivity {
  days: Array<{ date: string; questions: number; answered: number }>;
  channels: Array<{ channel: string; questions: number; answered: number }>;
}

interface Row {
  id: string;
  question: string;
  answer: string;
  answered: number;
  reason: string | null;
  mode: string;
  channel: string;
  place: string | null;
  pin_id: string | null;
  created_at: string;
  up_votes: number;
  down_votes: number;
  comments: string | null;
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters escaped. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** The WHERE clause and parameters of a filter (empty questions and "start over" are never listed). */
function whereOf(filter: QuestionFilter): { sql: string; parameters: Array<string | number> } {
  const clauses = ["COALESCE(answers.reason, '') NOT IN ('empty-question', 'conversation-reset')"];
  const parameters: Array<string | number> = [];
  const search = filter.search ? nfc(filter.search).trim() : '';
  if (search) {
    const key = questionKey(search);
    clauses.push(key ? "(answers.question LIKE ? ESCAPE '\\' OR answers.normalized_question LIKE ? ESCAPE '\\')" : "answers.question LIKE ? ESCAPE '\\'");
    parameters.push(contains(search), ...(key ? [contains(key)] : []));
  }
  if (filter.channel) {
    clauses.push('answers.channel = ?');
    parameters.push(filter.channel);
  }
  if (filter.place) {
    clauses.push("answers.place LIKE ? ESCAPE '\\'");
    parameters.push(contains(nfc(filter.place).trim()));
  }
  if (filter.outcome === 'answered') clauses.push('answers.answered = 1');
  else if (filter.outcome === 'refused') clauses.push('answers.answered = 0');
  else if (filter.outcome === 'pinned') clauses.push("answers.mode = 'pinned'");
  else if (filter.outcome) {
    clauses.push('answers.answered = 0 AND answers.reason = ?');
    parameters.push(filter.outcome);
  }
  if (filter.vote === 'up' || filter.vote === 'down') {
    clauses.push('EXISTS (SELECT 1 FROM feedback WHERE feedback.answer_id = answers.id AND feedback.vote = ?)');
    parameters.push(filter.vote);
  } else if (filter.vote === 'none') clauses.push('NOT EXISTS (SELECT 1 FROM feedback WHERE feedback.answer_id = answers.id)');
  else if (filter.vote === 'rated') clauses.push('EXISTS (SELECT 1 FROM feedback WHERE feedback.answer_id = answers.id)');
  return { sql: clauses.join(' AND '), parameters };
}

/** Reads the answer log for the console: newest first, filtered, with votes and comments. */
export class SqliteQuestionLog {
  private readonly database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    this.database = database;
  }

  /** The logged questions the filter selects, newest first, `limit` from `offset`. */
  list(filter: QuestionFilter, limit: number, offset = 0): LoggedQuestion[] {
    const where = whereOf(filter);
    return this.database
      .prepare<Array<string | number>, Row>(
        `SELECT answers.id, answers.question, answers.answer, answers.answered, answers.reason, answers.mode, answers.channel,
           answers.place, answers.pin_id, answers.created_at,
           (SELECT COUNT(*) FROM feedback WHERE feedback.answer_id = answers.id AND feedback.vote = 'up') AS up_votes,
           (SELECT COUNT(*) FROM feedback WHERE feedback.answer_id = answers.id AND feedback.vote = 'down') AS down_votes,
           (SELECT json_group_array(feedback.comment) FROM feedback WHERE feedback.answer_id = answers.id AND feedback.comment IS NOT NULL) AS comments
         FROM answers WHERE ${where.sql}
         ORDER BY answers.created_at DESC, answers.rowid DESC LIMIT ? OFFSET ?`,
      )
      .all(...where.parameters, limit, offset)
      .map(toLoggedQuestion);
  }

  /** How many logged questions the filter selects. */
  count(filter: QuestionFilter): number {
    const where = whereOf(filter);
    return this.database.prepare<Array<string | number>, { count: number }>(`SELECT COUNT(*) AS count FROM answers WHERE ${where.sql}`).get(...where.parameters)!.count;
  }

  /** One logged question by its answer id. */
  get(id: string): LoggedQuestion | undefined {
    const [found] = this.database
      .prepare<[string], Row>(
        `SELECT answers.*, 0 AS up_votes, 0 AS down_votes, NULL AS comments FROM answers WHERE answers.id = ?`,
      )
      .all(id)
      .map(toLoggedQuestion);
    return found;
  }

  /** The wards and channels the log names, for the filter menus. */
  choices(): { places: string[]; channels: string[] } {
    const places = this.database.prepare<[], { place: string }>('SELECT DISTINCT place FROM answers WHERE place IS NOT NULL ORDER BY place').all();
    const channels = this.database.prepare<[], { channel: string }>('SELECT DISTINCT channel FROM answers ORDER BY channel').all();
    return { places: places.map((row) => row.place), channels: channels.map((row) => row.channel) };
  }

  /** Questions and answers per day (in `timeZone`) for the `days` days up to `now`, and per channel over them. */
  activity(now: Date, days: number, timeZone: string): DailyActivity {
    const dates: string[] = [];
    for (let back = days - 1; back >= 0; back -= 1) dates.push(calendarDate(new Date(now.getTime() - back * 86_400_000), timeZone));
    const byDate = new Map(dates.map((date) => [date, { date, questions: 0, answered: 0 }]));
    const byChannel = new Map<string, { channel: string; questions: number; answered: number }>();
    // A day more than asked, so the first day's early hours in a zone east of UTC are read too.
    const since = new Date(now.getTime() - (days + 1) * 86_400_000).toISOString();
    const rows = this.database
      .prepare<[string], { created_at: string; channel: string; answered: number }>(
        `SELECT created_at, channel, answered FROM answers
         WHERE created_at >= ? AND COALESCE(reason, '') NOT IN ('empty-question', 'conversation-reset')`,
      )
      .iterate(since);
    for (const row of rows) {
      const day = byDate.get(calendarDate(new Date(row.created_at), timeZone));
      if (!day) continue;
      day.questions += 1;
      day.answered += row.answered;
      const channel = byChannel.get(row.channel) ?? { channel: row.channel, questions: 0, answered: 0 };
      channel.questions += 1;
      channel.answered += row.answered;
      byChannel.set(row.channel, channel);
    }
    return { days: [...byDate.values()], channels: [...byChannel.values()].sort((left, right) => right.questions - left.questions) };
  }
}

function toLoggedQuestion(row: Row): LoggedQuestion {
  let comments: string[] = [];
  try {
    comments = row.comments ? (JSON.parse(row.comments) as unknown[]).filter((comment): comment is string => typeof comment === 'string') : [];
  } catch {
    comments = [];
  }
  return {
    id: row.id,
    question: row.question,
    answer: row.answer,
    answered: row.answered === 1,
    reason: (row.reason ?? undefined) as RefusalReason | undefined,
    mode: row.mode as AnswerMode,
    channel: row.channel,
    place: row.place ?? undefined,
    pinId: row.pin_id ?? undefined,
    createdAt: row.created_at,
    upVotes: row.up_votes,
    downVotes: row.down_votes,
    comments,
  };
}
