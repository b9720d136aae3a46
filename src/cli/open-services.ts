import { createAskService } from '../core/ask-service.js';
import { connectOpenAIEmbedder, createAnswerGenerator } from '../llm/create-answer-generator.js';
import { HashingEmbedder } from '../search/hashing-embedder.js';
import { HybridRetriever } from '../search/hybrid-retriever.js';
import { PlaceGazetteer } from '../search/place-gazetteer.js';
import { openIndex, updateIndex, type IngestSummary, type SearchIndex } from '../search/search-index.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { toChatbotError } from '../core/errors.js';
import type { Config } from '../config.js';
import type { AskService, Embedder, Retriever } from '../core/ports.js';
import type { TextOutput } from './command-context.js';

/** Everything the commands and channels share, wired from the config. */
export interface Services {
  config: Readonly<Config>;
  /** The index answers come from now (replaced when a background update finishes). */
  readonly index: SearchIndex;
  /** What the last finished update did; undefined while the first background update runs. */
  readonly ingest: IngestSummary | undefined;
  /** Settles when the index is up to date with the articles (at once unless `ingest` was `background`). */
  ready: Promise<IngestSummary>;
  embedder: Embedder;
  readonly gazetteer: PlaceGazetteer;
  /** Retrieves from the current index, whichever it is when asked. */
  retriever: Retriever;
  /** Answers from the current index, whichever it is when asked. */
  ask: AskService;
  /** Pins, answer log, feedback, settings and tokens; undefined when `store` was `none` or an optional store failed. */
  store: SqliteStore | undefined;
  log: (line: string) => void;
  /** Stops a background update (the live index stays as it was) and closes the store. */
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
  /**
   * `before` (default): the index is brought up to date before anything answers. `background` (serve): when a usable
   * index exists, answers come from it at once while the update runs, and from the new one when it is done; a long
   * ingest (a huge article, a changed embedder) then never keeps the server from starting.
   */
  ingest?: 'before' | 'background';
}

/** What answers a question: one index and what is built on it. */
interface Answering {
  index: SearchIndex;
  gazetteer: PlaceGazetteer;
  retriever: HybridRetriever;
  ask: AskService;
}

/** Chooses the embedder: the OpenAI-compatible one when OPENAI_EMBEDDING_MODEL is set, the offline one otherwise. */
export async function createEmbedder(config: Readonly<Config>): Promise<Embedder> {
  return (await connectOpenAIEmbedder(config)) ?? new HashingEmbedder();
}

/** Brings the index up to date with the articles and wires retrieval, answering and (when configured) the store and LLM. */
export async function openServices(config: Readonly<Config>, options: OpenServicesOptions): Promise<Services> {
  const log = (line: string) => options.output.write(`${line}\n`);
  const embedder = await createEmbedder(config);
  const dataDir = options.dataDir ?? config.dataDir;
  const indexDir = options.indexDir ?? config.indexDir;
  const generator = createAnswerGenerator(config, log);
  let current: Answering | undefined;
  // Pins name places too: a pin about one ward never answers a question about another.
  const placeOf = (text: string) => {
    const match = current?.gazetteer.match(text);
    return match?.kind === 'known' ? match.labels.join(' | ') : undefined;
  };
  const store = openStore(config, placeOf, options.store ?? 'none', log);
  const wire = (index: SearchIndex): Answering => {
    const gazetteer = PlaceGazetteer.fromArticles(index.articles());
    const retriever = new HybridRetriever(index, embedder, gazetteer, log);
    const ask = createAskService({
      retriever,
      places: gazetteer,
      ...(generator ? { generator } : {}),
      ...(store ? { pins: store.pins } : {}),
      ...(store && options.store === 'required' ? { recorder: store.answers } : {}),
      ...(config.defaultPlace ? { defaultPlace: config.defaultPlace } : {}),
      log,
    });
    return { index, gazetteer, retriever, ask };
  };

  const stopping = new AbortController();
  let summary: IngestSummary | undefined;
  const update = async (): Promise<{ index: SearchIndex; summary: IngestSummary }> => {
    const result = await updateIndex({
      dataDir,
      indexDir,
      embedder,
      lock: { onWait: (holder: string) => log(`Waiting for ${holder}, which is updating ${indexDir}…`) },
      maxArticleBytes: config.maxArticleBytes,
      signal: stopping.signal,
      ...(current ? { current: current.index } : {}),
    });
    for (const error of result.summary.errors) log(`Skipped ${error.message}`);
    if (result.summary.rebuildReason) log(`Index rebuilt: ${result.summary.rebuildReason}`);
    summary = result.summary;
    return result;
  };

  let ready: Promise<IngestSummary> | undefined;
  if (options.ingest === 'background') {
    const previous = await openIndex(indexDir, embedder).catch(() => undefined);
    if (previous) {
      current = wire(previous);
      log(`Answering from the existing index (${previous.articles().length} articles) while it is brought up to date…`);
      ready = update().then(({ index, summary: done }) => {
        if (index !== current?.index) current = wire(index);
        return done;
      });
      // Failures are reported through `ready`; the server keeps answering from the index it has.
      ready.catch(() => {});
    }
  }
  if (!current) {
    const { index, summary: done } = await update();
    current = wire(index);
    ready = Promise.resolve(done);
  }

  const answering = () => current!;
  const close = async () => {
    stopping.abort(new Error('The server is stopping.'));
    await ready?.catch(() => undefined);
    store?.close();
  };
  return {
    config,
    get index() {
      return answering().index;
    },
    get ingest() {
      return summary;
    },
    ready: ready!,
    embedder,
    get gazetteer() {
      return answering().gazetteer;
    },
    retriever: { retrieve: (query, limit, retrieveOptions) => answering().retriever.retrieve(query, limit, retrieveOptions) },
    ask: { ask: (question) => answering().ask.ask(question) },
    store,
    log,
    close,
  };
}

function openStore(
  config: Readonly<Config>,
  placeOf: (text: string) => string | undefined,
  mode: 'required' | 'optional' | 'none',
  log: (line: string) => void,
): SqliteStore | undefined {
  if (mode === 'none') return undefined;
  try {
    return SqliteStore.fromConfig(config, { placeOf });
  } catch (error) {
    if (mode === 'required') throw error;
    log(`Pinned answers are off: ${toChatbotError(error).message}`);
    return undefined;
  }
}
