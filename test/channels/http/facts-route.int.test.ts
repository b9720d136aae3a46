import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFactsRoute } from '../../../src/channels/http/facts-route.js';
import { createHttpServer } from '../../../src/channels/http/server.js';
import { FactBook } from '../../../src/facts/fact-book.js';
import { loadArticles } from '../../../src/ingest/load-articles.js';
import type { AskService } from '../../../src/core/ports.js';

let server: Server;
let base: string;
const unusedAsk: AskService = {
  ask: async () => {
    throw new Error('not used by these tests');
  },
};

beforeAll(async () => {
  const book = FactBook.fromArticles((await loadArticles('test/fixtures/facts-wards')).articles);
  server = createHttpServer({ ask: unusedAsk, routes: [createFactsRoute(async () => book)], maxQuestionLength: 500, rateLimitPerMinute: 0, log: () => {} });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

interface SheetJson {
  place: string;
  offices: Array<{ office: string; holders: Array<{ person: string; asOfShown: string; sources: Array<{ quote: string; publishedShown: string }> }> }>;
  figures: Array<{ measure: string; value: number; written: string }>;
  history?: Array<{ office: string; person: string }>;
}

describe('GET /api/facts', () => {
  it('returns the sheet of the ward a place names, dates shown as dd/mm/yyyy, with quotes', async () => {
    const response = await fetch(`${base}/api/facts?place=${encodeURIComponent('phường Đông Hải, tỉnh Thanh Hóa')}&history=1`);
    expect(response.status).toBe(200);
    const { places } = (await response.json()) as { places: SheetJson[] };
    expect(places.map((sheet) => sheet.place)).toEqual(['phường Đông Hải, tỉnh Thanh Hóa']);
    const chair = places[0]?.offices.find((entry) => entry.office === 'Chủ tịch UBND')?.holders[0];
    expect(chair).toMatchObject({ person: 'Nguyễn Thị Hoa', asOfShown: '13/02/2026' });
    expect(chair?.sources[0]?.quote).toContain('bầu bà Nguyễn Thị Hoa làm Chủ tịch UBND');
    expect(places[0]?.history).toContainEqual(expect.objectContaining({ office: 'Chủ tịch UBND', person: 'Phạm Văn Cường' }));
    expect(places[0]?.figures).toContainEqual(expect.objectContaining({ measure: 'area', value: 19.15, written: '19,15 km2' }));
  });

  it('returns one sheet per province for a ward name two provinces share', async () => {
    const response = await fetch(`${base}/api/facts?place=${encodeURIComponent('Đông Hải')}`);
    const { places } = (await response.json()) as { places: SheetJson[] };
    expect(places.map((sheet) => sheet.place)).toEqual(['phường Đông Hải, tỉnh Nghệ An', 'phường Đông Hải, tỉnh Thanh Hóa']);
  });

  it('answers 404 with a Vietnamese message and the known wards for an unknown place', async () => {
    const response = await fetch(`${base}/api/facts?place=${encodeURIComponent('xã Không Có')}`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: string; known: string[] };
    expect(body.error).toMatch(/^Không có thông tin về "xã Không Có"/);
    expect(body.known).toContain('phường Đông Hải, tỉnh Nghệ An');
  });
});
