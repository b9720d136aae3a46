import { childOptions, peakRssMegabytes, tellParent } from '../child-process.js';
import { isEntryPoint } from '../entry-point.js';
import { createAskService } from '../../src/core/ask-service.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { HybridRetriever } from '../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import { openIndex } from '../../src/search/search-index.js';

/** Taken when this module is evaluated: Node start-up and module loading are part of a cold start. */
const moduleLoadedMilliseconds = performance.now();

/** Which persisted index to open and what to ask first. */
export interface ColdStartOptions {
  indexDir: string;
  question: string;
}

/** How long a fresh process takes from its start to its first answer. */
export interface ColdStartReport {
  /** Node start-up plus loading the modules, before any index work. */
  moduleLoadSeconds: number;
  openIndexSeconds: number;
  /** Gazetteer, retriever and answer service wiring plus the first answer. */
  firstAnswerSeconds: number;
  /** From process start to the first answer. */
  totalSeconds: number;
  answered: boolean;
  peakRssMegabytes: number;
}

/** Opens the persisted index (no ingest check) and answers one question, timing each step. */
export async function coldStart(options: ColdStartOptions): Promise<ColdStartReport> {
  const started = performance.now();
  const embedder = new HashingEmbedder();
  const index = await openIndex(options.indexDir, embedder);
  const opened = performance.now();
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  const ask = createAskService({ retriever: new HybridRetriever(index, embedder, gazetteer), places: gazetteer });
  const result = await ask.ask({ text: options.question, channel: 'cli' });
  const answeredAt = performance.now();
  return {
    moduleLoadSeconds: seconds(moduleLoadedMilliseconds),
    openIndexSeconds: seconds(opened - started),
    firstAnswerSeconds: seconds(answeredAt - opened),
    totalSeconds: seconds(answeredAt),
    answered: result.answered,
    peakRssMegabytes: peakRssMegabytes(),
  };
}

function seconds(milliseconds: number): number {
  return Math.round(milliseconds) / 1_000;
}

if (isEntryPoint(import.meta.url)) {
  tellParent(await coldStart(childOptions<ColdStartOptions>()));
}
