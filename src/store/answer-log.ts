import { nfc } from '../ingest/normalize-vietnamese.js';
import { questionKey } from './question-similarity.js';
import { cleanCitations } from './stored-citations.js';
import type { AnswerRecorder } from '../core/ports.js';
import type { AskResult, Question } from '../core/types.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of `SqliteAnswerLog`. */
export interface SqliteAnswerLogOptions {
  now: () => Date;
  newId: () => string;
}

/** Logs every answer and refusal in SQLite, so feedback can refer to it and refusals reach the staff report. */
export class SqliteAnswerLog implements AnswerRecorder {
  private readonly database: SqliteDatabase;
  private readonly options: SqliteAnswerLogOptions;

  constructor(database: SqliteDatabase, options: SqliteAnswerLogOptions) {
    this.database = database;
    this.options = options;
  }

  /** Stores the question, its key for grouping, the answer or refusal reason, mode, citations, channel and user key; returns the new answer id. */
  async record(question: Question, result: AskResult): Promise<string> {
    const id = this.options.newId();
    const text = nfc(question.text);
    this.database
      .prepare(
        `INSERT INTO answers (id, question, normalized_question, answer, answered, reason, mode, citations, channel, user_key, language, pin_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        text,
        questionKey(text),
        nfc(result.answer),
        result.answered ? 1 : 0,
        result.reason ?? null,
        result.mode,
        JSON.stringify(cleanCitations(result.citations)),
        question.channel,
        question.userKey ?? null,
        result.language,
        result.pinned?.id ?? null,
        this.options.now().toISOString(),
      );
    return id;
  }
}
