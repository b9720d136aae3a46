import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ArticleError, ChatbotError } from '../core/errors.js';
import type { Embedder } from '../core/ports.js';
import type { Article, ArticleMeta, Chunk } from '../core/types.js';
import { chunkArticle } from '../ingest/chunk.js';
import { loadArticles } from '../ingest/load-articles.js';
import { Bm25Index, MAX_BM25_LABEL } from './bm25-index.js';
import { sameStamps, stampFiles, type FileStamp } from './file-stamps.js';
import { beginVersion, currentVersionFolder, readSections, syncFile, writeSections, writeTextFile, type Section } from './index-files.js';
import { lexicalTerms, type WeightedTerm } from './lexical-terms.js';
import { TopHits } from './top-hits.js';
import { VectorIndex } from './vector-index.js';

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
export interface UpdateIndexOptions {
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

/** Bumped whenever the files' layout changes; an index of another format is rebuilt. */
const FORMAT_VERSION = 1;
const MANIFEST_FILE = 'manifest.json';
const DATA_FILE = 'index.bin';
const GRAPH_FILE = 'vectors.hnsw';
/** Texts per embedder call: large enough to amortise a remote round trip, small enough to report progress often. */
const EMBEDDING_BATCH = 128;
/** Filtered vector searches whose allowed chunks number at most this are exact scans (hnsw recall drops under tight filters). */
const EXACT_SEARCH_LIMIT = 20_000;
/** When removed chunks exceed this share of all labels, the next update relabels and rebuilds the graph from stored vectors. */
const COMPACT_SHARE = 0.25;

interface ManifestArticle extends ArticleMeta {
  file: string;
  contentHash: string;
  /** Length of the article text in UTF-16 code units inside the stored texts. */
  textLength: number;
}

interface Manifest {
  format: number;
  embedder: { name: string; dimensions: number };
  /** One past the highest label ever used; the label columns have this length. */
  labelCount: number;
  /** Points added to the hnsw graph, removed ones included. */
  graphPoints: number;
  articles: ManifestArticle[];
  /** Every file of the articles folder when it was last read, so an unchanged folder needs no reading at all. */
  files?: FileStamp[];
  /** Wall-clock time just before `files` were stamped. */
  stampedAtMs?: number;
  /** Files the loader rejected, reported again on every run while they stay as they are. */
  skipped?: Array<{ file: string; field?: string; reason: string }>;
}

/** What the articles folder looked like when an index was built from it. */
interface FolderState {
  files: FileStamp[] | undefined;
  stampedAtMs: number;
  errors: ArticleError[];
}

interface StoredArticle {
  meta: ArticleMeta;
  file: string;
  contentHash: string;
  text: string;
  labels: number[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function metaOf(article: ArticleMeta): ArticleMeta {
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    ...(article.published !== undefined ? { published: article.published } : {}),
    ...(article.place !== undefined ? { place: article.place } : {}),
  };
}

/** What gets embedded and indexed for a chunk: the title and place give a passage the context it often lacks. */
function indexedText(article: ArticleMeta, chunk: Chunk): string {
  return [article.title, article.place, chunk.text].filter(Boolean).join('\n');
}

/** The in-memory index; mutated only by `updateIndex` before it is saved and handed out. */
class StoredIndex implements SearchIndex {
  private readonly byId = new Map<string, StoredArticle>();
  private chunks: (Chunk | undefined)[] = [];
  private vectors: Float32Array;
  private metaList: ArticleMeta[] | undefined;

  private constructor(
    readonly embedderName: string,
    readonly dimensions: number,
    private graph: VectorIndex,
    private readonly bm25: Bm25Index,
  ) {
    this.vectors = new Float32Array(0);
  }

  /** An empty index for an embedder. */
  static empty(embedderName: string, dimensions: number, capacity: number): StoredIndex {
    return new StoredIndex(embedderName, dimensions, VectorIndex.create(dimensions, capacity), new Bm25Index());
  }

  /** Reads a committed version folder; throws ChatbotError('index-corrupt') when any part is missing or inconsistent. */
  static async load(folder: string, manifest: Manifest): Promise<StoredIndex> {
    const sections = await readSections(join(folder, DATA_FILE));
    const { name, dimensions } = manifest.embedder;
    const labelCount = manifest.labelCount;
    const column = (key: string): Int32Array => {
      const section = sections.get(key);
      if (!(section instanceof Int32Array) || section.length !== labelCount) throw damaged(folder, `column ${key} is missing or truncated`);
      return section;
    };
    const articleColumn = column('chunkArticle');
    const ordinals = column('chunkOrdinal');
    const starts = column('chunkStart');
    const ends = column('chunkEnd');
    const vectors = sections.get('vectors');
    const texts = sections.get('texts');
    if (!(vectors instanceof Float32Array) || vectors.length !== labelCount * dimensions) throw damaged(folder, 'the stored vectors are truncated');
    if (!(texts instanceof Uint8Array)) throw damaged(folder, 'the article texts are missing');
    const graph = VectorIndex.load(join(folder, GRAPH_FILE), dimensions);
    if (graph.count !== manifest.graphPoints) throw damaged(folder, `the vector graph has ${graph.count} points, the manifest says ${manifest.graphPoints}`);
    const index = new StoredIndex(name, dimensions, graph, Bm25Index.fromSections(sections));
    index.vectors = vectors;
    const allText = Buffer.from(texts.buffer, texts.byteOffset, texts.byteLength).toString('utf8');
    const stored: StoredArticle[] = [];
    let offset = 0;
    for (const entry of manifest.articles) {
      const text = allText.slice(offset, offset + entry.textLength);
      offset += entry.textLength;
      const article: StoredArticle = { meta: metaOf(entry), file: entry.file, contentHash: entry.contentHash, text, labels: [] };
      stored.push(article);
      index.byId.set(entry.id, article);
    }
    if (offset !== allText.length) throw damaged(folder, 'the article texts do not match the manifest');
    index.chunks = new Array<Chunk | undefined>(labelCount);
    for (let label = 0; label < labelCount; label += 1) {
      const articleIndex = articleColumn[label]!;
      if (articleIndex < 0) continue;
      const article = stored[articleIndex];
      const start = starts[label]!;
      const end = ends[label]!;
      if (!article || start < 0 || end < start || end > article.text.length) throw damaged(folder, `chunk ${label} points outside its article`);
      const ordinal = ordinals[label]!;
      const articleId = article.meta.id;
      index.chunks[label] = { id: `${articleId}#${ordinal}`, articleId, ordinal, start, end, text: article.text.slice(start, end) };
      article.labels.push(label);
    }
    return index;
  }

  get labelCount(): number {
    return this.chunks.length;
  }

  get liveChunks(): number {
    return this.bm25.size;
  }

  articles(): ArticleMeta[] {
    this.metaList ??= [...this.byId.values()].map((article) => article.meta);
    return [...this.metaList];
  }

  article(id: string): ArticleMeta | undefined {
    return this.byId.get(id)?.meta;
  }

  chunk(label: number): Chunk | undefined {
    return this.chunks[label];
  }

  chunkLabels(articleId: string): number[] {
    return [...(this.byId.get(articleId)?.labels ?? [])];
  }

  vectorSearch(vector: number[], k: number, filter?: (label: number) => boolean): Hit[] {
    if (vector.length !== this.dimensions) {
      throw new ChatbotError('input-invalid', `Query vector has ${vector.length} numbers; the index holds ${this.dimensions}-dimension vectors.`);
    }
    if (!filter) return this.graph.search(vector, k);
    const allowed: number[] = [];
    for (let label = 0; label < this.chunks.length; label += 1) {
      if (this.chunks[label] !== undefined && filter(label)) allowed.push(label);
    }
    if (allowed.length <= EXACT_SEARCH_LIMIT) return this.exactSearch(vector, k, allowed);
    const accepted = new Uint8Array(this.chunks.length);
    for (const label of allowed) accepted[label] = 1;
    return this.graph.search(vector, k, (label) => accepted[label] === 1);
  }

  lexicalSearch(query: WeightedTerm[], k: number, filter?: (label: number) => boolean): Hit[] {
    return this.bm25.search(query, k, filter);
  }

  /** Cosine similarity against every allowed stored vector: exact, and fast for the few thousand chunks of one place. */
  private exactSearch(vector: number[], k: number, labels: readonly number[]): Hit[] {
    const dimensions = this.dimensions;
    const query = Float32Array.from(vector);
    let queryNorm = 0;
    for (let index = 0; index < dimensions; index += 1) queryNorm += query[index]! * query[index]!;
    queryNorm = Math.sqrt(queryNorm) || 1;
    const top = new TopHits(k);
    for (const label of labels) {
      const base = label * dimensions;
      let dot = 0;
      let norm = 0;
      for (let index = 0; index < dimensions; index += 1) {
        const value = this.vectors[base + index]!;
        dot += value * query[index]!;
        norm += value * value;
      }
      top.offer(label, norm > 0 ? dot / (Math.sqrt(norm) * queryNorm) : 0);
    }
    return top.sorted();
  }

  /** Stored data of one article, for diffing. */
  stored(id: string): StoredArticle | undefined {
    return this.byId.get(id);
  }

  /** Ids of every article. */
  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Removes an article and hides its chunks from both searches. */
  removeArticle(id: string): void {
    const article = this.byId.get(id);
    if (!article) return;
    for (const label of article.labels) {
      this.bm25.remove(label);
      this.graph.remove(label);
      this.chunks[label] = undefined;
    }
    this.byId.delete(id);
    this.metaList = undefined;
  }

  /** Records a moved file whose content did not change. */
  moveArticle(id: string, file: string): void {
    const article = this.byId.get(id);
    if (article) article.file = file;
  }

  /** Adds an article's chunks to the metadata and BM25 under fresh labels; their vectors come later through `setVector`. */
  addArticle(article: StoredArticle, chunks: readonly Omit<Chunk, 'id' | 'articleId'>[]): Array<{ label: number; text: string }> {
    const work: Array<{ label: number; text: string }> = [];
    this.byId.set(article.meta.id, article);
    this.metaList = undefined;
    for (const chunk of chunks) {
      const label = this.chunks.length;
      if (label > MAX_BM25_LABEL) throw new ChatbotError('input-invalid', `The index cannot hold more than ${MAX_BM25_LABEL} chunks.`);
      const stored: Chunk = { id: `${article.meta.id}#${chunk.ordinal}`, articleId: article.meta.id, ...chunk };
      this.chunks.push(stored);
      article.labels.push(label);
      const text = indexedText(article.meta, stored);
      this.bm25.add(label, lexicalTerms(text));
      work.push({ label, text });
    }
    return work;
  }

  /** Stores a chunk's vector and adds it to the graph. */
  setVector(label: number, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimensions) {
      throw new ChatbotError('input-invalid', `The embedder returned ${vector.length} numbers for a ${this.dimensions}-dimension index.`);
    }
    const needed = (label + 1) * this.dimensions;
    if (this.vectors.length < needed) {
      const grown = new Float32Array(Math.max(needed, this.vectors.length * 2));
      grown.set(this.vectors);
      this.vectors = grown;
    }
    this.vectors.set(vector, label * this.dimensions);
    this.graph.add(label, vector);
  }

  /** Makes room in the graph for `extra` more points at once. */
  reserve(extra: number): void {
    this.graph.reserve(extra);
  }

  /** True when enough chunks were removed that relabelling and rebuilding the graph pays off. */
  needsCompaction(): boolean {
    const removed = this.chunks.length - this.liveChunks;
    return removed > 0 && removed > COMPACT_SHARE * this.chunks.length;
  }

  /** A copy with labels 0..n-1 and a fresh graph built from the stored vectors (nothing is re-embedded). */
  compacted(): StoredIndex {
    const copy = StoredIndex.empty(this.embedderName, this.dimensions, this.liveChunks);
    for (const article of this.byId.values()) {
      const chunks = article.labels.map((label) => this.chunks[label]!);
      const vectors = article.labels.map((label) => this.vectors.subarray(label * this.dimensions, (label + 1) * this.dimensions));
      const fresh: StoredArticle = { ...article, labels: [] };
      const work = copy.addArticle(fresh, chunks);
      work.forEach(({ label }, index) => copy.setVector(label, vectors[index]!));
    }
    return copy;
  }

  /** Writes this index as a new version of `indexDir` and makes it live atomically. */
  async save(indexDir: string, folder: FolderState): Promise<void> {
    const version = await beginVersion(indexDir);
    const articles = [...this.byId.values()];
    const positions = new Map(articles.map((article, position) => [article.meta.id, position]));
    const labelCount = this.chunks.length;
    const articleColumn = new Int32Array(labelCount).fill(-1);
    const ordinals = new Int32Array(labelCount);
    const starts = new Int32Array(labelCount);
    const ends = new Int32Array(labelCount);
    this.chunks.forEach((chunk, label) => {
      if (!chunk) return;
      articleColumn[label] = positions.get(chunk.articleId)!;
      ordinals[label] = chunk.ordinal;
      starts[label] = chunk.start;
      ends[label] = chunk.end;
    });
    const sections: Record<string, Section> = {
      chunkArticle: articleColumn,
      chunkOrdinal: ordinals,
      chunkStart: starts,
      chunkEnd: ends,
      vectors: this.vectors.subarray(0, labelCount * this.dimensions),
      texts: new Uint8Array(Buffer.from(articles.map((article) => article.text).join(''), 'utf8')),
      ...this.bm25.toSections(),
    };
    if (sections.vectors!.length < labelCount * this.dimensions) {
      const padded = new Float32Array(labelCount * this.dimensions);
      padded.set(this.vectors.subarray(0, Math.min(this.vectors.length, padded.length)));
      sections.vectors = padded;
    }
    await writeSections(join(version.folder, DATA_FILE), sections);
    const graphPath = join(version.folder, GRAPH_FILE);
    this.graph.save(graphPath);
    await syncFile(graphPath);
    await writeTextFile(join(version.folder, MANIFEST_FILE), JSON.stringify(this.manifest(folder)));
    await version.commit();
  }

  /**
   * Replaces only the manifest of the live version (write, fsync, rename: atomic), for when the folder changed but no
   * article did (a moved or touched file); the data files stay as they are.
   */
  async saveManifest(versionFolder: string, folder: FolderState): Promise<void> {
    const path = join(versionFolder, MANIFEST_FILE);
    await writeTextFile(`${path}.tmp`, JSON.stringify(this.manifest(folder)));
    await rename(`${path}.tmp`, path);
  }

  private manifest(folder: FolderState): Manifest {
    return {
      format: FORMAT_VERSION,
      embedder: { name: this.embedderName, dimensions: this.dimensions },
      labelCount: this.chunks.length,
      graphPoints: this.graph.count,
      articles: [...this.byId.values()].map((article) => ({
        ...article.meta,
        file: article.file,
        contentHash: article.contentHash,
        textLength: article.text.length,
      })),
      ...(folder.files ? { files: folder.files, stampedAtMs: folder.stampedAtMs } : {}),
      skipped: folder.errors.map((error) => ({
        file: error.file,
        ...(error.field !== undefined ? { field: error.field } : {}),
        reason: error.message.startsWith(`${error.file}: `) ? error.message.slice(error.file.length + 2) : error.message,
      })),
    };
  }
}

function damaged(folder: string, detail: string): ChatbotError {
  return new ChatbotError('index-corrupt', `The index in ${folder} is damaged (${detail}); run \`hoiphuong ingest\` to rebuild it.`);
}

/** Reads and checks the manifest of the live version; undefined when no version was ever committed. */
async function readManifest(indexDir: string): Promise<{ folder: string; manifest: Manifest } | undefined> {
  const folder = await currentVersionFolder(indexDir);
  if (folder === undefined) return undefined;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(folder, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch (error) {
    throw new ChatbotError('index-corrupt', `The index manifest in ${folder} is unreadable (${describe(error)}); run \`hoiphuong ingest\` to rebuild it.`, { cause: error });
  }
  if (
    typeof manifest !== 'object' ||
    manifest === null ||
    !Array.isArray(manifest.articles) ||
    typeof manifest.embedder?.name !== 'string' ||
    !Number.isInteger(manifest.labelCount)
  ) {
    throw damaged(folder, 'the manifest is incomplete');
  }
  return { folder, manifest };
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
export async function openIndex(indexDir: string, embedder: Embedder): Promise<SearchIndex> {
  const found = await readManifest(indexDir);
  if (!found) {
    throw new ChatbotError('index-corrupt', `There is no search index in ${indexDir}; run \`hoiphuong ingest\` to build it.`);
  }
  assertCompatible(indexDir, found.manifest, embedder);
  return StoredIndex.load(found.folder, found.manifest);
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

  // Fast path: the folder lists the same files with the same sizes and times, so nothing is read or written.
  const recorded = previous?.manifest;
  if (previous && recorded?.files && files && sameStamps(recorded.files, files, recorded.stampedAtMs ?? 0)) {
    try {
      const index = await StoredIndex.load(previous.folder, recorded);
      const count = recorded.articles.length;
      const errors = skippedErrors(recorded);
      return finish(index, { articles: count, added: 0, changed: 0, removed: 0, unchanged: count, chunksEmbedded: 0, errors, rebuilt: false });
    } catch (error) {
      rebuildReason = describe(error);
      previous = undefined;
    }
  }

  const { articles, errors } = await loadArticles(options.dataDir);
  const folderState: FolderState = { files, stampedAtMs, errors };
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
      index = await StoredIndex.load(previous.folder, previous.manifest);
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
    index = StoredIndex.empty(embedder.name, embedder.dimensions, articles.length * 4);
    toEmbed = articles;
  }

  const work: Array<{ label: number; text: string }> = [];
  for (const article of toEmbed) {
    const chunks = chunkArticle(article).map(({ ordinal, start, end, text }) => ({ ordinal, start, end, text }));
    const stored: StoredArticle = { meta: metaOf(article), file: article.file, contentHash: article.contentHash, text: article.text, labels: [] };
    work.push(...index.addArticle(stored, chunks));
  }
  const target = index;
  target.reserve(work.length);
  for (let done = 0; done < work.length; done += EMBEDDING_BATCH) {
    const batch = work.slice(done, done + EMBEDDING_BATCH);
    const vectors = await embedder.embedDocuments(batch.map((item) => item.text));
    if (vectors.length !== batch.length) {
      throw new ChatbotError('upstream-failed', `The embedder ${embedder.name} returned ${vectors.length} vectors for ${batch.length} texts.`);
    }
    batch.forEach((item, position) => target.setVector(item.label, vectors[position]!));
    options.onProgress?.(done + batch.length, work.length);
  }
  if (target.needsCompaction()) index = target.compacted();
  await index.save(indexDir, folderState);
  return finish(index, counts(work.length));
}
