import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../../src/channels/http/server.js';
import { createAskService } from '../../../src/core/ask-service.js';
import { HashingEmbedder } from '../../../src/search/hashing-embedder.js';
import { HybridRetriever } from '../../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../../src/search/place-gazetteer.js';
import { updateIndex } from '../../../src/search/search-index.js';
import { pageRelatedRenderer } from '../../support/chat-page-renderer.js';
import type { AskResult } from '../../../src/core/types.js';

let indexDir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'hoiphuong-http-related-'));
  const embedder = new HashingEmbedder();
  const { index } = await updateIndex({ dataDir: 'test/fixtures/similar-wards', indexDir, embedder });
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  const ask = createAskService({ retriever: new HybridRetriever(index, embedder, gazetteer), places: gazetteer, log: () => {} });
  server = createHttpServer({ ask, maxQuestionLength: 500, rateLimitPerMinute: 0, log: () => {} });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await rm(indexDir, { recursive: true, force: true });
});

describe('related passages through the HTTP API and the web chat', () => {
  it('returns them with an unsure refusal, and the chat page shows them under “Có thể hữu ích”', async () => {
    const response = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Tổng thu ngân sách năm 2026 của phường Tân An, Hà Nội là bao nhiêu?' }),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as AskResult;
    expect(result).toMatchObject({ answered: false, reason: 'low-score', citations: [] });
    expect(result.related).toEqual([expect.objectContaining({ id: 'phuong-tan-an-ha-noi-2025', quote: 'Năm 2025, tổng thu ngân sách trên địa bàn phường ước đạt 45,6 tỷ đồng.' })]);

    const html = pageRelatedRenderer(await (await fetch(`${base}/chat.js`)).text())(result);
    expect(html).toMatch(/^<section class="related"><h2>Có thể hữu ích<\/h2>/);
    expect(html).toContain('<a href="https://example.org/tan-an-ha-noi" target="_blank" rel="noopener">Phường Tân An tổ chức Đại hội Đảng bộ lần thứ I</a> <span class="date">(20/08/2025)</span>');
    expect(html).toContain('<blockquote>Năm 2025, tổng thu ngân sách trên địa bàn phường ước đạt 45,6 tỷ đồng.</blockquote>');
  });

  it('returns none with a wrong-place refusal', async () => {
    const response = await fetch(`${base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Tổng thu ngân sách năm 2026 của phường Bến Nghé là bao nhiêu?' }),
    });
    const result = (await response.json()) as AskResult;
    expect(result).toMatchObject({ answered: false, reason: 'wrong-place' });
    expect(result).not.toHaveProperty('related');
  });
});
