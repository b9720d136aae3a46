import type { Answer, AskResult, Channel, Citation, Language, Passage, Question } from './types.js';
import type { ConversationState } from './conversation-state.js';

/**
 * Turns text into vectors; shaped like @langchain/core's `Embeddings` so its classes fit structurally.
 * @example
 * const [vector] = await embedder.embedDocuments(['Bí thư Đảng ủy phường']);
 */
export interface Embedder {
  /** Identifies the model and its settings; the index records it to detect a mismatch. */
  readonly name: string;
  readonly dimensions: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

/** Options a retriever may honour. */
export interface RetrieveOptions {
  /** Place to prefer when the query names none (per-server or deployment default). */
  defaultPlace?: string;
  /** Only passages of these articles (the place the question is about), when given. */
  articleIds?: ReadonlySet<string>;
}

/**
 * Finds the passages most relevant to a query, best first.
 * @example
 * const passages = await retriever.retrieve('bí thư phường An Hải', 5);
 */
export interface Retriever {
  retrieve(query: string, limit: number, options?: RetrieveOptions): Promise<Passage[]>;
}

/** One message of a chat-model conversation. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * A chat model that completes a conversation.
 * @example
 * const text = await chatModel.complete([{ role: 'user', content: 'Xin chào' }]);
 */
export interface ChatModel {
  readonly name: string;
  complete(messages: ChatMessage[], options?: { signal?: AbortSignal }): Promise<string>;
}

/**
 * The words the corpus writes, for repairing typing slips in questions.
 * @example
 * vocabulary.frequency('nhập5') > 0; vocabulary.commonForm('nhap') === 'nhập';
 */
export interface Vocabulary {
  /** How many passages hold a word, given as a tone-aware syllable key (`syllableKey`) or a folded key; 0 if none. */
  frequency(key: string): number;
  /** The corpus's most frequent way of writing a folded syllable with its marks ("nhung" → "những"). */
  commonForm(folded: string): string | undefined;
}

/** Which places of the corpus a question names. */
export interface PlaceMatch {
  /** `unknown`: names a place the corpus has no articles about; `ambiguous`: a name several cities share. */
  kind: 'none' | 'known' | 'ambiguous' | 'unknown';
  /** Articles about the matched places (empty unless known). */
  articleIds: string[];
  /** Folded syllables of the matched names and cities, so they are not demanded again in the answer. */
  tokens: string[];
  /** Labels of the matched places, e.g. `phường Hòa Bình, TP Hải Phòng`. */
  labels: string[];
  /**
   * For `ambiguous`: each same-named place with its articles, and whether the question wrote the name as a place
   * ("phường Hòa Bình") rather than inside another name ("Trường Tiểu học Hòa Bình"), which only one place may have.
   */
  choices?: Array<{ label: string; articleIds: string[] }>;
  namedAsPlace?: boolean;
}

/**
 * Finds the ward or commune a question is about, falling back to a default place when it names none.
 * @example
 * const match = places.match('Bí thư phường An Hải là ai?');
 */
export interface PlaceResolver {
  match(question: string, defaultPlace?: string): PlaceMatch;
}

/** What an answer generator is given: the question, the retrieved passages and the offline answer to fall back on. */
export interface GenerationInput {
  question: string;
  language: Language;
  passages: Passage[];
  /** The extractive answer (or refusal) computed offline for the same passages. */
  fallback: Answer;
}

/**
 * Writes an answer from passages (LLM mode); must return `fallback` (with `grounding` set) when it cannot ground its text.
 * @example
 * const answer = await generator.generate({ question, language: 'vi', passages, fallback });
 */
export interface AnswerGenerator {
  generate(input: GenerationInput): Promise<Answer>;
}

/** A curated answer a moderator pinned, as matched against a question. */
export interface PinMatch {
  id: string;
  answer: string;
  citations: Citation[];
  pinnedBy: string;
  reviewOverdue: boolean;
  /** Similarity in [0, 1] between the question and the pin's best phrasing. */
  similarity: number;
}

/**
 * Looks up a pinned answer for a question before retrieval.
 * @example
 * const pin = await pins.match('bi thu phuong an hai la ai');
 */
export interface PinnedAnswers {
  match(question: string): Promise<PinMatch | undefined>;
}

/** A question as the fact lookup is given it: the question as read, the one ward it is about, and that ward's name syllables. */
export interface FactQuestion {
  text: string;
  language: Language;
  /** The ward's label, e.g. `phường An Hải, TP Hải Phòng`. */
  place: string;
  /** Folded syllables of the ward's name and city, as the question may write them. */
  placeTokens: readonly string[];
}

/**
 * Answers from the facts read from the articles (who holds a ward office now, with the date of the newest source)
 * before retrieval; undefined leaves the question to the reader.
 * @example
 * const answer = await facts.answer({ text: 'Chủ tịch UBND phường An Hải hiện nay là ai?', language: 'vi', place, placeTokens });
 */
export interface FactAnswers {
  answer(question: FactQuestion): Promise<Answer | undefined>;
}

/**
 * Keeps every answer given, so feedback can refer to it and refusals reach the staff report.
 * @example
 * const answerId = await recorder.record(question, result);
 */
export interface AnswerRecorder {
  record(question: Question, result: AskResult): Promise<string>;
}

/**
 * What every channel calls: question in, JSON-ready result out. Never throws for expected outcomes.
 * @example
 * const result = await service.ask({ text: 'Bí thư phường An Hải là ai?', channel: 'http' });
 */
export interface AskService {
  ask(question: Question): Promise<AskResult>;
}

/** What a moderator supplies to pin an answer. */
export interface NewPin {
  question: string;
  /** Other phrasings that should get the same answer. */
  alternatives?: string[];
  answer: string;
  citations: Citation[];
  /** Display name or handle of the moderator. */
  pinnedBy: string;
  channel: Channel;
  /** Platform reference, e.g. `discord:<guild>/<channel>/<message>`. */
  channelRef?: string;
  /** `YYYY-MM-DD`; past it the pin is still served but flagged to staff. */
  reviewBy?: string;
}

/** A stored pin. */
export interface Pin extends NewPin {
  id: string;
  /** ISO 8601 time it was pinned. */
  createdAt: string;
  hits: number;
}

/**
 * Pinned answers kept by moderators; `match` counts a hit when it serves one.
 * @example
 * const pin = await pins.add({ question, answer, citations, pinnedBy: 'mod', channel: 'cli' });
 */
export interface PinStore extends PinnedAnswers {
  add(pin: NewPin): Promise<Pin>;
  /** Removes by pin id or by the exact (normalised) question; false when nothing matched. */
  remove(idOrQuestion: string): Promise<boolean>;
  list(): Promise<Pin[]>;
}

/** A resident's rating of one recorded answer. */
export interface Feedback {
  answerId: string;
  vote: 'up' | 'down';
  comment?: string;
  /** Pseudonymous user key from `UserKeys.userKey`, never a raw platform id. */
  userKey: string;
  channel: Channel;
}

/**
 * Stores ratings; the same user rating the same answer again changes the vote instead of adding one.
 * @example
 * await feedback.recordFeedback({ answerId, vote: 'up', userKey, channel: 'discord' });
 */
export interface FeedbackStore {
  recordFeedback(feedback: Feedback): Promise<'recorded' | 'changed' | 'unknown-answer'>;
}

/**
 * Turns a platform user id into a salted hash, so stored data never holds the raw id.
 * @example
 * const key = userKeys.userKey('discord', '123456789');
 */
export interface UserKeys {
  userKey(platform: string, rawId: string): string;
}

/**
 * Small persisted settings per scope, e.g. a Discord server's default place and language.
 * @example
 * await settings.setSettings('discord:guild:1', { defaultPlace: 'phường An Hải' });
 */
export interface SettingsStore {
  getSettings(scope: string): Promise<Record<string, string>>;
  setSettings(scope: string, values: Record<string, string | null>): Promise<Record<string, string>>;
}

/** An OAuth token pair; Zalo's refresh token is single-use, so the pair is saved as one. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** ISO 8601 time the access token expires, when known. */
  expiresAt?: string;
}

/**
 * Keeps token pairs durably (saved atomically before they are used).
 * @example
 * await tokens.saveTokens('zalo-oa', { accessToken, refreshToken });
 */
export interface TokenStore {
  loadTokens(name: string): Promise<TokenPair | undefined>;
  saveTokens(name: string, tokens: TokenPair): Promise<void>;
}

/**
 * Keeps each conversation's recent turns until it expires; `load` never returns an expired one.
 * @example
 * await conversations.save('http:abc', state); const again = await conversations.load('http:abc');
 */
export interface ConversationStore {
  load(id: string): Promise<ConversationState | undefined>;
  /** Saves the state and pushes its expiry `CONVERSATION_TTL_MINUTES` into the future. */
  save(id: string, state: ConversationState): Promise<void>;
  clear(id: string): Promise<void>;
}

/** What a condense step is given: the recent turns and the follow-up to make standalone. */
export interface CondenseInput {
  history: Array<{ question: string; answer: string }>;
  followUp: string;
  /** The place the conversation is about, when known. */
  place?: string;
  language: Language;
}

/**
 * Rewrites a follow-up into a standalone question (LLM mode); undefined when it cannot.
 * @example
 * const standalone = await condenser.condense({ history, followUp: 'còn phó bí thư?', language: 'vi' });
 */
export interface QuestionCondenser {
  condense(input: CondenseInput): Promise<string | undefined>;
}

/**
 * Remembers which platform events were already handled, durably, so a redelivery (a platform's retry, or the same
 * event after a restart) is handled once.
 * @example
 * if (await seenEvents.firstSighting(`zalo-oa:msg:${msgId}`)) reply();
 */
export interface SeenEvents {
  /** True the first time `key` is offered; false for every later offer, also after a restart. */
  firstSighting(key: string): Promise<boolean>;
}

/**
 * Counts events per key in a sliding window and says whether one more is allowed; an in-process limiter answers at
 * once, one shared by replicas asks the database.
 * @example
 * if (!(await limit.tryAcquire(visitor))) return tooManyRequests();
 */
export interface RateLimit {
  /** Records an event for `key` when it is within the limit; false (recording nothing) when it is not. */
  tryAcquire(key: string): boolean | Promise<boolean>;
}

/** One period of leadership: `lost` settles when it ends without `release` (the lock's connection went away). */
export interface LeaderTerm {
  readonly lost: Promise<void>;
  /** Gives leadership up, so another replica can take it at once. */
  release(): Promise<void>;
}

/**
 * Chooses the one replica that runs what must run once (the Discord gateway, the Zalo Bot poller, scheduled syncs).
 * @example
 * const term = await leaderLock.acquire(signal); startGateway(); await term.lost; stopGateway();
 */
export interface LeaderLock {
  /** Resolves when this process leads (at once for a single process); rejects when `signal` aborts first. */
  acquire(signal: AbortSignal): Promise<LeaderTerm>;
  /** Whether this process leads now. */
  isLeader(): boolean;
}

/** One file of a published index version: its name in the version folder, size and checksum (`fileChecksum`). */
export interface PublishedFile {
  name: string;
  bytes: number;
  checksum: string;
}

/** A complete index version the leader published: every replica answers from the newest one. */
export interface IndexPublication {
  /** Grows with each publication: a larger id is a newer version. */
  id: number;
  /** ISO instant of the commit that made it visible. */
  publishedAt: string;
  files: PublishedFile[];
}

/**
 * Index versions shared by replicas (the PostgreSQL store): the leader publishes the files of each new version, the
 * others read the newest into a folder of their own. A publication is visible only once all its files are stored.
 * @example
 * const latest = await publications.latest(); if (latest && latest.id !== installed) await install(latest);
 */
export interface IndexPublications {
  /** The newest publication, or undefined while none was published. One small read: cheap enough to poll. */
  latest(): Promise<IndexPublication | undefined>;
  /**
   * Stores the files and makes them the newest publication in one transaction; `read(name)` yields a file's bytes.
   * Older publications but the one before are forgotten.
   */
  publish(files: readonly PublishedFile[], read: (name: string) => AsyncIterable<Uint8Array>): Promise<IndexPublication>;
  /** The bytes of one file of a publication, in order; ends early (or throws) when that publication was forgotten. */
  readFile(id: number, name: string): AsyncIterable<Uint8Array>;
}
