import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { currentVersionFolder } from '../src/search/index-files.js';

/**
 * The chunk vectors exactly as the live index stored them at full precision (row `label` of a labels × dimensions
 * matrix), so the alternatives are measured on the same embeddings without embedding everything again. Relies on the
 * index layout of src/search/stored-index.ts (`vectors.f32`, row-major float32); fails with the reason when that changes.
 */
export async function readStoredVectors(indexDir: string, dimensions: number): Promise<Float32Array> {
  const folder = await currentVersionFolder(indexDir);
  if (folder === undefined) throw new Error(`No committed index in ${indexDir}; ingest first.`);
  const bytes = await readFile(join(folder, 'vectors.f32'));
  if (bytes.length % (dimensions * 4) !== 0) {
    throw new Error(`The index in ${folder} has no vectors.f32 of ${dimensions}-dimension rows; has src/search/stored-index.ts changed its layout?`);
  }
  // Copied into a fresh buffer so the float view is aligned whatever offset the file buffer has.
  return new Float32Array(new Uint8Array(bytes).buffer);
}

/**
 * The text the index embeds and BM25-indexes for a chunk: its article's title and place, then the chunk (mirrors
 * `indexedText` in src/search/stored-index.ts, which is not exported).
 */
export function indexedText(article: { title: string; place?: string }, chunkText: string): string {
  return [article.title, article.place, chunkText].filter(Boolean).join('\n');
}
