import type { HttpRoute } from '../channels/http/http-route.js';
import type { Metrics } from './metrics.js';

/** `GET /metrics` in Prometheus' text format, for a Prometheus server to scrape. */
export function createMetricsRoute(metrics: Metrics): HttpRoute {
  return {
    method: 'GET',
    path: '/metrics',
    handle: async () => {
      const { contentType, body } = await metrics.text();
      return { status: 200, headers: { 'content-type': contentType }, body };
    },
  };
}
