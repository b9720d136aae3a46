import { performance } from 'node:perf_hooks';
import { withLogContext } from './log-context.js';
import type { Log } from './json-log.js';
import type { Metrics } from './metrics.js';
import type { AskService } from '../core/ports.js';

/**
 * The ask service with every question timed and counted (`Metrics`), one log line per answer carrying its channel,
 * answer id, mode or refusal reason and latency, and the question's channel on every line logged while answering it.
 */
export function observeAskService(inner: AskService, metrics: Metrics, log: Log): AskService {
  return {
    ask: (question) =>
      withLogContext({ channel: question.channel }, async () => {
        const started = performance.now();
        const result = await inner.ask(question);
        const seconds = (performance.now() - started) / 1000;
        metrics.countAnswer(question.channel, result, seconds);
        log.event(result.answered ? 'answered' : 'not answered', {
          channel: question.channel,
          answerId: result.answerId,
          mode: result.mode,
          reason: result.reason,
          grounding: result.grounding?.status,
          ms: Math.round(seconds * 1000),
        });
        return result;
      }),
  };
}
