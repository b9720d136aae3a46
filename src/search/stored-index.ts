import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BoundedMap } from '../core/bounded-map.js';
import { ChatbotError, type ArticleError } from '../core/errors.js';
import type { ArticleMeta, Chunk } from '../core/types.js';
import { Bm25Index, MAX_BM25_LABEL } from './bm25-index.js';
import { ExactVectorSearch, FileVectorRows } from './exact-vector-search.js';
import { ArticleList, type ListedArticle } from './article-list.js';
import type { FileStamp } from './file-stamps.js';
import { readFolderRecord, writeFolderRecord, type FolderRecord } from './folder-record.js';
import {
  beginVersion,
  checksumMatches,
  currentVersionFolder,
  fileChecksum,
  readSections,
  syncFile,
  writeSections,
  writeTextFile,
  type PendingVersion,
  type Section,
  type SectionParts,
} from './index-files.js';
import { lexicalTerms, type WeightedTerm } from './lexical-terms.js';
import { RandomAccessFile } from './random-access-file.js';
import { TermVectors } from './term-vectors.js';
import type { Hit, LabelFilter } from './hit.js';
import { utf8Offsets } from './utf8-offsets.js';
import { VectorIndex } from './vector-index.js';

/** Bumped whenever the files' layout changes; an index of another format is rebuilt. */
export const FORMAT_VERSION = 6;
const MANIFEST_FILE = 'manifest.json';
const DATA_FILE = 'index.bin';
/** The articles' metadata in columns (`ArticleList`). */
const ARTICLES_FILE = 'articles.bin';
/** What the articles folder looked like (`FolderRecord`): replaced on its own when only file times changed. */
const FOLDER_FILE = 'folder.bin';
/** Article texts, UTF-8, one after another; chunks are read from it when a search returns them. */
const TEXTS_FILE = 'texts.utf8';
/** Full-precision unit vectors, row-major float32, read to rescore a search's best candidates. */
const VECTORS_FILE = 'vectors.f32';
const GRAPH_FILE = 'vectors.hnsw';
/** Term vectors learned from this version's corpus (`CorpusEmbedder`); the chunk vectors were made with them. */
const TERMS_FILE = 'terms.bin';
/** BM25 postings of chunks added since the last merge, while an index is built (deleted before the version is saved). */
const BM25_PENDING_FILE = 'bm25-pending.u32';
/** What ingest extracted from each article besides its chunks (the fact sheets' facts), by article id: JSON. */
const EXTRACTS_FILE = 'extracts.json';
/** Files written beside the live ones while relabelling, then renamed over them. */
const COMPACTING_SUFFIX = '.compacting';
/** Decoded chunk texts kept in memory: a question reads a few dozen, a busy server a few hundred. */
const CACHED_TEXTS = 4_096;
/** Byte offsets into the texts file are stored as 32-bit numbers. */
const MAX_TEXT_BYTES = 2 ** 32 - 1;
/**
 * Multiply-adds below which a vector search is exact: about 5 ms of scanning with the WebAssembly SIMD column scan
 * (4.8 M multiply-adds took 1.0 ms at 100k chunks in the bench). Sparse queries (the hashing embedder's, ~50 non-zero
 * dimensions) and the corpus embedder's (those plus 64 learned ones) stay under it at 100k chunks; dense ones (a neural
 * embedder's 1,536 dimensions) go to hnsw past ~13k chunks.
 */
export const EXACT_SEARCH_BUDGET = 20_000_000;
/**
 * A query filling at most this share of the dimensions is sparse: the column scan touches only its non-zero columns,
 * so an exact search stays a few milliseconds a million chunks (the hashing embedder fills ~10 %, the corpus embedder
 * ~20 %), and an hnsw graph would cost gigabytes at ingest and start for worse recall (0.56–0.81 recall@10 measured on
 * those vectors at 1M chunks). Dense queries (a neural embedder's) fill every dimension.
 */
export const SPARSE_QUERY_SHARE = 0.5;

/** Tuning of vector search; tests lower the budget to exercise the hnsw path on a small corpus. */
export interface VectorSearchOptions {
  /** Multiply-adds an exact scan may take before hnsw is used instead (default `EXACT_SEARCH_BUDGET`). */
  exactSearchBudget?: number;
}

/** How `StoredIndex.load` reads a version folder. */
export interface LoadOptions extends VectorSearchOptions {
  /**
   * False when this process already verified the folder's checksums (an answer thread opening the version its server
   * opened): versions are never changed once published, and hashing every data file again costs a cold start.
   */
  verifyChecksums?: boolean;
  /**
   * Reads `index.bin` into shared memory and keeps its sections as `sharedSections`, for answer threads to use
   * without a copy of their own (a serving process's live index, never updated in place).
   */
  shareSections?: boolean;
  /** The sections of `index.bin` as another thread of this process read them (shared memory), instead of reading the file. */
  sections?: ReadonlyMap<string, Section>;
}
/** A filter leaving at most this share of chunks makes BM25 score just those chunks instead of every posting. */
const FEW_LABELS_SHARE = 0.05;
/** When removed chunks exceed this share of all labels, the next update relabels them and rebuilds the graph. */
const COMPACT_SHARE = 0.25;

/** The small JSON file describing a version: written last, so a version with a manifest is complete. */
export interface Manifest {
  format: number;
  embedder: { name: string; dimensions: number };
  /** One past the highest label ever used; the label columns have this length. */
  labelCount: number;
  /** Points added to the hnsw graph (removed ones included); 0 when the version has no graph. */
  graphPoints: number;
  /** Articles in the version's article list (`articles.bin`). */
  articleCount: number;
  /** Checksum of each data file of the version (`fileChecksum`), checked when it is loaded: a file changed on disk is never served. */
  checksums: Record<string, string>;
  /** Present when the version holds learned term vectors (`terms.bin`). */
  learned?: LearnedState;
}

/** When the term vectors were learned, and how much the corpus changed since: what decides the next refit. */
export interface LearnedState {
  /** Live chunks when the vectors were learned. */
  fittedChunks: number;
  /** Chunks added or removed since, embedded with the same vectors. */
  changedChunks: number;
}

/** What the articles folder looked like when an index was built from it. */
export interface FolderState {
  files: FileStamp[] | undefined;
  stampedAtMs: number;
  errors: ArticleError[];
  maxArticleBytes?: number;
}

/** An article with what the index keeps of it: its text stays in the texts file. */
export interface StoredArticle {
  /** Position in the index's article list, which chunk labels point to. */
  slot: number;
  meta: ArticleMeta;
  file: string;
  contentHash: string;
  textStart: number;
  textBytes: number;
  labels: number[];
}

/** An article read from a version's article list: its file and content hash are decoded only when an update asks. */
class LoadedArticle implements StoredArticle {
  readonly labels: number[] = [];
  private movedTo: string | undefined;

  constructor(
    readonly slot: number,
    readonly meta: ArticleMeta,
    private readonly list: ArticleList,
    readonly textStart: number,
    readonly textBytes: number,
  ) {}

  get file(): string {
    return this.movedTo ?? this.list.file(this.slot);
  }

  set file(file: string) {
    this.movedTo = file;
  }

  get contentHash(): string {
    return this.list.contentHash(this.slot);
  }
}

/** What a version records of the articles folder (`FolderRecord`), from an update's view of it. */
function folderRecord(folder: FolderState): FolderRecord {
  return {
    ...(folder.files ? { files: folder.files, stampedAtMs: folder.stampedAtMs } : {}),
    ...(folder.maxArticleBytes ? { maxArticleBytes: folder.maxArticleBytes } : {}),
    skipped: folder.errors.map((error) => ({
      file: error.file,
      ...(error.field !== undefined ? { field: error.field } : {}),
      reason: error.message.startsWith(`${error.file}: `) ? error.message.slice(error.file.length + 2) : error.message,
    })),
  };
}

/** What a version recorded of the articles folder; undefined when it has no readable record (the folder is then read whole). */
export async function readFolderState(versionFolder: string): Promise<FolderRecord | undefined> {
  return readFolderRecord(join(versionFolder, FOLDER_FILE));
}

/** An article to add, with its text and its chunks' places in it. */
export interface NewArticle {
  meta: ArticleMeta;
  file: string;
  contentHash: string;
  text: string;
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
export function indexedText(article: ArticleMeta, text: string): string {
  return [article.title, article.place, text].filter(Boolean).join('\n');
}

function damaged(folder: string, detail: string): ChatbotError {
  return new ChatbotError('index-corrupt', `The index in ${folder} is damaged (${detail}); run \`hoiphuong ingest\` to rebuild it.`);
}

/** The texts file with a cache of recently decoded chunks. */
class ArticleTexts {
  private readonly cache = new BoundedMap<string, string>(CACHED_TEXTS);

  constructor(public file: RandomAccessFile) {}

  /** The text stored between two byte offsets. */
  text(start: number, end: number): string {
    const key = `${start}:${end}`;
    let text = this.cache.get(key);
    if (text === undefined) {
      text = this.file.read(start, end).toString('utf8');
      this.cache.set(key, text);
    }
    return text;
  }

  /** Appends a text and returns where it starts and how many bytes it took. */
  append(text: string): { start: number; bytes: number } {
    const encoded = Buffer.from(text, 'utf8');
    if (this.file.size + encoded.length > MAX_TEXT_BYTES) {
      throw new ChatbotError('input-invalid', `The article texts exceed ${MAX_TEXT_BYTES} bytes, more than one index holds.`);
    }
    return { start: this.file.append(encoded), bytes: encoded.length };
  }
}

/**
 * A chunk whose text is read from the texts file (through its cache) when asked for; a plain object otherwise, so it
 * compares and serialises like any chunk.
 */
function storedChunk(articleId: string, ordinal: number, start: number, end: number, textStart: number, textEnd: number, texts: ArticleTexts): Chunk {
  return {
    id: `${articleId}#${ordinal}`,
    articleId,
    ordinal,
    start,
    end,
    get text(): string {
      return texts.text(textStart, textEnd);
    },
  };
}

/** Growable columns of numbers by chunk label: what the index keeps of each chunk, about 24 bytes. */
class ChunkColumns {
  article: Int32Array = new Int32Array(0);
  ordinal: Int32Array = new Int32Array(0);
  start: Int32Array = new Int32Array(0);
  end: Int32Array = new Int32Array(0);
  textStart: Uint32Array = new Uint32Array(0);
  textEnd: Uint32Array = new Uint32Array(0);
  length = 0;

  /** Takes over columns read from an index file. */
  static of(columns: Pick<ChunkColumns, 'article' | 'ordinal' | 'start' | 'end' | 'textStart' | 'textEnd'>, length: number): ChunkColumns {
    return Object.assign(new ChunkColumns(), columns, { length });
  }

  /** Appends a chunk and returns its label. */
  push(article: number, ordinal: number, start: number, end: number, textStart: number, textEnd: number): number {
    const label = this.length;
    if (label === this.article.length) this.grow(Math.max(1024, Math.ceil(label * 1.5)));
    this.article[label] = article;
    this.ordinal[label] = ordinal;
    this.start[label] = start;
    this.end[label] = end;
    this.textStart[label] = textStart;
    this.textEnd[label] = textEnd;
    this.length += 1;
    return label;
  }

  /** The columns trimmed to the labels in use, as the index file keeps them. */
  toSections(): Record<string, Section> {
    return {
      chunkArticle: this.article.slice(0, this.length),
      chunkOrdinal: this.ordinal.slice(0, this.length),
      chunkStart: this.start.slice(0, this.length),
      chunkEnd: this.end.slice(0, this.length),
      chunkTextStart: this.textStart.slice(0, this.length),
      chunkTextEnd: this.textEnd.slice(0, this.length),
    };
  }

  private grow(capacity: number): void {
    const grown = <T extends Int32Array | Uint32Array>(column: T, make: (length: number) => T): T => {
      const copy = make(capacity);
      copy.set(column);
      return copy;
    };
    this.article = grown(this.article, (length) => new Int32Array(length));
    this.ordinal = grown(this.ordinal, (length) => new Int32Array(length));
    this.start = grown(this.start, (length) => new Int32Array(length));
    this.end = grown(this.end, (length) => new Int32Array(length));
    this.textStart = grown(this.textStart, (length) => new Uint32Array(length));
    this.textEnd = grown(this.textEnd, (length) => new Uint32Array(length));
  }
}

/** True when the version keeps what ingest extracted from each article (`UpdateIndexOptions.extract`). */
export function keepsExtracts(manifest: Manifest | undefined): boolean {
  return manifest?.checksums[EXTRACTS_FILE] !== undefined;
}

/** Every data file the manifest lists must exist and hash as recorded; the graph must be listed when the version has one. */
async function verifyChecksums(folder: string, manifest: Manifest): Promise<void> {
  const required = [
    DATA_FILE,
    ARTICLES_FILE,
    TEXTS_FILE,
    VECTORS_FILE,
    ...(manifest.graphPoints > 0 ? [GRAPH_FILE] : []),
    ...(manifest.learned ? [TERMS_FILE] : []),
    ...(manifest.checksums[EXTRACTS_FILE] !== undefined ? [EXTRACTS_FILE] : []),
  ];
  for (const file of required) {
    const expected = manifest.checksums[file];
    if (typeof expected !== 'string') throw damaged(folder, `the manifest has no checksum for ${file}`);
    let matches: boolean;
    try {
      matches = await checksumMatches(join(folder, file), expected);
    } catch (error) {
      throw damaged(folder, `${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!matches) throw damaged(folder, `${file} does not match its checksum: it was changed or damaged on disk`);
  }
}

/** Reads and checks the manifest of the live version; undefined when no version was ever committed. */
export async function readManifest(indexDir: string): Promise<{ folder: string; manifest: Manifest } | undefined> {
  const folder = await currentVersionFolder(indexDir);
  if (folder === undefined) return undefined;
  return { folder, manifest: await readVersionManifest(folder) };
}

/** Reads and checks the manifest of one version folder, live or not. */
export async function readVersionManifest(folder: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(folder, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ChatbotError('index-corrupt', `The index manifest in ${folder} is unreadable (${reason}); run \`hoiphuong ingest\` to rebuild it.`, { cause: error });
  }
  if (
    typeof manifest !== 'object' ||
    manifest === null ||
    // An older format is left for `assertCompatible`, which says it must be rebuilt rather than that it is damaged.
    (manifest.format === FORMAT_VERSION && !Number.isInteger(manifest.articleCount)) ||
    typeof manifest.embedder?.name !== 'string' ||
    !Number.isInteger(manifest.labelCount) ||
    typeof manifest.checksums !== 'object' ||
    manifest.checksums === null
  ) {
    throw damaged(folder, 'the manifest is incomplete');
  }
  return manifest;
}

/**
 * The index: article metadata and chunk positions, BM25 postings and 8-bit vector codes in memory; article texts and
 * full-precision vectors in files read at offsets; for dense-query embedders over many chunks, an hnsw graph. All are
 * keyed by chunk label. An update writes into a new version folder (`prepareUpdate`) and `save` makes it live.
 */
export class StoredIndex {
  private readonly byId = new Map<string, StoredArticle>();
  /** Articles by slot (the position a chunk's article column holds); removed ones leave a hole until saved. */
  private slots: (StoredArticle | undefined)[] = [];
  private columns = new ChunkColumns();
  /** Chunks recently asked for, so a question's passages are built once. */
  private readonly chunkCache = new BoundedMap<number, Chunk>(CACHED_TEXTS);
  private metaList: ArticleMeta[] | undefined;
  /** The graph, loaded on first use; undefined when this index has none. */
  private graph: VectorIndex | undefined;
  /** Where to load the graph from when it is not loaded yet. */
  private graphFile: string | undefined;
  private graphPoints = 0;
  private readonly exactSearchBudget: number;
  private readonly allowedByFilter = new WeakMap<LabelFilter, number[]>();
  /** The version folder being written, while the index is being updated. */
  private pending: PendingVersion | undefined;
  /** Checksums of the live version's data files, written into every manifest of that version. */
  private checksums: Record<string, string> = {};
  /** The version folder this index was loaded from; undefined for one being built. */
  folder: string | undefined;
  /** The sections of `index.bin` in shared memory, when loaded with `shareSections` and not updated since. */
  sharedSections: ReadonlyMap<string, Section> | undefined;
  /** Term vectors learned from this corpus, saved with it; undefined for embedders that learn nothing. */
  termVectors: TermVectors | undefined;
  learned: LearnedState | undefined;
  /** What ingest extracted from each article (the facts), saved with the version; undefined when it was not asked to. */
  private extracts: Map<string, readonly unknown[]> | undefined;

  private constructor(
    readonly embedderName: string,
    readonly dimensions: number,
    private readonly bm25: Bm25Index,
    private exact: ExactVectorSearch,
    private readonly texts: ArticleTexts,
    private readonly rows: FileVectorRows,
    options: VectorSearchOptions,
  ) {
    this.exactSearchBudget = options.exactSearchBudget ?? EXACT_SEARCH_BUDGET;
  }

  /** An empty index being written as the next version of `indexDir`. */
  static async create(indexDir: string, embedderName: string, dimensions: number, capacity: number, options: VectorSearchOptions = {}): Promise<StoredIndex> {
    const version = await beginVersion(indexDir);
    const index = StoredIndex.inFolder(version.folder, '', embedderName, dimensions, capacity, options);
    index.pending = version;
    return index;
  }

  /** An empty index whose files are created in `folder`, with `suffix` after their names. */
  private static inFolder(folder: string, suffix: string, embedderName: string, dimensions: number, capacity: number, options: VectorSearchOptions): StoredIndex {
    const rows = new FileVectorRows(RandomAccessFile.create(join(folder, VECTORS_FILE + suffix)), dimensions);
    const texts = new ArticleTexts(RandomAccessFile.create(join(folder, TEXTS_FILE + suffix)));
    const bm25 = new Bm25Index(join(folder, BM25_PENDING_FILE + suffix));
    return new StoredIndex(embedderName, dimensions, bm25, new ExactVectorSearch(dimensions, capacity, rows), texts, rows, options);
  }

  /** Reads a committed version folder; throws ChatbotError('index-corrupt') when any part is missing or inconsistent. */
  static async load(folder: string, manifest: Manifest, options: LoadOptions = {}): Promise<StoredIndex> {
    const { name, dimensions } = manifest.embedder;
    const labelCount = manifest.labelCount;
    const rows = new FileVectorRows(RandomAccessFile.openForReading(join(folder, VECTORS_FILE)), dimensions);
    // The vector codes are read straight into the scan's memory, unless the sections are shared with answer threads
    // (each takes the codes from the shared section).
    const sharing = options.shareSections === true || options.sections !== undefined;
    const codes = sharing ? undefined : new ExactVectorSearch(dimensions, labelCount, rows);
    const targets = (section: string, bytes: number) => (codes && section === 'vectorCodes' && bytes === dimensions * labelCount ? codes.codeTargets(labelCount) : undefined);
    // The data files are read while the others are hashed: the reads wait on the disk, the hashing on the processor.
    const verified = options.verifyChecksums === false ? undefined : verifyChecksums(folder, manifest);
    const read = options.sections ? Promise.resolve(new Map(options.sections)) : readSections(join(folder, DATA_FILE), { shared: options.shareSections === true, targets });
    const [sections, articleSections] = await Promise.all([read, readSections(join(folder, ARTICLES_FILE)), verified]);
    const list = ArticleList.fromSections(articleSections, manifest.articleCount);
    const column = <T extends Int32Array | Uint32Array>(key: string, type: new (length: number) => T): T => {
      const section = sections.get(key);
      if (!(section instanceof type) || section.length !== labelCount) throw damaged(folder, `column ${key} is missing or truncated`);
      return section;
    };
    const columns = ChunkColumns.of(
      {
        article: column('chunkArticle', Int32Array),
        ordinal: column('chunkOrdinal', Int32Array),
        start: column('chunkStart', Int32Array),
        end: column('chunkEnd', Int32Array),
        textStart: column('chunkTextStart', Uint32Array),
        textEnd: column('chunkTextEnd', Uint32Array),
      },
      labelCount,
    );
    const texts = new ArticleTexts(RandomAccessFile.openForReading(join(folder, TEXTS_FILE)));
    if (rows.count < labelCount) throw damaged(folder, 'the stored vectors are truncated');
    const exact = ExactVectorSearch.fromSections(sections, dimensions, labelCount, rows, codes);
    const index = new StoredIndex(name, dimensions, Bm25Index.fromSections(sections), exact, texts, rows, options);
    if (manifest.learned) {
      index.termVectors = TermVectors.fromSections(await readSections(join(folder, TERMS_FILE)));
      index.learned = { ...manifest.learned };
    }
    if (manifest.graphPoints > 0) {
      index.graphFile = join(folder, GRAPH_FILE);
      index.graphPoints = manifest.graphPoints;
    }
    for (let position = 0; position < list.count; position += 1) {
      const textStart = list.textStart(position);
      const textBytes = list.textBytes(position);
      const meta = list.meta(position);
      if (!Number.isInteger(textStart) || !Number.isInteger(textBytes) || textStart + textBytes > texts.file.size) {
        throw damaged(folder, `the text of ${meta.id} is missing`);
      }
      const article = new LoadedArticle(position, meta, list, textStart, textBytes);
      index.slots.push(article);
      index.byId.set(meta.id, article);
    }
    for (let label = 0; label < labelCount; label += 1) {
      const slot = columns.article[label]!;
      if (slot < 0) continue;
      const article = index.slots[slot];
      const textStart = columns.textStart[label]!;
      const textEnd = columns.textEnd[label]!;
      if (!article || textStart < article.textStart || textEnd < textStart || textEnd > article.textStart + article.textBytes) {
        throw damaged(folder, `chunk ${label} points outside its article`);
      }
      article.labels.push(label);
    }
    index.columns = columns;
    if (manifest.checksums[EXTRACTS_FILE] !== undefined) {
      try {
        index.extracts = new Map(Object.entries(JSON.parse(await readFile(join(folder, EXTRACTS_FILE), 'utf8')) as Record<string, unknown[]>));
      } catch (error) {
        throw damaged(folder, `${EXTRACTS_FILE} is unreadable: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    index.checksums = { ...manifest.checksums };
    index.folder = folder;
    if (options.shareSections || options.sections) index.sharedSections = sections;
    return index;
  }

  unigramFrequencies(): Map<string, number> {
    return this.bm25.unigramFrequencies();
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
    const { columns } = this;
    if (!(label >= 0 && label < columns.length)) return undefined;
    const article = this.slots[columns.article[label]!];
    if (!article) return undefined;
    let chunk = this.chunkCache.get(label);
    if (!chunk) {
      chunk = storedChunk(article.meta.id, columns.ordinal[label]!, columns.start[label]!, columns.end[label]!, columns.textStart[label]!, columns.textEnd[label]!, this.texts);
      this.chunkCache.set(label, chunk);
    }
    return chunk;
  }

  /** True when a label holds a chunk of a live article. */
  private isLive(label: number): boolean {
    return this.columns.article[label]! >= 0;
  }

  chunkLabels(articleId: string): number[] {
    return [...(this.byId.get(articleId)?.labels ?? [])];
  }

  /**
   * Exact when the scan is cheap (a sparse query, or few allowed chunks), hnsw otherwise; an unreadable graph (say, its
   * version was replaced by a concurrent ingest) falls back to the exact scan rather than failing the question.
   */
  vectorSearch(vector: number[], k: number, filter?: LabelFilter): Hit[] {
    if (vector.length !== this.dimensions) {
      throw new ChatbotError('input-invalid', `Query vector has ${vector.length} numbers; the index holds ${this.dimensions}-dimension vectors.`);
    }
    const allowed = filter ? this.allowedLabels(filter) : undefined;
    const candidates = allowed?.length ?? this.liveChunks;
    if (this.graphPoints > 0 && ExactVectorSearch.cost(vector, candidates) > this.exactSearchBudget) {
      const graph = this.loadedGraph(false);
      if (graph && !allowed) return graph.search(vector, k);
      if (graph && allowed) {
        const accepted = new Uint8Array(this.columns.length);
        for (const label of allowed) accepted[label] = 1;
        return graph.search(vector, k, (label) => accepted[label] === 1);
      }
    }
    return this.exact.search(vector, k, allowed);
  }

  lexicalSearch(query: WeightedTerm[], k: number, filter?: LabelFilter): Hit[] {
    if (!filter) return this.bm25.search(query, k);
    const allowed = this.allowedLabels(filter);
    if (allowed.length <= this.liveChunks * FEW_LABELS_SHARE) return this.bm25.search(query, k, { only: allowed });
    const accepted = typeof filter === 'function' ? filter : (label: number) => filter.has(label);
    return this.bm25.search(query, k, { filter: accepted });
  }

  /**
   * The live labels a filter accepts, in order. Remembered per filter, because a retriever builds one filter per
   * question and hands it to both searches: the second search then costs nothing here.
   */
  private allowedLabels(filter: LabelFilter): number[] {
    let allowed = this.allowedByFilter.get(filter);
    if (!allowed) {
      if (typeof filter === 'function') {
        allowed = [];
        for (let label = 0; label < this.columns.length; label += 1) {
          if (this.isLive(label) && filter(label)) allowed.push(label);
        }
      } else {
        allowed = [...filter].filter((label) => label >= 0 && label < this.columns.length && this.isLive(label)).sort((left, right) => left - right);
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

  /**
   * Starts the next version of `indexDir` from this one: its texts and vectors are copied into the new version's folder
   * (the live version stays as it is), and its graph, if any, is loaded to take new points. A no-op when already begun.
   */
  async prepareUpdate(indexDir: string): Promise<void> {
    if (this.pending) return;
    // Threads may be reading the shared sections: an update writes into them, so it never starts from a shared index.
    if (this.sharedSections) throw new ChatbotError('internal', 'An index whose sections answer threads share cannot be updated in place; load the version again to update it.');
    const version = await beginVersion(indexDir);
    this.loadedGraph(true);
    const texts = RandomAccessFile.copy(this.texts.file, join(version.folder, TEXTS_FILE));
    const vectors = RandomAccessFile.copy(this.rows.file, join(version.folder, VECTORS_FILE));
    this.texts.file.close();
    this.rows.file.close();
    this.texts.file = texts;
    this.rows.file = vectors;
    this.pending = version;
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
      this.columns.article[label] = -1;
      this.chunkCache.delete(label);
    }
    this.slots[article.slot] = undefined;
    this.byId.delete(id);
    this.extracts?.delete(id);
    this.metaList = undefined;
  }

  /** What ingest extracted from each live article, by id, when this version keeps extracts. */
  articleExtracts(): ReadonlyMap<string, readonly unknown[]> | undefined {
    return this.extracts;
  }

  /** True when the article's extracts are kept (an index without extracts has none). */
  hasExtracts(id: string): boolean {
    return this.extracts?.has(id) ?? false;
  }

  /** Keeps what ingest extracted from an article with the next version saved. */
  setExtracts(id: string, extracted: readonly unknown[]): void {
    (this.extracts ??= new Map()).set(id, extracted);
  }

  /** The next version saved keeps no extracts (an update that was not asked to extract cannot keep them whole). */
  dropExtracts(): void {
    this.extracts = undefined;
  }

  /** The article's file, relative to the articles folder it was read from. */
  articleFile(id: string): string | undefined {
    return this.byId.get(id)?.file;
  }

  /** Records a moved file whose content did not change. */
  moveArticle(id: string, file: string): void {
    const article = this.byId.get(id);
    if (article) article.file = file;
  }

  /**
   * Adds an article's text to the texts file and its chunks (slices of `text`) to BM25 under fresh labels; their vectors
   * come later through `setVector`. Needs `prepareUpdate` (or `create`) first.
   */
  addArticle(article: NewArticle, chunks: readonly Omit<Chunk, 'id' | 'articleId'>[]): Array<{ label: number; text: string }> {
    if (!this.pending) throw new ChatbotError('internal', 'The index must be prepared for an update before articles are added.');
    if (this.columns.length + chunks.length - 1 > MAX_BM25_LABEL) {
      throw new ChatbotError('input-invalid', `The index cannot hold more than ${MAX_BM25_LABEL} chunks.`);
    }
    const { start: textStart, bytes: textBytes } = this.texts.append(article.text);
    const slot = this.slots.length;
    const stored: StoredArticle = { slot, meta: article.meta, file: article.file, contentHash: article.contentHash, textStart, textBytes, labels: [] };
    this.slots.push(stored);
    this.byId.set(article.meta.id, stored);
    this.metaList = undefined;
    const work: Array<{ label: number; text: string }> = [];
    // Byte offsets of every chunk boundary in one pass over the text (measuring each from the start was quadratic).
    const offsets = utf8Offsets(article.text, chunks.flatMap((chunk) => [chunk.start, chunk.end]));
    const byteOffset = (position: number): number => offsets.get(position)!;
    for (const chunk of chunks) {
      const label = this.columns.push(slot, chunk.ordinal, chunk.start, chunk.end, textStart + byteOffset(chunk.start), textStart + byteOffset(chunk.end));
      stored.labels.push(label);
      const text = indexedText(article.meta, chunk.text);
      this.bm25.add(label, lexicalTerms(text));
      work.push({ label, text });
    }
    return work;
  }

  /**
   * Keeps an hnsw graph only when searches would otherwise be slow: when a typical query of this embedder (`probe`) is
   * dense (fills more than `SPARSE_QUERY_SHARE` of the dimensions) and, times the live chunks, exceeds the exact-scan
   * budget. A new graph is built from the stored vectors (nothing is re-embedded); a graph loaded by `prepareUpdate`
   * already took every new vector.
   */
  planGraph(probe: ArrayLike<number>, liveChunks: number): void {
    const cost = ExactVectorSearch.cost(probe, liveChunks);
    const wanted = cost > SPARSE_QUERY_SHARE * this.dimensions * liveChunks && cost > this.exactSearchBudget;
    if (!wanted) {
      this.graph = undefined;
      this.graphFile = undefined;
      this.graphPoints = 0;
      return;
    }
    if (this.loadedGraph(true)) return;
    const graph = VectorIndex.create(this.dimensions, liveChunks);
    for (let label = 0; label < this.columns.length; label += 1) {
      if (this.isLive(label) && label < this.exact.labelCount) graph.add(label, this.exact.vector(label));
    }
    this.graph = graph;
  }

  /** Records term vectors learned from the live chunks, which every chunk vector is then made with. */
  setTermVectors(model: TermVectors): void {
    // Every vector is about to be replaced: a graph of the old ones is dropped and planned again from the new.
    this.graph = undefined;
    this.graphFile = undefined;
    this.graphPoints = 0;
    this.termVectors = model;
    this.learned = { fittedChunks: this.liveChunks, changedChunks: 0 };
  }

  /** Every live chunk's label, in order. */
  liveLabels(): number[] {
    const labels: number[] = [];
    for (let label = 0; label < this.columns.length; label += 1) if (this.isLive(label)) labels.push(label);
    return labels;
  }

  /** What is embedded for a chunk: its article's title and place, then its text. */
  indexedText(label: number): string {
    const chunk = this.chunk(label);
    const article = chunk && this.byId.get(chunk.articleId);
    if (!chunk || !article) throw new ChatbotError('internal', `Chunk ${label} is not in the index.`);
    return indexedText(article.meta, chunk.text);
  }

  /** Stores a chunk's vector for exact search and, when there is one, the graph. */
  setVector(label: number, vector: ArrayLike<number>): void {
    this.exact.set(label, vector);
    this.graph?.add(label, vector);
  }

  /** True when enough chunks were removed that relabelling pays off. */
  needsCompaction(): boolean {
    const removed = this.columns.length - this.liveChunks;
    return removed > 0 && removed > COMPACT_SHARE * this.columns.length;
  }

  /**
   * A copy with labels 0..n-1 and without the removed articles' texts, built from the stored texts and vectors (nothing
   * is re-embedded) into the same pending version; its graph is planned again. This index is closed.
   */
  compacted(probe: ArrayLike<number>): StoredIndex {
    const pending = this.pending;
    if (!pending) throw new ChatbotError('internal', 'Only an index being updated can be compacted.');
    const copy = StoredIndex.inFolder(pending.folder, COMPACTING_SUFFIX, this.embedderName, this.dimensions, this.liveChunks, {
      exactSearchBudget: this.exactSearchBudget,
    });
    copy.pending = pending;
    copy.termVectors = this.termVectors;
    copy.learned = this.learned && { ...this.learned };
    copy.extracts = this.extracts;
    for (const article of this.byId.values()) {
      const text = this.texts.file.read(article.textStart, article.textStart + article.textBytes).toString('utf8');
      const { ordinal, start, end } = this.columns;
      const chunks = article.labels.map((label) => ({
        ordinal: ordinal[label]!,
        start: start[label]!,
        end: end[label]!,
        text: text.slice(start[label]!, end[label]!),
      }));
      const work = copy.addArticle({ meta: article.meta, file: article.file, contentHash: article.contentHash, text }, chunks);
      work.forEach(({ label }, position) => copy.exact.set(label, this.exact.vector(article.labels[position]!)));
    }
    this.texts.file.close();
    this.rows.file.close();
    this.bm25.dispose();
    for (const file of [copy.texts.file, copy.rows.file]) file.renameTo(file.path.slice(0, -COMPACTING_SUFFIX.length));
    this.pending = undefined;
    copy.planGraph(probe, copy.liveChunks);
    return copy;
  }

  /** Writes this index as a new version of `indexDir` and makes it live atomically. */
  async save(indexDir: string, folder: FolderState): Promise<void> {
    await this.prepareUpdate(indexDir);
    const version = this.pending!;
    const graph = this.loadedGraph(true);
    // Saved articles are numbered afresh (removed ones leave no hole), and the chunks' article column with them.
    const articles = [...this.byId.values()];
    const positions = new Int32Array(this.slots.length).fill(-1);
    articles.forEach((article, position) => (positions[article.slot] = position));
    const chunkSections = this.columns.toSections();
    const articleColumn = chunkSections['chunkArticle'] as Int32Array;
    for (let label = 0; label < articleColumn.length; label += 1) {
      if (articleColumn[label]! >= 0) articleColumn[label] = positions[articleColumn[label]!]!;
    }
    const labelCount = this.columns.length;
    // The article list and folder record first: their packed strings are garbage before the BM25 merge builds the
    // postings, the largest array of a first build, which a million chunks would otherwise hold beside them.
    await writeSections(join(version.folder, ARTICLES_FILE), ArticleList.toSections(articles.map((article) => this.listed(article))));
    await writeFolderRecord(join(version.folder, FOLDER_FILE), folderRecord(folder));
    const sections: Record<string, SectionParts> = {
      ...chunkSections,
      ...this.exact.toSections(labelCount),
      ...this.bm25.toSections(),
    };
    await writeSections(join(version.folder, DATA_FILE), sections);
    this.texts.file.sync();
    this.rows.file.sync();
    if (this.termVectors) await writeSections(join(version.folder, TERMS_FILE), this.termVectors.toSections());
    this.graphPoints = graph?.count ?? 0;
    if (graph) {
      const graphPath = join(version.folder, GRAPH_FILE);
      graph.save(graphPath);
      await syncFile(graphPath);
    }
    if (this.extracts) {
      // In the articles' order, so the same articles give the same file.
      const extracts = Object.fromEntries(articles.map((article) => [article.meta.id, this.extracts?.get(article.meta.id) ?? []]));
      await writeTextFile(join(version.folder, EXTRACTS_FILE), JSON.stringify(extracts));
    }
    const dataFiles = [DATA_FILE, ARTICLES_FILE, TEXTS_FILE, VECTORS_FILE, ...(graph ? [GRAPH_FILE] : []), ...(this.termVectors ? [TERMS_FILE] : []), ...(this.extracts ? [EXTRACTS_FILE] : [])];
    this.checksums = {};
    for (const file of dataFiles) this.checksums[file] = await fileChecksum(join(version.folder, file));
    await writeTextFile(join(version.folder, MANIFEST_FILE), JSON.stringify(this.manifest()));
    await version.commit();
    this.pending = undefined;
    this.folder = version.live;
  }

  /**
   * Replaces only the folder record of the live version (write, fsync, rename: atomic), for when the folder changed but
   * no article did (a moved or touched file); the data files and the manifest stay as they are.
   */
  async saveFolderState(versionFolder: string, folder: FolderState): Promise<void> {
    await writeFolderRecord(join(versionFolder, FOLDER_FILE), folderRecord(folder));
  }

  /** Every article's id, file and content hash: what an update compares the articles folder with. */
  listedFiles(): Array<{ id: string; file: string; contentHash: string }> {
    return [...this.byId.values()].map((article) => ({ id: article.meta.id, file: article.file, contentHash: article.contentHash }));
  }

  private listed(article: StoredArticle): ListedArticle {
    return { ...metaOf(article.meta), file: article.file, contentHash: article.contentHash, textStart: article.textStart, textBytes: article.textBytes };
  }

  private manifest(): Manifest {
    return {
      format: FORMAT_VERSION,
      embedder: { name: this.embedderName, dimensions: this.dimensions },
      labelCount: this.columns.length,
      graphPoints: this.graphPoints,
      articleCount: this.byId.size,
      checksums: this.checksums,
      ...(this.termVectors && this.learned ? { learned: this.learned } : {}),
    };
  }

}
