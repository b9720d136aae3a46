import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AskResult, Channel } from '../core/types.js';
import type { ChannelState } from '../channels/channel-status.js';

/** The kinds of channel state, as a label with few values (the state's text goes to `/healthz`). */
const STATE_KINDS = ['starting', 'on', 'retrying', 'failing', 'stopped'] as const;

/** Upper bounds (seconds) of the answer latency buckets: an offline answer takes milliseconds, an LLM one seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The server's Prometheus metrics (prom-client): HTTP requests by route and status, answers by mode and channel,
 * refusals by reason and channel, answer latency, and each channel's state and reconnects, plus Node's process
 * metrics (memory, CPU, event-loop lag).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly answers: Counter<'channel' | 'mode'>;
  private readonly refusals: Counter<'channel' | 'reason'>;
  private readonly latency: Histogram<'channel'>;
  private readonly channels = new Map<string, ChannelState>();

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'hoiphuong_' });
    this.requests = new Counter({ name: 'hoiphuong_http_requests_total', help: 'HTTP requests served, by method, route and status.', labelNames: ['method', 'route', 'status'], registers });
    this.answers = new Counter({ name: 'hoiphuong_answers_total', help: 'Questions answered, by channel and mode (extractive, generated, pinned).', labelNames: ['channel', 'mode'], registers });
    this.refusals = new Counter({ name: 'hoiphuong_refusals_total', help: 'Questions not answered, by channel and reason (no-sources, low-score, error…).', labelNames: ['channel', 'reason'], registers });
    this.latency = new Histogram({ name: 'hoiphuong_answer_duration_seconds', help: 'Time to answer a question, by channel.', labelNames: ['channel'], buckets: LATENCY_BUCKETS, registers });
    const channels = this.channels;
    new Gauge({
      name: 'hoiphuong_channel_up',
      help: 'Whether a channel is running (1) or starting, retrying, failing or stopped (0).',
      labelNames: ['channel'],
      registers,
      collect() {
        this.reset();
        for (const [name, channel] of channels) this.set({ channel: name }, channel.state() === 'on' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'hoiphuong_channel_state',
      help: 'The state of each channel: 1 for its current state (the reason is in /healthz).',
      labelNames: ['channel', 'state'],
      registers,
      collect() {
        this.reset();
        for (const [name, channel] of channels) {
          const kind = STATE_KINDS.find((candidate) => channel.state().startsWith(candidate)) ?? 'failing';
          for (const state of STATE_KINDS) this.set({ channel: name, state }, state === kind ? 1 : 0);
        }
      },
    });
    new Counter({
      name: 'hoiphuong_channel_reconnects_total',
      help: 'Times a channel reconnected or retried its start after a failure.',
      labelNames: ['channel'],
      registers,
      collect() {
        this.reset();
        for (const [name, channel] of channels) this.inc({ channel: name }, channel.reconnects());
      },
    });
  }

  /** Reports `channel`'s state and reconnects from now on. */
  watchChannel(name: string, channel: ChannelState): void {
    this.channels.set(name, channel);
  }

  /** Counts one HTTP response; `route` must be a known path (or `other`), never the raw target. */
  countRequest(method: string, route: string, status: number): void {
    this.requests.inc({ method, route, status: String(status) });
  }

  /** Counts one answer or refusal and its latency. */
  countAnswer(channel: Channel, result: AskResult, seconds: number): void {
    if (result.answered) this.answers.inc({ channel, mode: result.mode });
    else this.refusals.inc({ channel, reason: result.reason ?? 'unknown' });
    this.latency.observe({ channel }, seconds);
  }

  /** The metrics in Prometheus' text exposition format. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
