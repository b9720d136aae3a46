import { ANSWER_COLUMNS, answerValues } from '../stored-answer.js';
import type { AnswerRecorder } from '../../core/ports.js';
import type { AskResult, Question } from '../../core/types.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of `SqliteAnswerLog`. */
export interface SqliteAnswerLogOptions {
  now: () => Date;
  newId: () => string;
  /** Names the ward a text is about, so the console can filter the log by ward. */
  placeOf?: (text: string) => string | undefined;
}

/** Rows deleted per transaction when pruning: small enough that an answer waiting to be logged waits milliseconds. */
const PRUNE_BATCH = 500;

/** Logs every answer and refusal in SQLite, so feedback can refer to it and refusals reach the staff report. */
export class SqliteAnswerLog implements AnswerRecorder {
  private readonly database: SqliteDatabase;
  private readonly options: SqliteAnswerLogOptions;

  constructor(database: SqliteDatabase, options: SqliteAnswerLogOptions) {
    this.database = database;
    this.options = options;
  }

  /** Stores the question, its key for grouping, the ward it was about, the answer or refusal reason, mode, citations, channel and user key; returns the new answer id. */
  async record(question: Question, result: AskResult): Promise<string> {
    const id = this.options.newId();
    this.database.prepare(`INSERT INTO answers (${ANSWER_COLUMNS}) VALUES (${ANSWER_COLUMNS.split(',').map(() => '?').join(', ')})`).run(...answerValues(id, question, result, this.options.now(), this.options.placeOf));
    return id;
  }

  /**
   * Deletes the answers logged before `before` (their feedback goes with them), a few hundred per transaction and
   * yielding to the event loop between transactions, so answers keep being logged meanwhile. Returns how many went.
   */
  async prune(before: Date, batchSize = PRUNE_BATCH): Promise<number> {
    const cutoff = before.toISOString();
    const remove = this.database.prepare('DELETE FROM answers WHERE rowid IN (SELECT rowid FROM answers WHERE created_at < ? LIMIT ?)');
    let removed = 0;
    for (;;) {
      const { changes } = remove.run(cutoff, batchSize);
      removed += changes;
      if (changes < batchSize || !this.database.open) return removed;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
