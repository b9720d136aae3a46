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
  /** Re-ingests the articles folder and swaps the new index in (questions in flight finish on the old one). */
  refresh(): Promise<IngestSummary>;
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

/** One version of the index with everything answering builds on it; replaced whole when the index changes. */
interface Answering {
  index: SearchIndex;
  summary: IngestSummary;
  embedder: Embedder;
  gazetteer: PlaceGazetteer;
  retriever: Retriever;
  answers: AskService;
  placeOfArticle: Map<string, string>;
}

/**
 * Brings the index up to date with the articles and wires retrieval, answering and (when configured) the store and LLM.
 * `refresh` re-ingests and swaps the new index in at once: a question already being answered finishes on the version
 * it started with, the next one gets the new version, so a running server never restarts or fails a request for it.
 */
export async function openServices(config: Readonly<Config>, options: OpenServicesOptions): Promise<Services> {
  const log = (line: string) => options.output.write(`${line}\n`);
  const dataDir = options.dataDir ?? config.dataDir;
  const indexDir = options.indexDir ?? config.indexDir;
  const lock = { onWait: (holder: string) => log(`Waiting for ${holder}, which is updating ${indexDir}…`) };
  const baseEmbedder = await createEmbedder(config);
  const ingest = async () => {
    const updated = await updateIndex({ dataDir, indexDir, embedder: baseEmbedder, lock });
    for (const error of updated.summary.errors) log(`Skipped ${error.message}`);
    if (updated.summary.rebuildReason) log(`Index rebuilt: ${updated.summary.rebuildReason}`);
    return updated;
  };
  const first = await ingest();
  const firstGazetteer = PlaceGazetteer.fromArticles(first.index.articles());
  const defaultPlace = options.defaultPlace ?? (config.defaultPlace ? { setting: 'DEFAULT_PLACE', place: config.defaultPlace } : undefined);
  const warning = defaultPlace && defaultPlaceWarning(defaultPlace.setting, defaultPlace.place, firstGazetteer);
  if (warning) log(warning);
  const generator = createAnswerGenerator(config, log);
  let current: Answering | undefined;
  const store = openStore(config, (text) => (current?.gazetteer ?? firstGazetteer).match(text), options.store ?? 'none', log);

  const assemble = ({ index, summary, embedder }: Awaited<ReturnType<typeof ingest>>, gazetteer = PlaceGazetteer.fromArticles(index.articles())): Answering => {
    const retriever = new HybridRetriever(index, embedder, gazetteer, log);
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
    return { index, summary, embedder, gazetteer, retriever, answers, placeOfArticle };
  };
  let live = assemble(first, firstGazetteer);
  current = live;

  const condenser = createQuestionCondenser(config);
  const withConversations = (conversations: ConversationStore): AskService => {
    // Rebuilt only when the index version changes; a conversation's turns live in its store, not in the service.
    let builtFor: Answering | undefined;
    let service: AskService | undefined;
    return {
      ask: (question) => {
        const answering = live;
        if (builtFor !== answering || service === undefined) {
          service = createConversationService({
            answers: answering.answers,
            places: answering.gazetteer,
            conversations,
            placeOfArticle: (id) => answering.placeOfArticle.get(id),
            ...(condenser ? { condenser } : {}),
            log,
          });
          builtFor = answering;
        }
        return service.ask(question);
      },
    };
  };
  const ask = withConversations(store?.conversations ?? new MemoryConversationStore(config.store.conversationTtlMinutes * 60_000));
  const retriever: Retriever = { retrieve: (query, limit, retrieveOptions) => live.retriever.retrieve(query, limit, retrieveOptions) };
  let refreshing: Promise<IngestSummary> = Promise.resolve(first.summary);
  const refresh = (): Promise<IngestSummary> => {
    // One re-ingest at a time; a second call waits for the first, then brings in anything newer.
    refreshing = refreshing.catch(() => undefined).then(async () => {
      const next = assemble(await ingest());
      live = next;
      current = next;
      return next.summary;
    });
    return refreshing;
  };
  const close = async () => store?.close();
  return {
    config,
    get index() {
      return live.index;
    },
    get ingest() {
      return live.summary;
    },
    get embedder() {
      return live.embedder;
    },
    get gazetteer() {
      return live.gazetteer;
    },
    retriever,
    ask,
    withConversations,
    refresh,
    store,
    log,
    close,
  };
}

function openStore(
  config: Readonly<Config>,
  matchPlace: (text: string) => ReturnType<PlaceGazetteer['match']>,
  mode: 'required' | 'optional' | 'none',
  log: (line: string) => void,
): SqliteStore | undefined {
  if (mode === 'none') return undefined;
  // Pins name places too: a pin about one ward never answers a question about another (in the live index's places).
  const placeOf = (text: string) => {
    const match = matchPlace(text);
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
