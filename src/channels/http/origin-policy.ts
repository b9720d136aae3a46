import type { HttpResponse } from './http-route.js';

/** True when the `Origin` a browser sent is this server itself (the `Host` it was reached at, over http or https). */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/** The CORS headers that let a page of an allowed origin read an API response. */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/**
 * What the API answers a request a page of another site made: a preflight (`OPTIONS`) from an allowed origin gets
 * the methods and the JSON header it may use; any request from an origin not in ALLOWED_ORIGINS is refused with 403
 * and no CORS header, so the browser shows the page nothing. Undefined: an allowed origin's actual request, served.
 */
export function refusedOrigin(origin: string, method: string, allowedOrigins: readonly string[]): HttpResponse | undefined {
  const allowed = allowedOrigins.includes(origin);
  if (!allowed) {
    return { status: 403, headers: { vary: 'Origin' }, body: { error: `Trang ${origin} không được phép gọi API này (origin not in ALLOWED_ORIGINS).` } };
  }
  if (method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        ...corsHeaders(origin),
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      },
    };
  }
  return undefined;
}
