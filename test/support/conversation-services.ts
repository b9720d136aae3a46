import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAskService } from '../../src/core/ask-service.js';
import { createConversationService } from '../../src/core/conversation-service.js';
import type { AskService, QuestionCondenser } from '../../src/core/ports.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { HybridRetriever } from '../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import { updateIndex, type SearchIndex } from '../../src/search/search-index.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

/** Real answering over the two same-named wards of `test/fixtures/similar-wards`, indexed once into a temp folder. */
export interface FixtureAnswering {
  index: SearchIndex;
  gazetteer: PlaceGazetteer;
  retriever: HybridRetriever;
  folder: string;
  close(): Promise<void>;
}

/** Indexes a fixture corpus (default: similar-wards) into a fresh temp folder. */
export async function indexFixtures(dataDir = 'test/fixtures/similar-wards'): Promise<FixtureAnswering> {
  const folder = await mkdtemp(join(tmpdir(), 'hoiphuong-conversation-'));
  const embedder = new HashingEmbedder();
  const { index } = await updateIndex({ dataDir, indexDir: join(folder, 'index'), embedder });
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  const retriever = new HybridRetriever(index, embedder, gazetteer, () => {});
  return { index, gazetteer, retriever, folder, close: () => rm(folder, { recursive: true, force: true }) };
}

/**
 * The production wiring of the conversation service (as `openServices` does it) around real answering and a
 * SQLite store, so channel tests exercise the whole path from a platform message to the stored conversation.
 */
export function conversationServices(answering: FixtureAnswering, store: SqliteStore, options: { condenser?: QuestionCondenser } = {}): AskService {
  const answers = createAskService({ retriever: answering.retriever, places: answering.gazetteer, pins: store.pins, recorder: store.answers, log: () => {} });
  const placeOfArticle = new Map(answering.gazetteer.all().flatMap((place) => place.articleIds.map((id) => [id, place.label] as const)));
  return createConversationService({
    answers,
    places: answering.gazetteer,
    conversations: store.conversations,
    placeOfArticle: (id) => placeOfArticle.get(id),
    ...(options.condenser ? { condenser: options.condenser } : {}),
    log: () => {},
  });
}
