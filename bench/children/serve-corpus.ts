import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { childOptions, peakRssMegabytes, tellParent } from '../child-process.js';
import { isEntryPoint } from '../entry-point.js';
import { createHttpServer } from '../../src/channels/http/server.js';
import { openServices } from '../../src/cli/open-services.js';
import { loadConfig } from '../../src/config.js';

/** The corpus and index to serve, where the answer log goes, and the first question (asked before the server listens). */
export interface ServeOptions {
  dataDir: string;
  indexDir: string;
  /** SQLite database for the answer log, pins and feedback, as `npm start` keeps one. */
  databasePath: string;
  question: string;
}

/** A server of the corpus on 127.0.0.1, started the way `npm start` starts one. */
export interface ServingReport {
  port: number;
  /** `openServices`: the incremental check of the unchanged corpus, loading the index, opening the store, wiring. */
  openServicesSeconds: number;
  firstAnswerSeconds: number;
  /** From process start to the first answer. */
  totalSeconds: number;
}

/** A running server and how to stop it. */
export interface Serving {
  report: ServingReport;
  /** Closes the server and reports this process's peak RSS. */
  stop(): Promise<{ peakRssMegabytes: number }>;
}

/**
 * Opens the services as `serve` does (offline, with the SQLite store, so every answer is logged; no rate limit) and
 * listens on a free loopback port.
 */
export async function serveCorpus(options: ServeOptions): Promise<Serving> {
  const config = loadConfig({
    DATA_DIR: options.dataDir,
    INDEX_DIR: options.indexDir,
    DATABASE_PATH: options.databasePath,
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const log: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      log.push(chunk.toString('utf8'));
      callback();
    },
  });
  const started = performance.now();
  // As `serve` does: the fact sheets are read in the background, and questions are answered from passages meanwhile.
  const services = await openServices(config, { output, store: 'required', factsInBackground: true });
  const opened = performance.now();
  await services.ask.ask({ text: options.question, channel: 'http' });
  const answeredAt = performance.now();
  const server = createHttpServer({
    ask: services.ask,
    ...(services.store ? { feedback: services.store.feedback, userKeys: services.store.userKeys } : {}),
    maxQuestionLength: config.maxQuestionLength,
    rateLimitPerMinute: 0,
    log: (line) => log.push(line),
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    report: {
      port: (server.address() as AddressInfo).port,
      openServicesSeconds: Math.round(opened - started) / 1_000,
      firstAnswerSeconds: Math.round(answeredAt - opened) / 1_000,
      totalSeconds: Math.round(answeredAt) / 1_000,
    },
    async stop() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
      await services.close();
      return { peakRssMegabytes: peakRssMegabytes() };
    },
  };
}

if (isEntryPoint(import.meta.url)) {
  const serving = await serveCorpus(childOptions<ServeOptions>());
  tellParent(serving.report);
  process.once('message', () => {
    void serving.stop().then((stopped) => {
      tellParent(stopped);
      process.disconnect?.();
    });
  });
}
