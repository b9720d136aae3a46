import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const FIXTURES = 'test/fixtures/sources';

/** How a path answers: a fixture file (with `{{origin}}` filled in), or a handler of its own. */
export type Route =
  | { file: string; type?: string; etag?: string; lastModified?: string }
  | { body: string | Buffer; type?: string; etag?: string; lastModified?: string }
  | ((request: IncomingMessage, response: ServerResponse, site: FixtureSite) => void);

/** A website on 127.0.0.1 made of fixture pages, counting what was asked of it. */
export interface FixtureSite {
  origin: string;
  routes: Map<string, Route>;
  /** Requests per path (with query), in arrival order. */
  requests: Array<{ path: string; userAgent: string; ifNoneMatch?: string; ifModifiedSince?: string }>;
  /** The most requests that were in flight at once. */
  maxInFlight: number;
  hits(path: string): number;
  close(): Promise<void>;
}

export function fixtureText(file: string): string {
  return readFileSync(join(FIXTURES, file), 'utf8');
}

/** Starts a site; routes may be added or changed while it runs (a new article appearing in the feed). */
export async function startFixtureSite(routes: Record<string, Route> = {}): Promise<FixtureSite> {
  let inFlight = 0;
  const site: FixtureSite = {
    origin: '',
    routes: new Map(Object.entries(routes)),
    requests: [],
    maxInFlight: 0,
    hits: (path) => site.requests.filter((request) => request.path === path).length,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((request, response) => {
    inFlight++;
    site.maxInFlight = Math.max(site.maxInFlight, inFlight);
    response.on('close', () => inFlight--);
    const path = request.url ?? '/';
    const record: FixtureSite['requests'][number] = { path, userAgent: request.headers['user-agent'] ?? '' };
    if (request.headers['if-none-match']) record.ifNoneMatch = String(request.headers['if-none-match']);
    if (request.headers['if-modified-since']) record.ifModifiedSince = String(request.headers['if-modified-since']);
    site.requests.push(record);
    const route = site.routes.get(path);
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (typeof route === 'function') {
      route(request, response, site);
      return;
    }
    const headers: Record<string, string> = { 'content-type': route.type ?? typeFor(path) };
    if (route.etag) headers.etag = route.etag;
    if (route.lastModified) headers['last-modified'] = route.lastModified;
    if ((route.etag && request.headers['if-none-match'] === route.etag) || (route.lastModified && request.headers['if-modified-since'] === route.lastModified)) {
      response.writeHead(304, headers).end();
      return;
    }
    const body = 'file' in route ? fixtureText(route.file).replaceAll('{{origin}}', site.origin) : route.body;
    response.writeHead(200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return site;
}

function typeFor(path: string): string {
  if (path.endsWith('.xml')) return 'application/xml; charset=utf-8';
  if (path.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'text/html; charset=utf-8';
}

/**
 * Text in windows-1258, the legacy Vietnamese code page: precomposed base letters (â, ơ, đ …) plus a combining tone
 * mark, as such sites stored them. Built from TextDecoder's own table, so it is the encoding a browser reads.
 */
export function encodeWindows1258(text: string): Buffer {
  const decoder = new TextDecoder('windows-1258');
  const byteOf = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) byteOf.set(decoder.decode(Uint8Array.of(byte)), byte);
  const bytes: number[] = [];
  for (const character of text.normalize('NFC')) {
    const direct = byteOf.get(character);
    if (direct !== undefined) {
      bytes.push(direct);
      continue;
    }
    // Split off the tone mark (the last combining mark that the code page has), keep the base letter precomposed.
    const decomposed = [...character.normalize('NFD')];
    let toneIndex = -1;
    decomposed.forEach((mark, index) => {
      if (/\p{M}/u.test(mark) && byteOf.has(mark)) toneIndex = index;
    });
    const tone = toneIndex >= 0 ? decomposed.splice(toneIndex, 1)[0] : undefined;
    const base = byteOf.get(decomposed.join('').normalize('NFC'));
    if (base === undefined) throw new Error(`"${character}" has no windows-1258 form`);
    bytes.push(base);
    if (tone !== undefined) bytes.push(byteOf.get(tone) as number);
  }
  return Buffer.from(bytes);
}
