/**
 * What a conversation keeps between turns: plain data, serialised as JSON by the conversation stores. Apart from
 * `conversation.ts` (which reads and updates it) so the store port can name it without importing that logic.
 */

/** What one earlier turn leaves for the next. */
export interface ConversationTurn {
  /** What the resident typed. */
  question: string;
  /** The question as answered, with its place written out. */
  standalone: string;
  /** The standalone question with its place mention taken out (`PLACE_SLOT` where it stood), reused by elliptic follow-ups. */
  frame: string;
  /** Label of the place the turn was about, e.g. `xã Hòa Hội, tỉnh Gia Lai`. */
  place?: string;
  /** The person the turn was about: the answer to a "who" question, or whom its pronoun stood for. */
  person?: string;
  /** The thing the turn was about ("xây nhà văn hóa"), for "chỗ đó" and for a follow-up that drops its subject. */
  topic?: string;
  /** The last year the turn named, for "năm đó". */
  year?: string;
  answered: boolean;
  /** The start of the answer, for a language model's condense step. */
  answer: string;
  /** Articles the answer cited. */
  articleIds: string[];
}

/** A "which place?" question waiting for its answer. */
export interface PendingClarification {
  /** The standalone question that named an ambiguous place. */
  standalone: string;
  /** Labels of the candidate places, numbered from 1 as shown to the resident. */
  choices: string[];
}

/** What a conversation keeps between turns (serialised as JSON in the store). */
export interface ConversationState {
  turns: ConversationTurn[];
  pending?: PendingClarification;
}
