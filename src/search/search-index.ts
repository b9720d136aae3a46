import { join } from 'node:path';
import { ArticleError, ChatbotError } from '../core/errors.js';
import type { Embedder } from '../core/ports.js';
import type { Article, ArticleMeta, Chunk } from '../core/types.js';
import { chunkArticle } from '../ingest/chunk.js';
import { loadArticles } from '../ingest/load-articles.js';
import { hashFile, restampedFiles, sameContents, stampFiles, withRecordedHashes, type FileStamp } from './file-stamps.js';
import type { WeightedTerm } from './lexical-terms.js';
import {
  FORMAT_VERSION,
  metaOf,
  readManifest,
  StoredIndex,
  type FolderState,
  type Manifest,
  type StoredArticle,
  type VectorSearchOptions,
} from './stored-index.js';

/** A search result: a chunk label and its score (higher is better). */
export interface Hit {
  label: number;
  score: number;
}

/** The persisted search index: article and chunk metadata, vector search and BM25 search over the same labels. */
export interface SearchIndex {
  readonly embedderName: string;
  readonly dimensions: number;
  /** Every indexed article's metadata (id, title, url, published, place). */
  articles(): ArticleMeta[];
  article(id: string): ArticleMeta | undefined;
  /** The chunk stored under a label, undefined for removed labels. */
  chunk(label: number): Chunk | undefined;
  /** Labels of all live chunks of one article, in order. */
  chunkLabels(articleId: string): number[];
  vectorSearch(vector: number[], k: number, filter?: (label: number) => boolean): Hit[];
  lexicalSearch(query: WeightedTerm[], k: number, filter?: (label: number) => boolean): Hit[];
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
  /** Called after each embedded batch with chunks done and chunks to embed. */
  onProgress?: (done: number, total: number) => void;
  /** Milliseconds, for the summary's duration; defaults to `performance.now`. */
  clock?: () => number;
  /** Wall-clock milliseconds comparable to file modification times; defaults to `Date.now`. */
  now?: () => number;
}

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
export async function openIndex(indexDir: string, embedder: Embedder, options: VectorSearchOptions = {}): Promise<SearchIndex> {
  const found = await readManifest(indexDir);
  if (!found) {
    throw new ChatbotError('index-corrupt', `There is no search index in ${indexDir}; run \`hoiphuong ingest\` to build it.`);
  }
  assertCompatible(indexDir, found.manifest, embedder);
  return StoredIndex.load(found.folder, found.manifest, options);
}

/** Stamps with content hashes: the loader's for articles, read here for the few other files (skipped or ignored). */
async function hashedStamps(dataDir: string, files: readonly FileStamp[], articles: readonly Article[]): Promise<FileStamp[]> {
  const hashes = new Map(articles.map((article) => [article.file, article.contentHash]));
  const stamps: FileStamp[] = [];
  for (const stamp of files) {
    // An unreadable file gets an empty hash, which never matches: it is looked at again next time.
    const contentHash = hashes.get(stamp.file) ?? (await hashFile(join(dataDir, stamp.file)).catch(() => ''));
    stamps.push({ ...stamp, contentHash });
  }
  return stamps;
}

/** Errors of files that were skipped when the index was built, as the loader reported them. */
function skippedErrors(manifest: Manifest): ArticleError[] {
  return (manifest.skipped ?? []).map((entry) => new ArticleError(entry.file, entry.field, entry.reason));
}

/** Brings the persisted index in indexDir up to date with the articles in dataDir, embedding only new or changed articles. */
export async function updateIndex(options: UpdateIndexOptions): Promise<{ index: SearchIndex; summary: IngestSummary }> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const { embedder, indexDir } = options;
  const stampedAtMs = (options.now ?? Date.now)();
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
  const finish = (result: StoredIndex, counts: Omit<IngestSummary, 'seconds' | 'rebuildReason'>) => ({
    index: result as SearchIndex,
    summary: { ...counts, ...(rebuildReason !== undefined ? { rebuildReason } : {}), seconds: (clock() - started) / 1_000 },
  });

  // Fast path: the folder lists the same files with the same sizes and times (nothing is read), or the files whose
  // times changed still hash the same (only they are read, and only the manifest is refreshed).
  const recorded = previous?.manifest;
  const restamped = recorded?.files && files ? restampedFiles(recorded.files, files, recorded.stampedAtMs ?? 0) : undefined;
  if (previous && recorded?.files && files && restamped && (restamped.length === 0 || (await sameContents(options.dataDir, recorded.files, restamped)))) {
    try {
      const index = await StoredIndex.load(previous.folder, recorded, options);
      const count = recorded.articles.length;
      const errors = skippedErrors(recorded);
      if (restamped.length > 0) await index.saveManifest(previous.folder, { files: withRecordedHashes(files, recorded.files), stampedAtMs, errors });
      return finish(index, { articles: count, added: 0, changed: 0, removed: 0, unchanged: count, chunksEmbedded: 0, errors, rebuilt: false });
    } catch (error) {
      rebuildReason = describe(error);
      previous = undefined;
    }
  }

  const { articles, errors } = await loadArticles(options.dataDir);
  const folderState: FolderState = { files: files && (await hashedStamps(options.dataDir, files, articles)), stampedAtMs, errors };
  const known = new Map((previous?.manifest.articles ?? []).map((entry) => [entry.id, entry]));
  const added: Article[] = [];
  const changed: Article[] = [];
  const moved: Article[] = [];
  for (const article of articles) {
    const entry = known.get(article.id);
    if (!entry) added.push(article);
    else if (entry.contentHash !== article.contentHash) changed.push(article);
    else if (entry.file !== article.file) moved.push(article);
  }
  const current = new Set(articles.map((article) => article.id));
  const removed = [...known.keys()].filter((id) => !current.has(id));

  let index: StoredIndex | undefined;
  if (previous) {
    try {
      index = await StoredIndex.load(previous.folder, previous.manifest, options);
    } catch (error) {
      rebuildReason = describe(error);
    }
  }
  const rebuilt = index === undefined;
  const counts = (chunksEmbedded: number) => ({
    articles: articles.length,
    added: rebuilt ? articles.length : added.length,
    changed: rebuilt ? 0 : changed.length,
    removed: rebuilt ? 0 : removed.length,
    unchanged: rebuilt ? 0 : articles.length - added.length - changed.length,
    chunksEmbedded,
    errors,
    rebuilt,
  });

  if (index && previous && added.length + changed.length + removed.length === 0) {
    // No article changed, but the folder did (a touched or moved file, or one too new to trust by its time): refresh
    // only the manifest so the next run takes the fast path.
    for (const article of moved) index.moveArticle(article.id, article.file);
    await index.saveManifest(previous.folder, folderState);
    return finish(index, counts(0));
  }

  let toEmbed: Article[];
  if (index) {
    for (const id of [...removed, ...changed.map((article) => article.id)]) index.removeArticle(id);
    for (const article of moved) index.moveArticle(article.id, article.file);
    toEmbed = [...added, ...changed];
  } else {
    index = StoredIndex.empty(embedder.name, embedder.dimensions, articles.length * 4, options);
    toEmbed = articles;
  }

  const work: Array<{ label: number; text: string }> = [];
  for (const article of toEmbed) {
    const chunks = chunkArticle(article).map(({ ordinal, start, end, text }) => ({ ordinal, start, end, text }));
    const stored: StoredArticle = { meta: metaOf(article), file: article.file, contentHash: article.contentHash, text: article.text, labels: [] };
    work.push(...index.addArticle(stored, chunks));
  }
  const target = index;
  if (work.length > 0) target.planGraph(await embedder.embedQuery(PROBE_QUESTION), target.liveChunks);
  for (let done = 0; done < work.length; done += EMBEDDING_BATCH) {
    const batch = work.slice(done, done + EMBEDDING_BATCH);
    const vectors = await embedder.embedDocuments(batch.map((item) => item.text));
    if (vectors.length !== batch.length) {
      throw new ChatbotError('upstream-failed', `The embedder ${embedder.name} returned ${vectors.length} vectors for ${batch.length} texts.`);
    }
    batch.forEach((item, position) => target.setVector(item.label, vectors[position]!));
    options.onProgress?.(done + batch.length, work.length);
  }
  if (target.needsCompaction()) index = target.compacted(await embedder.embedQuery(PROBE_QUESTION));
  await index.save(indexDir, folderState);
  return finish(index, counts(work.length));
}
