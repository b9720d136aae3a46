import { createHash } from 'node:crypto';
import { nfc } from '../ingest/normalize-vietnamese.js';
import { calendarDate } from './calendar-date.js';
import { questionKey } from './question-similarity.js';
import type { AnswerMode, RefusalReason } from '../core/types.js';

/** A console account as stored: the name and its scrypt hash. */
export interface AdminAccount {
  name: string;
  passwordHash: string;
  createdAt: string;
}

/** A signed-in console session. */
export interface AdminSession {
  account: string;
  csrfToken: string;
  expiresAt: string;
}

/** One change made in the console (or by the CLI), with who made it. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

/**
 * The staff console's accounts, sessions (kept as hashes of their tokens, so a copy of the database logs nobody in),
 * failed logins with lockout, and the audit log; SQLite and PostgreSQL implement it alike.
 */
export interface AdminStore {
  /** Adds an account or replaces its password (which ends its sessions); says which. */
  setAccount(name: string, passwordHash: string): Promise<'added' | 'changed'>;
  /** Removes an account and its sessions; false when there was none. */
  removeAccount(name: string): Promise<boolean>;
  /** The account of that name, if any. */
  account(name: string): Promise<AdminAccount | undefined>;
  /** Every account, by name. */
  accounts(): Promise<AdminAccount[]>;
  /** Starts a session for `account` lasting `hours`; returns the cookie token (only its hash is stored) and CSRF token. */
  startSession(account: string, hours: number): Promise<{ token: string } & AdminSession>;
  /** The live session a cookie token belongs to; undefined when unknown or expired. */
  session(token: string): Promise<AdminSession | undefined>;
  /** Ends a session (logout). */
  endSession(token: string): Promise<void>;
  /** The time until which any of these keys (an account name, an address) is locked out, if one is. */
  lockedUntil(keys: readonly string[]): Promise<string | undefined>;
  /** Counts a failed login against each key; the fifth within 15 minutes locks the key out for 15 minutes. */
  recordFailure(keys: readonly string[]): Promise<void>;
  /** Forgets the failures of these keys (after a successful login). */
  clearFailures(keys: readonly string[]): Promise<void>;
  /** Appends one change to the audit log. */
  audit(actor: string, action: string, target: string, detail?: string): Promise<void>;
  /** The latest audit entries, newest first. */
  auditLog(limit: number, offset?: number): Promise<AuditEntry[]>;
}

/** A fact staff marked wrong: hidden from the sheets and listed for review. */
export interface FactFlag {
  factKey: string;
  place: string;
  /** What the fact said, e.g. `Chủ tịch UBND: Nguyễn Văn A`, so the list reads without the articles. */
  summary: string;
  flaggedBy: string;
  note: string;
  flaggedAt: string;
}

/** Facts marked wrong in the console. */
export interface FactFlagStore {
  /** Marks a fact wrong (again: updates who and why). */
  flag(flag: Omit<FactFlag, 'flaggedAt'>): Promise<void>;
  /** Shows a fact again; false when it was not marked. */
  unflag(factKey: string): Promise<boolean>;
  /** Every fact marked wrong, newest first. */
  list(): Promise<FactFlag[]>;
  /** The keys of the facts marked wrong. */
  keys(): Promise<Set<string>>;
}

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

/** The answer log as the console reads it: newest first, filtered, with votes and comments. */
export interface QuestionLog {
  /** The logged questions the filter selects, newest first, `limit` from `offset`. */
  list(filter: QuestionFilter, limit: number, offset?: number): Promise<LoggedQuestion[]>;
  /** How many logged questions the filter selects. */
  count(filter: QuestionFilter): Promise<number>;
  /** One logged question by its answer id (without votes). */
  get(id: string): Promise<LoggedQuestion | undefined>;
  /** The wards and channels the log names, for the filter menus. */
  choices(): Promise<{ places: string[]; channels: string[] }>;
  /** Questions and answers per day (in `timeZone`) for the `days` days up to `now`, and per channel over them. */
  activity(now: Date, days: number, timeZone: string): Promise<DailyActivity>;
}

/** Account names: letters (Vietnamese too), digits, `.`, `_`, `-`; 1–64 characters. */
const ACCOUNT_NAME = /^[\p{L}\p{N}._-]{1,64}$/u;

/** True when a name can be a console account. */
export function isAccountName(name: string): boolean {
  return ACCOUNT_NAME.test(nfc(name));
}

/** What the database keeps of a session token: its SHA-256, so a copy of the database logs nobody in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Failed logins allowed within the lockout window before a key is locked out, and the window (and lock) in minutes. */
export const LOGIN_LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

/** A key's failures after one more at `now`: counted afresh once the window since the first has passed. */
export function nextFailure(previous: { failures: number; firstFailureAt: string } | undefined, now: Date): { failures: number; firstFailureAt: string; lockedUntil: string | null } {
  const windowStart = new Date(now.getTime() - LOGIN_LOCKOUT.minutes * 60_000).toISOString();
  const within = previous !== undefined && previous.firstFailureAt > windowStart;
  const failures = within ? previous.failures + 1 : 1;
  const lockedUntil = failures >= LOGIN_LOCKOUT.maxFailures ? new Date(now.getTime() + LOGIN_LOCKOUT.minutes * 60_000).toISOString() : null;
  return { failures, firstFailureAt: within ? previous.firstFailureAt : now.toISOString(), lockedUntil };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters escaped. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The WHERE clause and parameters of a question filter over `answers` (empty questions and "start over" are never
 * listed), in SQL both stores read; `placeholder(n)` writes the n-th parameter (`?` or `$n`).
 */
export function questionFilterSql(filter: QuestionFilter, placeholder: (position: number) => string): { sql: string; parameters: Array<string | number> } {
  const clauses = ["COALESCE(answers.reason, '') NOT IN ('empty-question', 'conversation-reset')"];
  const parameters: Array<string | number> = [];
  const next = (value: string | number) => {
    parameters.push(value);
    return placeholder(parameters.length);
  };
  const search = filter.search ? nfc(filter.search).trim() : '';
  if (search) {
    const key = questionKey(search);
    const question = `answers.question LIKE ${next(contains(search))} ESCAPE '\\'`;
    clauses.push(key ? `(${question} OR answers.normalized_question LIKE ${next(contains(key))} ESCAPE '\\')` : question);
  }
  if (filter.channel) clauses.push(`answers.channel = ${next(filter.channel)}`);
  if (filter.place) clauses.push(`answers.place LIKE ${next(contains(nfc(filter.place).trim()))} ESCAPE '\\'`);
  if (filter.outcome === 'answered') clauses.push('answers.answered = 1');
  else if (filter.outcome === 'refused') clauses.push('answers.answered = 0');
  else if (filter.outcome === 'pinned') clauses.push("answers.mode = 'pinned'");
  else if (filter.outcome) clauses.push(`answers.answered = 0 AND answers.reason = ${next(filter.outcome)}`);
  if (filter.vote === 'up' || filter.vote === 'down') clauses.push(`EXISTS (SELECT 1 FROM feedback WHERE feedback.answer_id = answers.id AND feedback.vote = ${next(filter.vote)})`);
  else if (filter.vote === 'none') clauses.push('NOT EXISTS (SELECT 1 FROM feedback WHERE feedback.answer_id = answers.id)');
  else if (filter.vote === 'rated') clauses.push('EXISTS (SELECT 1 FROM feedback WHERE feedback.answer_id = answers.id)');
  return { sql: clauses.join(' AND '), parameters };
}

/** The columns of a logged question with its votes and comments; `jsonArray` is the dialect's JSON array aggregate. */
export function loggedQuestionColumns(jsonArray: 'json_group_array' | 'json_agg'): string {
  return `answers.id, answers.question, answers.answer, answers.answered, answers.reason, answers.mode, answers.channel,
    answers.place, answers.pin_id, answers.created_at,
    (SELECT COUNT(*) FROM feedback WHERE feedback.answer_id = answers.id AND feedback.vote = 'up') AS up_votes,
    (SELECT COUNT(*) FROM feedback WHERE feedback.answer_id = answers.id AND feedback.vote = 'down') AS down_votes,
    (SELECT ${jsonArray}(feedback.comment) FROM feedback WHERE feedback.answer_id = answers.id AND feedback.comment IS NOT NULL) AS comments`;
}

/** The answers `dailyActivity` counts, logged from the time `placeholder` stands for. */
export function activitySql(placeholder: string): string {
  return `SELECT created_at, channel, answered FROM answers WHERE created_at >= ${placeholder} AND COALESCE(reason, '') NOT IN ('empty-question', 'conversation-reset')`;
}

/** A logged question as both stores' queries return it. */
export interface LoggedQuestionRow {
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
  up_votes: number | string;
  down_votes: number | string;
  /** The comments, as a JSON array (SQLite) or an array (PostgreSQL). */
  comments: string | unknown[] | null;
}

/** A logged question from its row. */
export function toLoggedQuestion(row: LoggedQuestionRow): LoggedQuestion {
  let comments: unknown[] = [];
  try {
    comments = typeof row.comments === 'string' ? (JSON.parse(row.comments) as unknown[]) : (row.comments ?? []);
  } catch {
    comments = [];
  }
  return {
    id: row.id,
    question: row.question,
    answer: row.answer,
    answered: Number(row.answered) === 1,
    reason: (row.reason ?? undefined) as RefusalReason | undefined,
    mode: row.mode as AnswerMode,
    channel: row.channel,
    place: row.place ?? undefined,
    pinId: row.pin_id ?? undefined,
    createdAt: row.created_at,
    upVotes: Number(row.up_votes),
    downVotes: Number(row.down_votes),
    comments: comments.filter((comment): comment is string => typeof comment === 'string'),
  };
}

/** When the activity of `days` days up to `now` starts: a day more than asked, so a zone east of UTC loses no early hours. */
export function activitySince(now: Date, days: number): string {
  return new Date(now.getTime() - (days + 1) * 86_400_000).toISOString();
}

/** Counts answers (read since `activitySince`) per day in `timeZone` for the `days` days up to `now`, and per channel. */
export function dailyActivity(rows: Iterable<{ created_at: string; channel: string; answered: number }>, now: Date, days: number, timeZone: string): DailyActivity {
  const dates: string[] = [];
  for (let back = days - 1; back >= 0; back -= 1) dates.push(calendarDate(new Date(now.getTime() - back * 86_400_000), timeZone));
  const byDate = new Map(dates.map((date) => [date, { date, questions: 0, answered: 0 }]));
  const byChannel = new Map<string, { channel: string; questions: number; answered: number }>();
  for (const row of rows) {
    const day = byDate.get(calendarDate(new Date(row.created_at), timeZone));
    if (!day) continue;
    const answered = Number(row.answered);
    day.questions += 1;
    day.answered += answered;
    const channel = byChannel.get(row.channel) ?? { channel: row.channel, questions: 0, answered: 0 };
    channel.questions += 1;
    channel.answered += answered;
    byChannel.set(row.channel, channel);
  }
  return { days: [...byDate.values()], channels: [...byChannel.values()].sort((left, right) => right.questions - left.questions) };
}
