import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ChatbotError, type ArticleError } from '../core/errors.js';
import type { ArticleMeta, Chunk } from '../core/types.js';
import { Bm25Index, MAX_BM25_LABEL } from './bm25-index.js';
import { ExactVectorSearch } from './exact-vector-search.js';
import type { FileStamp } from './file-stamps.js';
import { beginVersion, currentVersionFolder, readSections, syncFile, writeSections, writeTextFile, type Section } from './index-files.js';
import { lexicalTerms, type WeightedTerm } from './lexical-terms.js';
import type { Hit, SearchIndex } from './search-index.js';
import { VectorIndex } from './vector-index.js';

/** Bumped whenever the files' layout changes; an index of another format is rebuilt. */
export const FORMAT_VERSION = 3;
const MANIFEST_FILE = 'manifest.json';
const DATA_FILE = 'index.bin';
const GRAPH_FILE = 'vectors.hnsw';
/**
 * Multiply-adds below which a vector search is exact: about 5 ms of scanning. Sparse queries (the hashing embedder's)
 * stay under it even at 100k chunks; dense ones (a neural embedder's 1,536 dimensions) go to hnsw past ~5k chunks.
 */
export const EXACT_SEARCH_BUDGET = 8_000_000;

/** Tuning of vector search; tests lower the budget to exercise the hnsw path on a small corpus. */
export interface VectorSearchOptions {
  /** Multiply-adds an exact scan may take before hnsw is used instead (default `EXACT_SEARCH_BUDGET`). */
  exactSearchBudget?: number;
}
/** A filter leaving at most this share of chunks makes BM25 score just those chunks instead of every posting. */
const FEW_LABELS_SHARE = 0.05;
/** When removed chunks exceed this share of all labels, the next update relabels them and rebuilds the graph. */
const COMPACT_SHARE = 0.25;

/** One article as the manifest lists it. */
export interface ManifestArticle extends ArticleMeta {
  file: string;
  contentHash: string;
  /** Length of the article text in UTF-16 code units inside the stored texts. */
  textLength: number;
}

/** The small JSON file describing a version: written last, so a version with a manifest is complete. */
export interface Manifest {
  format: number;
  embedder: { name: string; dimensions: number };
  /** One past the highest label ever used; the label columns have this length. */
  labelCount: number;
  /** Points added to the hnsw graph (removed ones included); 0 when the version has no graph. */
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
export interface FolderState {
  files: FileStamp[] | undefined;
  stampedAtMs: number;
  errors: ArticleError[];
}

/** An article with what the index keeps of it. */
export interface StoredArticle {
  meta: ArticleMeta;
  file: string;
  contentHash: string;
  text: string;
  labels: number[];
}

/** Only the metadata fields of an article (drops file, hash, text). */
export function metaOf(article: ArticleMeta): ArticleMeta {
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function damaged(folder: string, detail: string): ChatbotError {
  return new ChatbotError('index-corrupt', `The index in ${folder} is damaged (${detail}); run \`hoiphuong ingest\` to rebuild it.`);
}

/** Reads and checks the manifest of the live version; undefined when no version was ever committed. */
export async function readManifest(indexDir: string): Promise<{ folder: string; manifest: Manifest } | undefined> {
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

/**
 * The in-memory index: articles, chunks, BM25 postings, exact vectors and (for dense-query embedders over many chunks)
 * an hnsw graph, all keyed by chunk label. Mutated only by `updateIndex` before it is saved and handed out.
 */
export class StoredIndex implements SearchIndex {
  private readonly byId = new Map<string, StoredArticle>();
  private chunks: (Chunk | undefined)[] = [];
  private metaList: ArticleMeta[] | undefined;
  /** The graph, loaded on first use; undefined when this index has none. */
  private graph: VectorIndex | undefined;
  /** Where to load the graph from when it is not loaded yet. */
  private graphFile: string | undefined;
  private graphPoints = 0;
  private readonly exactSearchBudget: number;
  private readonly allowedByFilter = new WeakMap<(label: number) => boolean, number[]>();

  private constructor(
    readonly embedderName: string,
    readonly dimensions: number,
    private readonly bm25: Bm25Index,
    private readonly exact: ExactVectorSearch,
    options: VectorSearchOptions,
  ) {
    this.exactSearchBudget = options.exactSearchBudget ?? EXACT_SEARCH_BUDGET;
  }

  /** An empty index for an embedder. */
  static empty(embedderName: string, dimensions: number, capacity: number, options: VectorSearchOptions = {}): StoredIndex {
    return new StoredIndex(embedderName, dimensions, new Bm25Index(), new ExactVectorSearch(dimensions, capacity), options);
  }

  /** Reads a committed version folder; throws ChatbotError('index-corrupt') when any part is missing or inconsistent. */
  static async load(folder: string, manifest: Manifest, options: VectorSearchOptions = {}): Promise<StoredIndex> {
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
    const exact = ExactVectorSearch.fromRows(vectors, dimensions, (label) => articleColumn[label]! >= 0);
    const index = new StoredIndex(name, dimensions, Bm25Index.fromSections(sections), exact, options);
    if (manifest.graphPoints > 0) {
      index.graphFile = join(folder, GRAPH_FILE);
      index.graphPoints = manifest.graphPoints;
    }
    const allText = Buffer.from(texts.buffer, texts.byteOffset, texts.byteLength).toString('utf16le');
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

  /**
   * Exact when the scan is cheap (a sparse query, or few allowed chunks), hnsw otherwise; an unreadable graph (say, its
   * version was replaced by a concurrent ingest) falls back to the exact scan rather than failing the question.
   */
  vectorSearch(vector: number[], k: number, filter?: (label: number) => boolean): Hit[] {
    if (vector.length !== this.dimensions) {
      throw new ChatbotError('input-invalid', `Query vector has ${vector.length} numbers; the index holds ${this.dimensions}-dimension vectors.`);
    }
    const allowed = filter ? this.allowedLabels(filter) : undefined;
    const candidates = allowed?.length ?? this.liveChunks;
    if (this.graphPoints > 0 && ExactVectorSearch.cost(vector, candidates) > this.exactSearchBudget) {
      const graph = this.loadedGraph(false);
      if (graph && !allowed) return graph.search(vector, k);
      if (graph && allowed) {
        const accepted = new Uint8Array(this.chunks.length);
        for (const label of allowed) accepted[label] = 1;
        return graph.search(vector, k, (label) => accepted[label] === 1);
      }
    }
    return this.exact.search(vector, k, allowed);
  }

  lexicalSearch(query: WeightedTerm[], k: number, filter?: (label: number) => boolean): Hit[] {
    if (!filter) return this.bm25.search(query, k);
    const allowed = this.allowedLabels(filter);
    return this.bm25.search(query, k, allowed.length <= this.liveChunks * FEW_LABELS_SHARE ? { only: allowed } : { filter });
  }

  /**
   * The live labels a filter accepts, in order. Remembered per filter function, because a retriever builds one filter
   * per question and hands it to both searches: the second search then costs no filter calls at all.
   */
  private allowedLabels(filter: (label: number) => boolean): number[] {
    let allowed = this.allowedByFilter.get(filter);
    if (!allowed) {
      allowed = [];
      for (let label = 0; label < this.chunks.length; label += 1) {
        if (this.chunks[label] !== undefined && filter(label)) allowed.push(label);
      }
      this.allowedByFilter.set(filter, allowed);
    }
    return allowed;
  }

  /** The graph, reading it on first use; `required` turns a read failure into ChatbotError('index-corrupt'). */
  private loadedGraph(required: boolean): VectorIndex | undefined {
    if (!this.graph && this.graphFile) {
      try {
        this.graph = VectorIndex.load(this.graphFile, this.dimensions);
        if (this.graph.count !== this.graphPoints) {
          throw damaged(this.graphFile, `the vector graph has ${this.graph.count} points, the manifest says ${this.graphPoints}`);
        }
      } catch (error) {
        this.graph = undefined;
        if (required) throw error;
        return undefined;
      }
    }
    return this.graph;
  }

  /** Stored data of one article, for diffing. */
  stored(id: string): StoredArticle | undefined {
    return this.byId.get(id);
  }

  /** Removes an article and hides its chunks from every search. */
  removeArticle(id: string): void {
    const article = this.byId.get(id);
    if (!article) return;
    const graph = this.loadedGraph(true);
    for (const label of article.labels) {
      this.bm25.remove(label);
      this.exact.remove(label);
      graph?.remove(label);
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

  /**
   * Keeps an hnsw graph only when searches would otherwise be slow: when a typical query of this embedder (`probe`) times
   * the live chunks exceeds the exact-scan budget. A new graph is built from the stored vectors (nothing is re-embedded).
   */
  planGraph(probe: ArrayLike<number>, liveChunks: number): void {
    const wanted = ExactVectorSearch.cost(probe, liveChunks) > this.exactSearchBudget;
    if (!wanted) {
      this.graph = undefined;
      this.graphFile = undefined;
      this.graphPoints = 0;
      return;
    }
    if (this.loadedGraph(true)) return;
    const graph = VectorIndex.create(this.dimensions, liveChunks);
    for (let label = 0; label < this.chunks.length; label += 1) {
      if (this.chunks[label] !== undefined && label < this.exact.labelCount) graph.add(label, this.exact.vector(label));
    }
    this.graph = graph;
  }

  /** Stores a chunk's vector for exact search and, when there is one, the graph. */
  setVector(label: number, vector: ArrayLike<number>): void {
    this.exact.set(label, vector);
    this.graph?.add(label, vector);
  }

  /** True when enough chunks were removed that relabelling pays off. */
  needsCompaction(): boolean {
    const removed = this.chunks.length - this.liveChunks;
    return removed > 0 && removed > COMPACT_SHARE * this.chunks.length;
  }

  /** A copy with labels 0..n-1 built from the stored vectors (nothing is re-embedded); its graph is planned again. */
  compacted(probe: ArrayLike<number>): StoredIndex {
    const copy = StoredIndex.empty(this.embedderName, this.dimensions, this.liveChunks, { exactSearchBudget: this.exactSearchBudget });
    for (const article of this.byId.values()) {
      const chunks = article.labels.map((label) => this.chunks[label]!);
      const vectors = article.labels.map((label) => this.exact.vector(label));
      const work = copy.addArticle({ ...article, labels: [] }, chunks);
      work.forEach(({ label }, index) => copy.exact.set(label, vectors[index]!));
    }
    copy.planGraph(probe, copy.liveChunks);
    return copy;
  }

  /** Writes this index as a new version of `indexDir` and makes it live atomically. */
  async save(indexDir: string, folder: FolderState): Promise<void> {
    const graph = this.loadedGraph(true);
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
      vectors: this.exact.toRows(labelCount),
      // UTF-16 rather than UTF-8: a third larger, but decoding it at cold start is several times faster.
      texts: new Uint8Array(Buffer.from(articles.map((article) => article.text).join(''), 'utf16le')),
      ...this.bm25.toSections(),
    };
    await writeSections(join(version.folder, DATA_FILE), sections);
    this.graphPoints = graph?.count ?? 0;
    if (graph) {
      const graphPath = join(version.folder, GRAPH_FILE);
      graph.save(graphPath);
      await syncFile(graphPath);
    }
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
      graphPoints: this.graphPoints,
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
