import { readdir } from 'node:fs/promises';
import { createAskService, indexNotReadyResult } from '../core/ask-service.js';
import { createConversationService } from '../core/conversation-service.js';
import { MemoryConversationStore } from '../core/memory-conversation-store.js';
import { connectOpenAIEmbedder, createAnswerGenerator, createQuestionCondenser } from '../llm/create-answer-generator.js';
import { CorpusEmbedder, embedderFor } from '../search/corpus-embedder.js';
import { HashingEmbedder } from '../search/hashing-embedder.js';
import type { HybridRetriever } from '../search/hybrid-retriever.js';
import type { PlaceGazetteer } from '../search/place-gazetteer.js';
import { openIndex, openPublishedIndex, updateIndex, type IngestSummary, type SearchIndex } from '../search/search-index.js';
import { emptyIndex } from '../search/empty-index.js';
import { currentVersionFolder } from '../search/index-files.js';
import { installPublication, publicationOf, publishVersion } from '../search/published-index.js';
import { openStore as openConfiguredStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { toChatbotError } from '../core/errors.js';
import { defaultPlaceWarning } from './default-place-warning.js';
import { indexAnswering } from './index-answering.js';
import { createFactAnswers } from '../facts/fact-answers.js';
import { FactBook } from '../facts/fact-book.js';
import { factsToKeep } from '../facts/extract-facts.js';
import { loadFactBook } from '../facts/load-fact-book.js';
import { configuredSecrets, type Config } from '../config.js';
import { redactSecrets } from '../core/redact-secrets.js';
import type { AskService, ConversationStore, Embedder, FactAnswers, Retriever } from '../core/ports.js';
import type { Question } from '../core/types.js';
import { AnswerThreads, type AnswerThreadsOptions } from './answer-threads.js';
import { ThreadedAnswerLog } from '../store/sqlite/threaded-answer-log.js';
import type { TextOutput } from './command-context.js';

/** Everything the commands and channels share, wired from the config. */

const EMPTY_FACTS = new FactBook([]);
export interface Services {
  config: Readonly<Config>;
  /** The index answers come from now (replaced when a background update finishes). */
  readonly index: SearchIndex;
  /**
   * False while a replica waits for the leader's first published version (ingest `published`): questions then get the
   * "index not ready" reply.
   */
  readonly indexReady: boolean;
  /** The id of the published version answers come from (ingest `published`), once there is one. */
  readonly publication: number | undefined;
  /**
   * With ingest `published`: `true` makes this replica the one that ingests and publishes each new version (the
   * leader), `false` a follower again. The next `refresh` acts on it.
   */
  lead(leading: boolean): void;
  /**
   * The cheap check made every few seconds (ingest `published`): a follower installs and opens a newer publication; the
   * leader opens a version another process (`hoiphuong ingest`) committed in INDEX_DIR and publishes it. True when the
   * index answers come from changed.
   */
  takeUpNewer(): Promise<boolean>;
  /** What the last finished update did; undefined while the first background update runs. */
  readonly ingest: IngestSummary | undefined;
  /** Settles when the index is up to date with the articles (at once unless `ingest` was `background`). */
  ready: Promise<IngestSummary>;
  /** The embedder of the current index (a corpus embedder is bound to the index's term vectors). */
  readonly embedder: Embedder;
  readonly gazetteer: PlaceGazetteer;
  /** The facts of the current index's articles (read once per index version, on first use). */
  facts(): Promise<FactBook>;
  /** Retrieves from the current index, whichever it is when asked. */
  retriever: Retriever;
  /** What channels call: answers from the current index, continuing conversations (kept in the store, or in memory without one). */
  ask: AskService;
  /** The same answering around another conversation store (the CLI keeps a batch's dialogues in memory). */
  withConversations(store: ConversationStore): AskService;
  /** Pins, answer log, feedback, settings and tokens; undefined when `store` was `none` or an optional store failed. */
  store: Store | undefined;
  log: (line: string) => void;
  /**
   * Re-ingests the articles folder (after the first update) and swaps the new index in: a question being answered
   * finishes on the index it started with, the next one gets the new one. Calls take turns. A follower opens the version
   * published since instead, if any.
   */
  refresh(): Promise<IngestSummary>;
  /** Threads answering offline questions off the event loop (0: answered on it). */
  readonly answerThreads: number;
  /** Stops a background update (the live index stays as it was), the answer threads and the store. */
  close(): Promise<void>;
}

/** Options for `openServices`. */
export interface OpenServicesOptions {
  dataDir?: string;
  indexDir?: string;
  /** Where ingest progress and warnings go. */
  output: TextOutput;
  /** Where log lines go instead of `output` (serve's structured, redacted log). */
  log?: (line: string) => void;
  /**
   * `required` (serve): a database that cannot be opened stops start-up, so nothing saved is ever overwritten;
   * `optional` (ask): pins apply when the database opens, answers are not logged; `none` (eval, bench).
   */
  store?: 'required' | 'optional' | 'none';
  /** A default place given on the command line (`--place`), checked like DEFAULT_PLACE at start-up. */
  defaultPlace?: { setting: string; place: string };
  /**
   * `before` (default): the index is brought up to date before anything answers. `background` (serve): when a usable
   * index exists, answers come from it at once while the update runs, and from the new one when it is done; a long
   * ingest (a huge article, a changed embedder) then never keeps the server from starting. `follow` (an HTTP worker, or
   * a replica that leaves building to another): the published version is opened as it is, never written, and `refresh`
   * opens the next one published. `published` (replicas sharing PostgreSQL): answers come from the newest version in
   * the store's `indexPublications`, copied into INDEX_DIR; only after `lead(true)` does `refresh` ingest the articles
   * and publish the new version.
   */
  ingest?: 'before' | 'background' | 'follow' | 'published';
  /**
   * The facts answers may come from (serve's, without those staff marked wrong); by default each index version reads
   * them from the articles folder on first use.
   */
  facts?: () => Promise<FactBook>;
  /** Read the fact sheets in the background, answering from passages until they are read (a server); else a question waits for them. */
  factsInBackground?: boolean;
  /**
   * Offline answers run in this many worker threads (serve's ANSWER_THREADS), off the event loop; absent or 0, on it.
   * Answers that wait on a model or a remote embedder stay on the event loop whatever this says.
   */
  answerThreads?: Pick<AnswerThreadsOptions, 'count' | 'entry' | 'testData'>;
}

/** What answers a question: one index and what is built on it. */
interface Answering {
  index: SearchIndex;
  embedder: Embedder;
  gazetteer: PlaceGazetteer;
  retriever: HybridRetriever;
  facts(): Promise<FactBook>;
  withConversations(conversations: ConversationStore): AskService;
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
  const secrets = configuredSecrets(config);
  const log = options.log ?? ((line: string) => options.output.write(`${redactSecrets(line, secrets)}\n`));
  const dataDir = options.dataDir ?? config.dataDir;
  const indexDir = options.indexDir ?? config.indexDir;
  const baseEmbedder = await createEmbedder(config);
  const generator = createAnswerGenerator(config, log);
  const condenser = createQuestionCondenser(config);
  let current: Answering | undefined;
  // Pins name places too: a pin about one ward never answers a question about another.
  const placeOf = (text: string) => {
    const match = current?.gazetteer.match(text);
    return match?.kind === 'known' ? match.labels.join(' | ') : undefined;
  };
  const store = await openStore(config, placeOf, options.store ?? 'none', log);
  const conversations = store?.conversations ?? new MemoryConversationStore(config.store.conversationTtlMinutes * 60_000);
  const defaultPlace = options.defaultPlace ?? (config.defaultPlace ? { setting: 'DEFAULT_PLACE', place: config.defaultPlace } : undefined);
  const offline = !generator && (baseEmbedder instanceof HashingEmbedder || baseEmbedder instanceof CorpusEmbedder);
  if (options.answerThreads?.count && !offline) log('Answers wait on the model or the remote embedder here, so they run on the event loop (ANSWER_THREADS applies to offline answers).');
  const threads =
    options.answerThreads?.count && offline
      ? new AnswerThreads({ ...options.answerThreads, settings: { offlineEmbedder: config.offlineEmbedder, defaultPlace: config.defaultPlace }, log })
      : undefined;
  // The threads read the postings and vector codes of an index this process opened from its memory, not a copy each.
  const shareWithThreads = threads ? { shareSections: true } : {};
  // With answer threads the SQLite answer log is written from a thread too: each write waits for the disk.
  const answerLog =
    threads && store?.kind === 'sqlite' && options.store === 'required' && config.store.databasePath !== ':memory:'
      ? new ThreadedAnswerLog({ path: config.store.databasePath, placeOf, log })
      : undefined;

  const wire = (index: SearchIndex, embedder: Embedder): Answering => {
    const { gazetteer, retriever, vocabulary } = indexAnswering(index, embedder, log);
    const warning = !current && defaultPlace && defaultPlaceWarning(defaultPlace.setting, defaultPlace.place, gazetteer);
    if (warning) log(warning);
    // The facts come from the same articles as this index version, read once on first use, never while starting.
    let factBook: Promise<FactBook> | undefined;
    let readBook: FactBook | undefined;
    const facts = () => {
      if (options.facts) return options.facts();
      // A version that kept its facts needs no articles folder; an older one reads them from the articles.
      const kept = index.articleExtracts?.();
      factBook ??= (kept ? Promise.resolve(FactBook.fromExtracts(kept, (id) => index.article(id))) : loadFactBook(dataDir)).then((book) => (readBook = book));
      factBook.catch(() => (factBook = undefined));
      // A server answers from passages until the sheets are read instead of holding its first questions.
      return options.factsInBackground ? Promise.resolve(readBook ?? EMPTY_FACTS) : factBook;
    };
    if (options.factsInBackground && !options.facts) void facts();
    const factAnswers = createFactAnswers(facts);
    const factsOrNone: FactAnswers = {
      answer: (question) =>
        factAnswers.answer(question).catch((error: unknown) => {
          log(`Facts unavailable, answering from passages: ${toChatbotError(error).message}`);
          return undefined;
        }),
    };
    const folder = index.folder;
    const version = { folder: folder ?? '', sections: index.sharedSections };
    // The threads open the version at once, so no question waits for that.
    if (threads && folder) threads.open(version);
    // Threads open the same published version read-only; pins and facts are asked for here, where the store is.
    const ports = { facts: factsOrNone, ...(store ? { pins: store.pins } : {}) };
    const answers = createAskService({
      retriever,
      facts: factsOrNone,
      ...(threads && folder ? { answer: (question: Question) => threads.answer(question, version, ports) } : {}),
      places: gazetteer,
      ...(vocabulary ? { vocabulary } : {}),
      ...(generator ? { generator } : {}),
      ...(store ? { pins: store.pins } : {}),
      ...(store && options.store === 'required' ? { recorder: answerLog ?? store.answers } : {}),
      ...(config.defaultPlace ? { defaultPlace: config.defaultPlace } : {}),
      log,
    });
    const placeOfArticle = new Map(gazetteer.all().flatMap((place) => place.articleIds.map((id) => [id, place.label] as const)));
    const made = new WeakMap<ConversationStore, AskService>();
    const withConversations = (store: ConversationStore): AskService => {
      let service = made.get(store);
      if (!service) {
        service = createConversationService({
          answers,
          places: gazetteer,
          conversations: store,
          placeOfArticle: (id) => placeOfArticle.get(id),
          ...(condenser ? { condenser } : {}),
          log,
        });
        made.set(store, service);
      }
      return service;
    };
    return { index, embedder, gazetteer, retriever, facts, withConversations };
  };

  const stopping = new AbortController();
  let summary: IngestSummary | undefined;
  const lockOptions = { onWait: (holder: string) => log(`Waiting for ${holder}, which is updating ${indexDir}…`) };
  const update = async () => {
    const result = await updateIndex({
      dataDir,
      indexDir,
      embedder: baseEmbedder,
      lock: lockOptions,
      maxArticleBytes: config.maxArticleBytes,
      signal: stopping.signal,
      extract: factsToKeep,
      ...(current ? { current: current.index } : {}),
    });
    for (const error of result.summary.errors) log(`Skipped ${error.message}`);
    if (result.summary.rebuildReason) log(`Index rebuilt: ${result.summary.rebuildReason}`);
    summary = result.summary;
    return result;
  };

  // A version folder never changes once published (but for its manifest's list of article files): an update that found
  // nothing to change keeps the index already open, with what its threads share.
  const isNewVersion = (index: SearchIndex) => index !== current?.index && (index.folder === undefined || index.folder !== current?.index.folder);
  let ready: Promise<IngestSummary> | undefined;
  const follow = async (): Promise<IngestSummary> => {
    const started = performance.now();
    const published = await openPublishedIndex(indexDir, baseEmbedder, current?.index, shareWithThreads);
    if (published) current = wire(published, embedderFor(published as Parameters<typeof embedderFor>[0], baseEmbedder));
    const articles = current!.index.articles().length;
    summary = { articles, added: 0, changed: 0, removed: 0, unchanged: articles, chunksEmbedded: 0, errors: [], rebuilt: false, seconds: (performance.now() - started) / 1_000 };
    return summary;
  };
  // Replicas sharing PostgreSQL: the leader publishes, every replica answers from the newest publication.
  const publications = options.ingest === 'published' ? store?.indexPublications : undefined;
  if (options.ingest === 'published' && !publications) throw new Error('A published index needs a store that keeps publications (DATABASE_URL).');
  let leading = false;
  let lastUnopened = '';
  let indexReady = true;
  let publication: number | undefined;
  const followPublication = async (): Promise<boolean> => {
    const latest = await publications!.latest();
    if (!latest) return false;
    const installed = await publicationOf(await currentVersionFolder(indexDir).catch(() => undefined));
    if (installed !== latest.id) await installPublication(indexDir, latest, publications!, lockOptions);
    const opened = await openPublishedIndex(indexDir, baseEmbedder, current?.index, shareWithThreads);
    publication = latest.id;
    if (!opened) return false;
    current = wire(opened, embedderFor(opened as Parameters<typeof embedderFor>[0], baseEmbedder));
    indexReady = true;
    return true;
  };
  const publishLocal = async (): Promise<boolean> => {
    const folder = current?.index.folder;
    if (!indexReady || !folder || !leading || (await publicationOf(folder)) !== undefined) return false;
    const published = await publishVersion(indexDir, folder, publications!, lockOptions);
    publication = published.id;
    log(`Published index version ${published.id} (${current!.index.articles().length} articles) for every replica.`);
    return true;
  };
  const followSummary = (started: number): IngestSummary => {
    const articles = indexReady ? current!.index.articles().length : 0;
    summary = { articles, added: 0, changed: 0, removed: 0, unchanged: articles, chunksEmbedded: 0, errors: [], rebuilt: false, seconds: (performance.now() - started) / 1_000 };
    return summary;
  };
  const refreshPublished = async (): Promise<IngestSummary> => {
    const started = performance.now();
    if (!leading) {
      await followPublication();
      return followSummary(started);
    }
    // The leader builds on the newest publication (a replica that just took over may not have it yet).
    const local = await publicationOf(await currentVersionFolder(indexDir).catch(() => undefined));
    if (!indexReady || local !== undefined) await followPublication();
    // A leader whose articles folder is empty or missing (a replica started without the shared folder) would publish a
    // version without any article: it keeps the published one instead and says why.
    if (indexReady && current!.index.articles().length > 0 && (await readdir(dataDir).catch(() => [])).length === 0) {
      log(`Not publishing: the articles folder ${dataDir} (DATA_DIR) is empty or missing here, and the published version has articles. Give every replica that may lead the same articles folder.`);
      return followSummary(started);
    }
    const { index, embedder, summary: done } = await update();
    if (index !== current?.index) current = wire(index, embedder);
    indexReady = true;
    await publishLocal();
    return done;
  };
  if (options.ingest === 'follow') ready = Promise.resolve(await follow());
  if (options.ingest === 'published') {
    const started = performance.now();
    if (!(await followPublication())) {
      indexReady = false;
      current = wire(emptyIndex(baseEmbedder), baseEmbedder);
      log('No index version has been published yet: questions get "not ready" until the leader publishes one.');
    }
    ready = Promise.resolve(followSummary(started));
  }
  if (options.ingest === 'background') {
    const previous = await openIndex(indexDir, baseEmbedder, shareWithThreads).catch(() => undefined);
    if (previous) {
      current = wire(previous, embedderFor(previous as Parameters<typeof embedderFor>[0], baseEmbedder));
      ready = update().then(({ index, embedder, summary: done }) => {
        if (isNewVersion(index)) current = wire(index, embedder);
        return done;
      });
      // Failures are reported through `ready`; the server keeps answering from the index it has.
      ready.catch(() => {});
    }
  }
  if (!current) {
    const { index, embedder, summary: done } = await update();
    current = wire(index, embedder);
    ready = Promise.resolve(done);
  }

  let refreshing: Promise<unknown> = ready!;
  const refresh = (): Promise<IngestSummary> => {
    const next = refreshing
      .catch(() => undefined)
      .then(async () => {
        if (options.ingest === 'follow') return follow();
        if (options.ingest === 'published') return refreshPublished();
        const { index, embedder, summary: done } = await update();
        if (isNewVersion(index)) current = wire(index, embedder);
        return done;
      });
    refreshing = next;
    return next;
  };

  const answering = () => current!;
  const takeUpNewer = async (): Promise<boolean> => {
    if (!publications) return false;
    let changed = false;
    const next = refreshing
      .catch(() => undefined)
      .then(async () => {
        if (!leading) return (changed = await followPublication());
        // What `hoiphuong ingest` committed here meanwhile; one that cannot be opened is neither served nor published.
        const opened = await openPublishedIndex(indexDir, baseEmbedder, indexReady ? current?.index : undefined).catch((error: unknown) => {
          const line = `The index version in ${indexDir} cannot be opened; still answering from and publishing the previous one: ${toChatbotError(error).message}`;
          // Said once, not at every check while the version stays as it is.
          if (line !== lastUnopened) log(line);
          lastUnopened = line;
          return undefined;
        });
        if (opened) {
          current = wire(opened, embedderFor(opened as Parameters<typeof embedderFor>[0], baseEmbedder));
          indexReady = true;
          changed = true;
        }
        await publishLocal();
        return changed;
      });
    refreshing = next;
    await next;
    return changed;
  };
  const close = async () => {
    stopping.abort(new Error('The server is stopping.'));
    await ready?.catch(() => undefined);
    await threads?.close();
    await answerLog?.close();
    await store?.close();
  };
  return {
    config,
    get index() {
      return answering().index;
    },
    get ingest() {
      return summary;
    },
    get indexReady() {
      return indexReady;
    },
    get publication() {
      return publication;
    },
    lead: (value) => {
      leading = value;
    },
    takeUpNewer,
    ready: ready!,
    get embedder() {
      return answering().embedder;
    },
    get gazetteer() {
      return answering().gazetteer;
    },
    facts: () => answering().facts(),
    retriever: { retrieve: (query, limit, retrieveOptions) => answering().retriever.retrieve(query, limit, retrieveOptions) },
    ask: { ask: async (question) => (indexReady ? answering().withConversations(conversations).ask(question) : indexNotReadyResult(question)) },
    withConversations: (other) => ({ ask: async (question) => (indexReady ? answering().withConversations(other).ask(question) : indexNotReadyResult(question)) }),
    refresh,
    store,
    log,
    get answerThreads() {
      return threads?.size ?? 0;
    },
    close,
  };
}

async function openStore(
  config: Readonly<Config>,
  placeOf: (text: string) => string | undefined,
  mode: 'required' | 'optional' | 'none',
  log: (line: string) => void,
): Promise<Store | undefined> {
  if (mode === 'none') return undefined;
  try {
    return await openConfiguredStore(config, { placeOf, log });
  } catch (error) {
    if (mode === 'required') throw error;
    log(`Pinned answers are off: ${toChatbotError(error).message}`);
    return undefined;
  }
}
