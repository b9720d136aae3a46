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

/** Where a request came from, as the server tells visitors apart (see `clientAddress`). */
export interface RequestContext {
  visitor: string;
}

/** One endpoint mounted on the shared HTTP server (channels such as Zalo add their webhooks this way). */
export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  /** `context` tells who is asking (the console's lockout counts failures per visitor). */
  handle(request: HttpRequest, context: RequestContext): Promise<HttpResponse>;
}
