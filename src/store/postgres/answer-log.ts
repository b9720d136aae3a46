import { nfc } from '../../ingest/normalize-vietnamese.js';
import { questionKey } from '../question-similarity.js';
import { cleanCitations } from '../stored-citations.js';
import type { AskResult, Question } from '../../core/types.js';
import type { AnswerLog } from '../store.js';
import type { PostgresPool } from './open-pool.js';

/** Rows deleted per transaction when pruning, as in SQLite. */
const PRUNE_BATCH = 500;

/** The answer log in PostgreSQL: every replica's answers in one table, so feedback on any of them reaches the report. */
export class PostgresAnswerLog implements AnswerLog {
  constructor(
    private readonly pool: PostgresPool,
    private readonly options: { now: () => Date; newId: () => string },
  ) {}

  async record(question: Question, result: AskResult): Promise<string> {
    const id = this.options.newId();
    const text = nfc(question.text);
    await this.pool.query(
      `INSERT INTO answers (id, question, normalized_question, answer, answered, reason, mode, citations, channel, user_key, language, pin_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
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
      ],
    );
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
