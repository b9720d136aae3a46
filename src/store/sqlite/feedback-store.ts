import { nfc } from '../../ingest/normalize-vietnamese.js';
import type { Feedback, FeedbackStore } from '../../core/ports.js';
import type { SqliteDatabase } from './open-database.js';

/** Options of `SqliteFeedbackStore`. */
export interface SqliteFeedbackStoreOptions {
  now: () => Date;
}

interface VoteRow {
  vote: 'up' | 'down';
  comment: string | null;
}

/** Ratings in SQLite, one per user and answer: voting again changes the vote instead of adding one. */
export class SqliteFeedbackStore implements FeedbackStore {
  private readonly database: SqliteDatabase;
  private readonly options: SqliteFeedbackStoreOptions;

  constructor(database: SqliteDatabase, options: SqliteFeedbackStoreOptions) {
    this.database = database;
    this.options = options;
  }

  /**
   * Records a vote on a logged answer; a repeat vote by the same user replaces the earlier one (keeping the earlier
   * comment when the vote is the same and no new comment is given). Unknown answer ids store nothing.
   */
  async recordFeedback(feedback: Feedback): Promise<'recorded' | 'changed' | 'unknown-answer'> {
    const comment = feedback.comment === undefined ? undefined : nfc(feedback.comment).trim() || undefined;
    const now = this.options.now().toISOString();
    return this.database
      .transaction((): 'recorded' | 'changed' | 'unknown-answer' => {
        if (!this.database.prepare('SELECT 1 FROM answers WHERE id = ?').get(feedback.answerId)) return 'unknown-answer';
        const earlier = this.database
          .prepare<[string, string], VoteRow>('SELECT vote, comment FROM feedback WHERE answer_id = ? AND user_key = ?')
          .get(feedback.answerId, feedback.userKey);
        if (!earlier) {
          this.database
            .prepare('INSERT INTO feedback (answer_id, user_key, vote, comment, channel, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(feedback.answerId, feedback.userKey, feedback.vote, comment ?? null, feedback.channel, now, now);
          return 'recorded';
        }
        const keptComment = comment ?? (earlier.vote === feedback.vote ? earlier.comment : null);
        this.database
          .prepare('UPDATE feedback SET vote = ?, comment = ?, channel = ?, updated_at = ? WHERE answer_id = ? AND user_key = ?')
          .run(feedback.vote, keptComment, feedback.channel, now, feedback.answerId, feedback.userKey);
        return 'changed';
      })
      .immediate();
  }
}
