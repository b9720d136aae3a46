import { BoundedMap } from '../../core/bounded-map.js';
import { nfc } from '../../ingest/normalize-vietnamese.js';

/** A vote a resident sent as a plain chat message. */
export type FeedbackVote = 'up' | 'down';

const VOTES: Record<string, FeedbackVote> = { '👍': 'up', '1': 'up', '👎': 'down', '0': 'down' };
/** Emoji presentation selectors and skin-tone modifiers, which Zalo keyboards add to 👍/👎. */
const EMOJI_VARIANTS = /[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;

/** Reads a chat message as a vote (👍/👎 or 1/0, nothing else), or undefined when it is not one. */
export function parseFeedbackVote(text: string): FeedbackVote | undefined {
  return VOTES[nfc(text).replace(EMOJI_VARIANTS, '').trim()];
}

/**
 * Remembers each user's last answer, so a 👍/👎 sent right after it counts as feedback on it. Chat platforms have no
 * buttons tied to a message here, so "the last answer this user got" is the only thing a bare vote can refer to.
 */
export class FeedbackReplies {
  private readonly lastAnswers: BoundedMap<string, string>;

  /** `capacity` bounds memory: only the most recently active users are remembered. */
  constructor(capacity = 10_000) {
    this.lastAnswers = new BoundedMap(capacity);
  }

  /** Records the answer a user just got, or forgets the previous one when the new reply has no answer id. */
  remember(userId: string, answerId: string | undefined): void {
    if (answerId) this.lastAnswers.set(userId, answerId);
    else this.lastAnswers.delete(userId);
  }

  /** The vote and answer a message rates, or undefined when it is not a vote or the user has no recent answer. */
  voteFor(userId: string, text: string): { answerId: string; vote: FeedbackVote } | undefined {
    const vote = parseFeedbackVote(text);
    if (!vote) return undefined;
    const answerId = this.lastAnswers.get(userId);
    return answerId ? { answerId, vote } : undefined;
  }
}
