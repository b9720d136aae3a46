/** Metadata of one ward article, as read from its front matter or first lines. */
export interface ArticleMeta {
  /** Stable identifier, e.g. `phuong-an-hai-dai-hoi-2025`; citations refer to it. */
  id: string;
  title: string;
  /** Where the article was published; empty when the source gave none. */
  url: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or undefined when unknown. */
  published?: string;
  /** Free text such as `phường An Hải, TP Hải Phòng`; undefined when unknown. */
  place?: string;
}

/** One article with its full NFC body text. */
export interface Article extends ArticleMeta {
  /** NFC body text; chunk offsets point into it. */
  text: string;
  /** Path of the file it came from, relative to the data folder. */
  file: string;
  /** Content hash of the file, used by incremental ingest. */
  contentHash: string;
}

/** A passage of an article; `start`/`end` are UTF-16 offsets into `Article.text`. */
export interface Chunk {
  /** `${articleId}#${ordinal}` */
  id: string;
  articleId: string;
  ordinal: number;
  start: number;
  end: number;
  /** Exactly `article.text.slice(start, end)`. */
  text: string;
}

/** A chunk returned by a retriever, with its article and a relevance score (higher is better). */
export interface Passage {
  chunk: Chunk;
  article: ArticleMeta;
  score: number;
}

/** A source the answer relies on; `quote` is verbatim article text. */
export interface Citation {
  id: string;
  title: string;
  url: string;
  quote: string;
  published?: string;
}

export type Language = 'vi' | 'en';

/** Where a question came from; used for pins, feedback and rate limits. */
export type Channel = 'cli' | 'http' | 'web' | 'discord' | 'zalo-oa' | 'zalo-bot';

/** A resident's question as a channel hands it to the core. */
export interface Question {
  text: string;
  channel: Channel;
  /** Pseudonymous user key (already salted and hashed), when the channel knows the user. */
  userKey?: string;
  /** A place to assume when the question names none (per-server or deployment default). */
  defaultPlace?: string;
  /** Forces the reply language; otherwise it follows the question. */
  language?: Language;
  /**
   * Continues this conversation (follow-ups, pronouns, "which ward?" answers), e.g. `discord:<channel>:<user key>`;
   * without it the question stands alone.
   */
  conversationId?: string;
}

/** How an answer was produced. */
export type AnswerMode = 'extractive' | 'generated' | 'pinned';

/** Why the bot declined to answer. */
export type RefusalReason =
  | 'empty-question'
  | 'no-sources'
  | 'low-score'
  | 'wrong-place'
  | 'ambiguous-place'
  | 'not-grounded'
  | 'error'
  /** A replica started before the leader published any index version: nothing to answer from yet. */
  | 'index-not-ready'
  /** Not a refusal of a question: the resident asked to start over ("bắt đầu lại", "/moi"). */
  | 'conversation-reset';

/** What the LLM grounding gate decided; absent in offline mode. */
export interface Grounding {
  /** `passed`: the generated text is shown; otherwise the extractive fallback or refusal is. */
  status: 'passed' | 'failed' | 'skipped' | 'error';
  /** Names, numbers or dates the model stated that its cited passages do not contain. */
  unsupported?: string[];
  /** One line for logs and `ask --json`, in our own words (never an upstream's error text or address). */
  detail?: string;
  /** With `error`: a short code such as `upstream-timeout` (see `UpstreamReason`). */
  reason?: string;
}

/** The result of asking: a refusal is a normal outcome, not an exception. */
export type Answer =
  | {
      kind: 'answered';
      text: string;
      citations: Citation[];
      mode: AnswerMode;
      language: Language;
      grounding?: Grounding;
      /** Set for pinned answers. */
      pin?: { id: string; pinnedBy: string; reviewOverdue: boolean };
    }
  | {
      kind: 'refused';
      reason: RefusalReason;
      /** Polite message shown to the user, in the question's language. */
      text: string;
      mode: AnswerMode;
      language: Language;
      grounding?: Grounding;
      /** When the reader was unsure (`low-score`, `no-sources`): passages that may help, shown as such, never as an answer. */
      related?: Citation[];
    };

/** The JSON contract of `ask --json` and `POST /api/ask` (keep stable: quality checks depend on it). */
export interface AskResult {
  question: string;
  answered: boolean;
  answer: string;
  citations: Citation[];
  mode: AnswerMode;
  language: Language;
  /** Refusal reason when `answered` is false. */
  reason?: RefusalReason;
  grounding?: Grounding;
  /** Identifier that feedback refers to; present when answers are recorded. */
  answerId?: string;
  pinned?: { id: string; pinnedBy: string; reviewOverdue: boolean };
  /** For `ambiguous-place`: the candidate places, numbered from 1 in this order; the reply may name one or its number. */
  choices?: string[];
  /** The place the answer assumed because the question did not name it (carried from the conversation or the default). */
  assumedPlace?: string;
  /** The conversation the question continued, when it was asked in one. */
  conversationId?: string;
  /** The question as answered, when the conversation completed it ("còn phó bí thư?" → "Ai là Phó Bí thư …?"). */
  standaloneQuestion?: string;
  /** Present only on an unsure refusal: 1–3 passages that may help (same shape as citations, `quote` verbatim). */
  related?: Citation[];
}
