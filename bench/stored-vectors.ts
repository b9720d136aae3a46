import { join } from 'node:path';
import { currentVersionFolder, readSections } from '../src/search/index-files.js';

/**
 * The chunk vectors exactly as the live index stored them (row `label` of a labels × dimensions matrix), so the
 * alternatives are measured on the same embeddings without embedding everything again. Relies on the index layout of
 * src/search/search-index.ts (`index.bin`, section `vectors`); fails with the reason when that changes.
 */
export async function readStoredVectors(indexDir: string, dimensions: number): Promise<Float32Array> {
  const folder = await currentVersionFolder(indexDir);
  if (folder === undefined) throw new Error(`No committed index in ${indexDir}; ingest first.`);
  const vectors = (await readSections(join(folder, 'index.bin'))).get('vectors');
  if (!(vectors instanceof Float32Array) || vectors.length % dimensions !== 0) {
    throw new Error(`The index in ${folder} has no vectors section of ${dimensions}-dimension rows; has src/search/search-index.ts changed its layout?`);
  }
  return vectors;
}

/**
 * The text the index embeds and BM25-indexes for a chunk: its article's title and place, then the chunk (mirrors
 * `indexedText` in src/search/search-index.ts, which is not exported).
 */
export function indexedText(article: { title: string; place?: string }, chunkText: string): string {
  return [article.title, article.place, chunkText].filter(Boolean).join('\n');
}
