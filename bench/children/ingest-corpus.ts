import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { childOptions, peakRssMegabytes, tellParent } from '../child-process.js';
import { isEntryPoint } from '../entry-point.js';
import { factsToKeep } from '../../src/facts/extract-facts.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { updateIndex } from '../../src/search/search-index.js';

/** Where the corpus is and where its index goes (a fresh folder: the first pass builds everything). */
export interface IngestOptions {
  dataDir: string;
  indexDir: string;
}

/** What building the index cost, and what bringing it up to date again cost when nothing changed. */
export interface IngestReport {
  articles: number;
  chunks: number;
  skippedFiles: number;
  seconds: number;
  chunksPerSecond: number;
  /** Peak RSS of the process right after the first ingest. */
  peakRssMegabytes: number;
  /** Unchanged files (the usual case: articles written well before the update). */
  reingestSeconds: number;
  /** Should be 0: an unchanged corpus embeds nothing. */
  reingestChunksEmbedded: number;
  /** Every file touched but none changed (a copy or checkout): contents must be read and compared. */
  touchedReingestSeconds: number;
  touchedReingestChunksEmbedded: number;
}

/**
 * Ingests the corpus into an empty index with the offline embedder, then runs the incremental update again twice:
 * with every file as it was, and after touching every file without changing it.
 */
export async function ingestCorpus(options: IngestOptions): Promise<IngestReport> {
  const embedder = new HashingEmbedder();
  // As `hoiphuong ingest` does: the facts are kept with the version, so the serving run opens it without reading articles.
  const ingest = () => updateIndex({ dataDir: options.dataDir, indexDir: options.indexDir, embedder, extract: factsToKeep });
  const started = performance.now();
  const first = await ingest();
  const seconds = (performance.now() - started) / 1_000;
  const articles = first.index.articles();
  const chunks = articles.reduce((sum, article) => sum + first.index.chunkLabels(article.id).length, 0);
  const peak = peakRssMegabytes();
  const again = performance.now();
  const second = await ingest();
  const reingestSeconds = (performance.now() - again) / 1_000;
  await touchEvery(options.dataDir, new Date(Date.UTC(2026, 0, 1)));
  const touched = performance.now();
  const third = await ingest();
  return {
    articles: articles.length,
    chunks,
    skippedFiles: first.summary.errors.length,
    seconds: round(seconds),
    chunksPerSecond: Math.round(chunks / seconds),
    peakRssMegabytes: peak,
    reingestSeconds: round(reingestSeconds),
    reingestChunksEmbedded: second.summary.chunksEmbedded,
    touchedReingestSeconds: round((performance.now() - touched) / 1_000),
    touchedReingestChunksEmbedded: third.summary.chunksEmbedded,
  };
}

/** Sets every file's modification time without changing its content. */
async function touchEvery(folder: string, time: Date): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await touchEvery(path, time);
    else await utimes(path, time, time);
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 1_000) / 1_000;
}

if (isEntryPoint(import.meta.url)) {
  tellParent(await ingestCorpus(childOptions<IngestOptions>()));
}
