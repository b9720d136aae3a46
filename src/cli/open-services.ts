import { createAskService } from '../core/ask-service.js';
import { createConversationService } from '../core/conversation-service.js';
import { MemoryConversationStore } from '../core/memory-conversation-store.js';
import { connectOpenAIEmbedder, createAnswerGenerator, createQuestionCondenser } from '../llm/create-answer-generator.js';
import { CorpusEmbedder } from '../search/corpus-embedder.js';
import { HashingEmbedder } from '../search/hashing-embedder.js';
import { HybridRetriever } from '../search/hybrid-retriever.js';
import { PlaceGazetteer } from '../search/place-gazetteer.js';
import { CorpusVocabulary } from '../search/corpus-vocabulary.js';
import { updateIndex, type IngestSummary, type SearchIndex } from '../search/search-index.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { toChatbotError } from '../core/errors.js';
import { defaultPlaceWarning } from './default-place-warning.js';
import type { Config } from '../config.js';
import type { AskService, ConversationStore, Embedder, Retriever } from '../core/ports.js';
import type { TextOutput } from './command-context.js';

/** Everything the commands and channels share, wired from the config. */
export interface Services {
  config: Readonly<Config>;
  index: SearchIndex;
  ingest: IngestSummary;
  embedder: Embedder;
  gazetteer: PlaceGazetteer;
  retriever: Retriever;
  /** What channels call: answers, continuing conversations (kept in the store, or in memory without one). */
  ask: AskService;
  /** The same answering around another conversation store (the CLI keeps a batch's dialogues in memory). */
  withConversations(store: ConversationStore): AskService;
  /** Pins, answer log, feedback, settings and tokens; undefined when `store` was `none` or an optional store failed. */
  store: SqliteStore | undefined;
  log: (line: string) => void;
  close(): Promise<void>;
}

/** Options for `openServices`. */
export interface OpenServicesOptions {
  dataDir?: string;
  indexDir?: string;
  /** Where ingest progress and warnings go. */
  output: TextOutput;
  /**
   * `required` (serve): a database that cannot be opened stops start-up, so nothing saved is ever overwritten;
   * `optional` (ask): pins apply when the database opens, answers are not logged; `none` (eval, bench).
   */
  store?: 'required' | 'optional' | 'none';
  /** A default place given on the command line (`--place`), checked like DEFAULT_PLACE at start-up. */
  defaultPlace?: { setting: string; place: string };
}

/**
 * Chooses the embedder: the OpenAI-compatible one when OPENAI_EMBEDDING_MODEL is set, otherwise the offline one
 * OFFLINE_EMBEDDER names (a `CorpusEmbedder` gets its term vectors from the index, see `updateIndex`).
 */
export async function createEmbedder(config: Readonly<Config>): Promise<Embedder> {
  return (await connectOpenAIEmbedder(config)) ?? (config.offlineEmbedder === 'corpus' ? new CorpusEmbedder() : new HashingEmbedder());
}

/** Brings the index up to date with the articles and wires retrieval, answering and (when configured) the store and LLM. */
export async function openServices(config: Readonly<Config>, options: OpenServicesOptions): Promise<Services> {
  const log = (line: string) => options.output.write(`${line}\n`);
  const dataDir = options.dataDir ?? config.dataDir;
  const indexDir = options.indexDir ?? config.indexDir;
  const lock = { onWait: (holder: string) => log(`Waiting for ${holder}, which is updating ${indexDir}…`) };
  const { index, summary, embedder } = await updateIndex({ dataDir, indexDir, embedder: await createEmbedder(config), lock });
  for (const error of summary.errors) log(`Skipped ${error.message}`);
  if (summary.rebuildReason) log(`Index rebuilt: ${summary.rebuildReason}`);
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  const defaultPlace = options.defaultPlace ?? (config.defaultPlace ? { setting: 'DEFAULT_PLACE', place: config.defaultPlace } : undefined);
  const warning = defaultPlace && defaultPlaceWarning(defaultPlace.setting, defaultPlace.place, gazetteer);
  if (warning) log(warning);
  const retriever = new HybridRetriever(index, embedder, gazetteer, log);
  const generator = createAnswerGenerator(config, log);
  const store = openStore(config, gazetteer, options.store ?? 'none', log);
  const vocabulary = index.unigramFrequencies ? new CorpusVocabulary(() => index.unigramFrequencies?.() ?? new Map()) : undefined;
  const answers = createAskService({
    retriever,
    places: gazetteer,
    ...(vocabulary ? { vocabulary } : {}),
    ...(generator ? { generator } : {}),
    ...(store ? { pins: store.pins } : {}),
    ...(store && options.store === 'required' ? { recorder: store.answers } : {}),
    ...(config.defaultPlace ? { defaultPlace: config.defaultPlace } : {}),
    log,
  });
  const placeOfArticle = new Map(gazetteer.all().flatMap((place) => place.articleIds.map((id) => [id, place.label] as const)));
  const condenser = createQuestionCondenser(config);
  const withConversations = (conversations: ConversationStore) =>
    createConversationService({
      answers,
      places: gazetteer,
      conversations,
      placeOfArticle: (id) => placeOfArticle.get(id),
      ...(condenser ? { condenser } : {}),
      log,
    });
  const ask = withConversations(store?.conversations ?? new MemoryConversationStore(config.store.conversationTtlMinutes * 60_000));
  const close = async () => store?.close();
  return { config, index, ingest: summary, embedder, gazetteer, retriever, ask, withConversations, store, log, close };
}

function openStore(config: Readonly<Config>, gazetteer: PlaceGazetteer, mode: 'required' | 'optional' | 'none', log: (line: string) => void): SqliteStore | undefined {
  if (mode === 'none') return undefined;
  // Pins name places too: a pin about one ward never answers a question about another.
  const placeOf = (text: string) => {
    const match = gazetteer.match(text);
    return match.kind === 'known' ? match.labels.join(' | ') : undefined;
  };
  try {
    return SqliteStore.fromConfig(config, { placeOf });
  } catch (error) {
    if (mode === 'required') throw error;
    log(`Pinned answers are off: ${toChatbotError(error).message}`);
    return undefined;
  }
}
