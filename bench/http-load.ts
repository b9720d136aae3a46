import { summarizeLatencies, type LatencySummary } from './latency-summary.js';

/** What a load run sends: questions to `POST {baseUrl}/api/ask`, from `clients` concurrent clients. */
export interface HttpLoadOptions {
  baseUrl: string;
  questions: readonly string[];
  clients: number;
  /** Requests each client sends, one after the other. */
  requestsPerClient: number;
  /** Clients stop sending after this long, so a slow server cannot stretch the run. */
  deadlineMilliseconds: number;
}

/** Latencies as the clients saw them, and how many requests failed. */
export interface HttpLoadResult {
  clients: number;
  requests: number;
  failures: number;
  /** What the first failure was, for the report. */
  firstFailure?: string;
  seconds: number;
  requestsPerSecond: number;
  latency: LatencySummary;
}

/** Sends the questions from concurrent loopback clients, each waiting for its answer before the next question. */
export async function runHttpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const started = performance.now();
  const deadline = started + options.deadlineMilliseconds;
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const fail = (reason: string) => {
    failures += 1;
    firstFailure ??= reason;
  };
  const client = async (clientIndex: number) => {
    for (let request = 0; request < options.requestsPerClient && performance.now() < deadline; request++) {
      const question = options.questions[(clientIndex * options.requestsPerClient + request) % options.questions.length] as string;
      const sent = performance.now();
      try {
        const response = await fetch(`${options.baseUrl}/api/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ question }),
        });
        const body = (await response.json()) as { error?: string };
        if (!response.ok) fail(`HTTP ${response.status}: ${body.error ?? ''}`);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
        continue;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
  const seconds = (performance.now() - started) / 1_000;
  return {
    clients: options.clients,
    requests: latencies.length,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    seconds: Math.round(seconds * 1_000) / 1_000,
    requestsPerSecond: Math.round((latencies.length / seconds) * 10) / 10,
    latency: summarizeLatencies(latencies),
  };
}
