import { nfc } from '../../ingest/normalize-vietnamese.js';
import type { Feedback, FeedbackStore } from '../../core/ports.js';
import type { PostgresPool } from './open-pool.js';

/** PostgreSQL's code for a foreign key violation: the answer was deleted (pruned) between the check and the insert. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Ratings in PostgreSQL, one per user and answer (the primary key): two replicas receiving the same vote at once
 * still count it once, and voting again changes it.
 */
export class PostgresFeedbackStore implements FeedbackStore {
  constructor(
    private readonly pool: PostgresPool,
    private readonly options: { now: () => Date },
  ) {}

  async recordFeedback(feedback: Feedback): Promise<'recorded' | 'changed' | 'unknown-answer'> {
    const comment = feedback.comment === undefined ? null : nfc(feedback.comment).trim() || null;
    const now = this.options.now().toISOString();
    try {
      // One statement: a repeat vote replaces the earlier one, keeping the earlier comment when the vote is the same
      // and no new comment is given.
      const { rows } = await this.pool.query<{ inserted: boolean }>(
        `INSERT INTO feedback (answer_id, user_key, vote, comment, channel, created_at, updated_at)
         SELECT $1, $2, $3, $4, $5, $6, $6 WHERE EXISTS (SELECT 1 FROM answers WHERE id = $1)
         ON CONFLICT (answer_id, user_key) DO UPDATE SET vote = excluded.vote,
           comment = COALESCE(excluded.comment, CASE WHEN feedback.vote = excluded.vote THEN feedback.comment END),
           channel = excluded.channel, updated_at = excluded.updated_at
         RETURNING (xmax = 0) AS inserted`,
        [feedback.answerId, feedback.userKey, feedback.vote, comment, feedback.channel, now],
      );
      const row = rows[0];
      if (!row) return 'unknown-answer';
      return row.inserted ? 'recorded' : 'changed';
    } catch (error) {
      if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return 'unknown-answer';
      throw error;
    }
  }
}
