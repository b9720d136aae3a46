import type { IncomingHttpHeaders } from 'node:http';

/** A request as a route sees it: the raw body bytes are kept because webhook signatures are computed over them. */
export interface HttpRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** What a route answers; an object body is sent as JSON. */
export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

/** One endpoint mounted on the shared HTTP server (channels such as Zalo add their webhooks this way). */
export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(request: HttpRequest): Promise<HttpResponse>;
}
