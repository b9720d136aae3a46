import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createAdminRoutes } from '../../../../src/channels/http/admin/admin-routes.js';
import type { AdminConsoleOptions } from '../../../../src/channels/http/admin/console-context.js';
import { createHttpServer, type HttpServer } from '../../../../src/channels/http/server.js';
import type { AskService } from '../../../../src/core/ports.js';

/** Refuses every question: the console tests only need the API to exist. */
const refusingAsk: AskService = {
  ask: async (question) => ({ question: question.text, answered: false, answer: 'Xin lỗi.', citations: [], mode: 'extractive', language: 'vi', reason: 'no-sources' }),
};

/** A real HTTP server on 127.0.0.1 serving the console (and the API, refusing), for loopback tests. */
export async function startConsoleServer(options: AdminConsoleOptions): Promise<{ server: HttpServer; base: string }> {
  const server = createHttpServer({
    ask: refusingAsk,
    routes: createAdminRoutes(options),
    allowedOrigins: options.config.allowedOrigins,
    maxQuestionLength: 500,
    rateLimitPerMinute: 0,
    log: () => {},
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
