import { ANSWER_COLUMNS, answerValues } from '../stored-answer.js';
import type { AskResult, Question } from '../../core/types.js';
import type { AnswerLog } from '../store.js';
import type { PostgresPool } from './open-pool.js';

/** Rows deleted per transaction when pruning, as in SQLite. */
const PRUNE_BATCH = 500;

/** The answer log in PostgreSQL: every replica's answers in one table, so feedback on any of them reaches the report. */
export class PostgresAnswerLog implements AnswerLog {
  constructor(
    private readonly pool: PostgresPool,
    private readonly options: { now: () => Date; newId: () => string; placeOf?: ((text: string) => string | undefined) | undefined },
  ) {}

  async record(question: Question, result: AskResult): Promise<string> {
    const id = this.options.newId();
    const values = answerValues(id, question, result, this.options.now(), this.options.placeOf);
    await this.pool.query(`INSERT INTO answers (${ANSWER_COLUMNS}) VALUES (${values.map((_, index) => `$${index + 1}`).join(', ')})`, values);
    return id;
  }

  async prune(before: Date, batchSize = PRUNE_BATCH): Promise<number> {
    let removed = 0;
    for (;;) {
      const result = await this.pool.query('DELETE FROM answers WHERE id IN (SELECT id FROM answers WHERE created_at < $1 LIMIT $2)', [before.toISOString(), batchSize]);
      const changes = result.rowCount ?? 0;
      removed += changes;
      if (changes < batchSize) return removed;
    }
  }
}
