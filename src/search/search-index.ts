import { join, resolve } from 'node:path';
import { ArticleError, ChatbotError } from '../core/errors.js';
import type { Embedder } from '../core/ports.js';
import type { Article, ArticleMeta, Chunk } from '../core/types.js';
import { chunkArticle } from '../ingest/chunk.js';
import { readArticles } from '../ingest/load-articles.js';
import { withIndexLock, type IndexLockOptions } from './index-lock.js';
import { currentVersionFolder, type Section } from './index-files.js';
import { hashFile, restampedFiles, sameContents, stampFiles, withRecordedHashes, type FileStamp } from './file-stamps.js';
import { embedderFor, learnFromChunks, learnsFromCorpus, type CorpusEmbedder } from './corpus-embedder.js';
import type { FolderRecord } from './folder-record.js';
import type { Hit, LabelFilter } from './hit.js';
import type { WeightedTerm } from './lexical-terms.js';
import type { TermVectors } from './term-vectors.js';
import {
  FORMAT_VERSION,
  keepsExtracts,
  metaOf,
  readFolderState,
  readManifest,
  readVersionManifest,
  StoredIndex,
  type FolderState,
  type LoadOptions,
  type Manifest,
  type VectorSearchOptions,
} from './stored-index.js';

/** The persisted search index: article and chunk metadata, vector search and BM25 search over the same labels. */
export interface SearchIndex {
  readonly embedderName: string;
  readonly dimensions: number;
  /** The version folder it was loaded from (undefined for one not read from disk): what a follower compares with CURRENT. */
  readonly folder?: string | undefined;
  /** Every indexed article's metadata (id, title, url, published, place). */
  articles(): ArticleMeta[];
  article(id: string): ArticleMeta | undefined;
  /** The chunk stored under a label, undefined for removed labels. */
  chunk(label: number): Chunk | undefined;
  /** Labels of all live chunks of one article, in order. */
  chunkLabels(articleId: string): number[];
  /** The sections of its `index.bin` in shared memory, for answer threads (see `LoadOptions.shareSections`). */
  readonly sharedSections?: ReadonlyMap<string, Section> | undefined;
  /** Term vectors learned from this corpus at ingest, when the embedder learns any (`CorpusEmbedder`). */
  readonly termVectors?: TermVectors | undefined;
  /** Single-word BM25 terms with their document frequencies (accented keys, and folded ones prefixed with "~"). */
  unigramFrequencies?(): Map<string, number>;
  vectorSearch(vector: number[], k: number, filter?: LabelFilter): Hit[];
  lexicalSearch(query: WeightedTerm[], k: number, filter?: LabelFilter): Hit[];
  /** What ingest extracted from each article (`UpdateIndexOptions.extract`: the facts), by id; undefined when the version keeps none. */
  articleExtracts?(): ReadonlyMap<string, readonly unknown[]> | undefined;
  /** An article's file, relative to the articles folder the version was built from. */
  articleFile?(id: string): string | undefined;
}

/** What an ingest run did. `rebuilt` is true when the index was built from nothing (first run, mismatch or damage). */
export interface IngestSummary {
  articles: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  chunksEmbedded: number;
  errors: ArticleError[];
  rebuilt: boolean;
  /** Why an existing index was thrown away, when it was. */
  rebuildReason?: string;
  seconds: number;
}

/** Options of `updateIndex`. */
export interface UpdateIndexOptions extends VectorSearchOptions {
  dataDir: string;
  indexDir: string;
  embedder: Embedder;
  /** Called as each article file is read, with files read so far and files in the folder. */
  onProgress?: (done: number, total: number) => void;
  /** Milliseconds, for the summary's duration; defaults to `performance.now`. */
  clock?: () => number;
  /** Wall-clock milliseconds comparable to file modification times; defaults to `Date.now`. */
  now?: () => number;
  /** How to wait for another process updating the same index (see `withIndexLock`). */
  lock?: IndexLockOptions;
  /** Article files larger than this are skipped with an error (MAX_ARTICLE_BYTES; 0 or absent: no cap). */
  maxArticleBytes?: number;
  /**
   * The index the caller already has open (a serving process): when the folder is unchanged and it is the live version,
   * it is returned instead of loading that version a second time.
   */
  current?: SearchIndex;
  /** Stops the update between articles (the live version stays as it was); the update then throws the signal's reason. */
  signal?: AbortSignal;
  /**
   * What to keep of each article besides its chunks (the fact sheets' facts), saved with the version so whoever opens
   * it needs no articles folder; run on new and changed articles only (and once on every article of a version that
   * kept none). Without it the new version keeps no extracts.
   */
  extract?: (article: Article) => readonly unknown[];
}

/**
 * Share of the chunks the term vectors were learned from that may be added or removed before they are learned again
 * (and every chunk embedded again with them). Below it, new chunks are embedded with the vectors as they are: words
 * new to the model then count only through the hashed part, which a tenth of the corpus cannot shift much.
 */
export const RELEARN_SHARE = 0.1;
/** Texts per embedder call: large enough to amortise a remote round trip, small enough to report progress often. */
const EMBEDDING_BATCH = 128;
/** A typical resident question: how many dimensions the embedder fills for it tells whether exact vector search stays cheap. */
const PROBE_QUESTION = 'Bí thư Đảng ủy phường là ai và phường có bao nhiêu dân?';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Throws ChatbotError('index-mismatch') when the index was built in another format or by another embedder. */
function assertCompatible(indexDir: string, manifest: Manifest, embedder: Embedder): void {
  if (manifest.format !== FORMAT_VERSION) {
    throw new ChatbotError('index-mismatch', `The index in ${indexDir} has format ${manifest.format}, this version reads format ${FORMAT_VERSION}; run \`hoiphuong ingest\` to rebuild it.`);
  }
  const built = manifest.embedder;
  if (built.name !== embedder.name || built.dimensions !== embedder.dimensions) {
    throw new ChatbotError(
      'index-mismatch',
      `The index in ${indexDir} was built with ${built.name} (${built.dimensions} dimensions) but the embedder is now ${embedder.name} (${embedder.dimensions} dimensions); run \`hoiphuong ingest\` to rebuild it.`,
    );
  }
}

/**
 * Loads a persisted index without reading the articles (cold start); throws ChatbotError('index-mismatch') when it was
 * built by another embedder/dimension, ('index-corrupt') when unreadable or missing.
 */
export async function openIndex(indexDir: string, embedder: Embedder, options: LoadOptions = {}): Promise<SearchIndex> {
  const found = await readManifest(indexDir);
  if (!found) {
    throw new ChatbotError('index-corrupt', `There is no search index in ${indexDir}; run \`hoiphuong ingest\` to build it.`);
  }
  assertCompatible(indexDir, found.manifest, embedder);
  const index = await StoredIndex.load(found.folder, found.manifest, options);
  embedderFor(index, embedder);
  return index;
}

/**
 * Opens one published version folder as it is, never writing: what an answer thread does with the version its server
 * answers from (`verifyChecksums: false` when the server verified that folder already).
 */
export async function openIndexVersion(folder: string, embedder: Embedder, options: LoadOptions = {}): Promise<SearchIndex> {
  const manifest = await readVersionManifest(folder);
  assertCompatible(folder, manifest, embedder);
  const index = await StoredIndex.load(folder, manifest, options);
  embedderFor(index, embedder);
  return index;
}

/**
 * A follower's check (an HTTP worker, a replica sharing INDEX_DIR that does not ingest): opens the version CURRENT now
 * names when it is not the one `current` was loaded from, else returns undefined — one small file read. Never writes.
 */
export async function openPublishedIndex(indexDir: string, embedder: Embedder, current: SearchIndex | undefined, options: LoadOptions = {}): Promise<SearchIndex | undefined> {
  const folder = await currentVersionFolder(indexDir);
  if (folder !== undefined && current?.folder !== undefined && resolve(folder) === resolve(current.folder)) return undefined;
  return openIndex(indexDir, embedder, options);
}

/** Stamps with content hashes: the loader's for articles (by file), read here for the few other files (skipped or ignored). */
async function hashedStamps(dataDir: string, files: readonly FileStamp[], hashes: ReadonlyMap<string, string>): Promise<FileStamp[]> {
  const stamps: FileStamp[] = [];
  for (const stamp of files) {
    // An unreadable file gets an empty hash, which never matches: it is looked at again next time.
    const contentHash = hashes.get(stamp.file) ?? (await hashFile(join(dataDir, stamp.file)).catch(() => ''));
    stamps.push({ ...stamp, contentHash });
  }
  return stamps;
}

/** Errors of files that were skipped when the index was built, as the loader reported them. */
function skippedErrors(record: FolderRecord): ArticleError[] {
  return record.skipped.map((entry) => new ArticleError(entry.file, entry.field, entry.reason));
}

/**
 * Embeds a corpus embedder's chunks once the corpus is read: when the index has no term vectors yet, or more than
 * `RELEARN_SHARE` of the chunks they were learned from changed since (`changed` counts this run's added and removed
 * chunks), the vectors are learned again from the live chunks and every chunk is embedded again; otherwise only the
 * `waiting` new chunks are embedded, with the vectors as they are. Returns how many chunks were embedded.
 */
async function embedLearned(index: StoredIndex, learner: CorpusEmbedder, waiting: readonly number[], changed: number): Promise<number> {
  const state = index.learned;
  const relearn = !index.termVectors || !state || state.changedChunks + changed > RELEARN_SHARE * state.fittedChunks;
  let labels = waiting;
  if (relearn) {
    labels = index.liveLabels();
    index.setTermVectors(learnFromChunks(labels, (label) => index.indexedText(label), learner.learning));
  } else {
    state.changedChunks += changed;
  }
  const bound = embedderFor(index, learner);
  for (let start = 0; start < labels.length; start += EMBEDDING_BATCH) {
    const batch = labels.slice(start, start + EMBEDDING_BATCH);
    const vectors = await bound.embedDocuments(batch.map((label) => index.indexedText(label)));
    batch.forEach((label, position) => index.setVector(label, vectors[position]!));
  }
  return labels.length;
}

/**
 * Brings the persisted index in indexDir up to date with the articles in dataDir, embedding only new or changed
 * articles. Holds the index's lock meanwhile: an update started while another process updates waits for it.
 */
export async function updateIndex(options: UpdateIndexOptions): Promise<UpdatedIndex> {
  return withIndexLock(options.indexDir, () => updateUnlocked(options), options.lock);
}

/**
 * What `updateIndex` gives: the index, what the run did, and the embedder to query it with (the one given, or for a
 * `CorpusEmbedder` the same with the term vectors this index was built with).
 */
export interface UpdatedIndex {
  index: SearchIndex;
  summary: IngestSummary;
  embedder: Embedder;
}

async function updateUnlocked(options: UpdateIndexOptions): Promise<UpdatedIndex> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const { embedder, indexDir } = options;
  const stampedAtMs = (options.now ?? Date.now)();
  const cap = options.maxArticleBytes ? { maxArticleBytes: options.maxArticleBytes } : {};
  const files = await stampFiles(options.dataDir);

  let rebuildReason: string | undefined;
  let previous: { folder: string; manifest: Manifest } | undefined;
  try {
    previous = await readManifest(indexDir);
    if (previous) assertCompatible(indexDir, previous.manifest, embedder);
  } catch (error) {
    rebuildReason = describe(error);
    previous = undefined;
  }
  const finish = (result: StoredIndex, counts: Omit<IngestSummary, 'seconds' | 'rebuildReason'>): UpdatedIndex => ({
    index: result as SearchIndex,
    embedder: embedderFor(result, embedder),
    summary: { ...counts, ...(rebuildReason !== undefined ? { rebuildReason } : {}), seconds: (clock() - started) / 1_000 },
  });

  // Fast path: the folder lists the same files with the same sizes and times (nothing is read), or the files whose
  // times changed still hash the same (only they are read, and only the folder record is replaced).
  const recorded = previous ? await readFolderState(previous.folder) : undefined;
  const restamped = recorded?.files && files ? restampedFiles(recorded.files, files, recorded.stampedAtMs ?? 0) : undefined;
  const sameCap = (recorded?.maxArticleBytes ?? 0) === (options.maxArticleBytes ?? 0);
  // A version without the extracts asked for is read through once to add them.
  const extractsAsAsked = !options.extract || keepsExtracts(previous?.manifest);
  if (previous && recorded?.files && files && restamped && sameCap && extractsAsAsked && (restamped.length === 0 || (await sameContents(options.dataDir, recorded.files, restamped)))) {
    try {
      const reusable = options.current instanceof StoredIndex && options.current.folder === previous.folder;
      const index = reusable ? (options.current as StoredIndex) : await StoredIndex.load(previous.folder, previous.manifest, options);
      embedderFor(index, embedder);
      const count = previous.manifest.articleCount;
      const errors = skippedErrors(recorded);
      if (restamped.length > 0) {
        await index.saveFolderState(previous.folder, { files: withRecordedHashes(files, recorded.files), stampedAtMs, errors, ...cap });
      }
      return finish(index, { articles: count, added: 0, changed: 0, removed: 0, unchanged: count, chunksEmbedded: 0, errors, rebuilt: false });
    } catch (error) {
      rebuildReason = describe(error);
      previous = undefined;
    }
  }

  let index: StoredIndex | undefined;
  if (previous) {
    try {
      index = await StoredIndex.load(previous.folder, previous.manifest, options);
    } catch (error) {
      rebuildReason = describe(error);
    }
  }
  const rebuilt = index === undefined;
  const known = new Map((index?.listedFiles() ?? []).map((entry) => [entry.id, entry]));
  // The next version's folder is begun only once something must be written, and a new index once there is an article.
  let update = index;
  const writable = async (): Promise<StoredIndex> => {
    if (update) await update.prepareUpdate(indexDir);
    else update = await StoredIndex.create(indexDir, embedder.name, embedder.dimensions, Math.max(16, (files?.length ?? 0) * 4), options);
    return update;
  };

  // Articles are read, chunked and embedded one batch at a time, so a large folder is never held in memory whole.
  const errors: ArticleError[] = [];
  const hashes = new Map<string, string>();
  const seen = new Set<string>();
  const moved: Array<{ id: string; file: string }> = [];
  let added = 0;
  let changed = 0;
  let read = 0;
  let embedded = 0;
  const work: Array<{ label: number; text: string }> = [];
  // A corpus embedder's new chunks wait until the corpus is read, when it is known whether its vectors are learned again.
  const learner = learnsFromCorpus(embedder) ? embedder : undefined;
  const waiting: number[] = [];
  let changedChunks = 0;
  let extractsAdded = 0;
  if (!options.extract) update?.dropExtracts();
  const embedWork = async (): Promise<void> => {
    const batch = work.splice(0, work.length);
    if (batch.length === 0) return;
    if (learner) {
      for (const item of batch) waiting.push(item.label);
      return;
    }
    const vectors = await embedder.embedDocuments(batch.map((item) => item.text));
    if (vectors.length !== batch.length) {
      throw new ChatbotError('upstream-failed', `The embedder ${embedder.name} returned ${vectors.length} vectors for ${batch.length} texts.`);
    }
    const target = await writable();
    batch.forEach((item, position) => target.setVector(item.label, vectors[position]!));
    embedded += batch.length;
  };
  for await (const item of readArticles(options.dataDir, { maxBytes: options.maxArticleBytes ?? 0 })) {
    options.signal?.throwIfAborted();
    read += 1;
    options.onProgress?.(read, Math.max(read, files?.length ?? 0));
    if (item instanceof ArticleError) {
      errors.push(item);
      continue;
    }
    const article = item;
    hashes.set(article.file, article.contentHash);
    seen.add(article.id);
    const entry = known.get(article.id);
    if (entry && entry.contentHash === article.contentHash) {
      if (entry.file !== article.file) moved.push({ id: article.id, file: article.file });
      if (options.extract && !update?.hasExtracts(article.id)) {
        (await writable()).setExtracts(article.id, options.extract(article));
        extractsAdded += 1;
      }
      continue;
    }
    if (entry) changed += 1;
    else added += 1;
    const target = await writable();
    changedChunks += target.stored(article.id)?.labels.length ?? 0;
    target.removeArticle(article.id);
    const chunks = chunkArticle(article).map(({ ordinal, start, end, text }) => ({ ordinal, start, end, text }));
    work.push(...target.addArticle({ meta: metaOf(article), file: article.file, contentHash: article.contentHash, text: article.text }, chunks));
    if (options.extract) target.setExtracts(article.id, options.extract(article));
    if (work.length >= EMBEDDING_BATCH) await embedWork();
  }
  await embedWork();
  const removed = [...known.keys()].filter((id) => !seen.has(id));
  for (const id of removed) {
    changedChunks += update?.stored(id)?.labels.length ?? 0;
    update?.removeArticle(id);
  }
  for (const { id, file } of moved) update?.moveArticle(id, file);
  const articleCount = seen.size;
  const counts = {
    articles: articleCount,
    added: rebuilt ? articleCount : added,
    changed: rebuilt ? 0 : changed,
    removed: rebuilt ? 0 : removed.length,
    unchanged: rebuilt ? 0 : articleCount - added - changed,
    chunksEmbedded: embedded,
    errors,
    rebuilt,
  };
  const folderState: FolderState = { files: files && (await hashedStamps(options.dataDir, files, hashes)), stampedAtMs, errors, ...cap };

  if (update && previous && !rebuilt && added + changed + removed.length === 0 && extractsAdded === 0 && (options.extract !== undefined) === (keepsExtracts(previous?.manifest))) {
    // No article changed, but the folder did (a touched or moved file, or one too new to trust by its time): refresh
    // only the folder record so the next run takes the fast path.
    await update.saveFolderState(previous.folder, folderState);
    return finish(update, counts);
  }

  let result = await writable();
  if (learner) counts.chunksEmbedded = await embedLearned(result, learner, waiting, changedChunks + waiting.length);
  const probe = await embedderFor(result, embedder).embedQuery(PROBE_QUESTION);
  result.planGraph(probe, result.liveChunks);
  if (result.needsCompaction()) result = result.compacted(probe);
  await result.save(indexDir, folderState);
  return finish(result, counts);
}
