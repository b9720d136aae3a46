import { pino, stdTimeFunctions, type Logger } from 'pino';
import { redactSecrets } from '../core/redact-secrets.js';
import { currentLogContext } from './log-context.js';

/** Fields a log line may carry beside its text. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** A log: called with one line, as every part of the bot logs; `event` adds fields (answer id, mode, latency…). */
export interface Log {
  (line: string): void;
  event(line: string, fields: LogFields): void;
}

/** Options of `createLog`. */
export interface CreateLogOptions {
  /** `json`: one JSON object per line (pino); `text`: the line as written. */
  format: 'json' | 'text';
  output: NodeJS.WritableStream;
  /** Configured secrets, masked by value wherever they appear. */
  secrets: readonly (string | undefined)[];
}

/** The channel names a `[name]` line prefix may carry; other prefixes name a component (`[llm]`, `[ask]`). */
const CHANNELS = new Set(['discord', 'zalo-oa', 'zalo-bot', 'http', 'web', 'cli']);
const PREFIX = /^\[([a-z0-9-]+)\]\s*/;
/** Words that make a line a warning: something failed or was refused and someone may need to act. */
const WARNING = /\b(error|failed|fails|could not|cannot|refused|rejected|not sent|not started|damaged|unreadable|skipped)\b/i;
/** Field names pino masks whatever they hold, should a caller ever log an object. */
const SECRET_FIELDS = ['token', 'accessToken', 'refreshToken', 'apiKey', 'secret', 'password', 'authorization', '*.token', '*.accessToken', '*.refreshToken', '*.apiKey', '*.authorization'];

/**
 * The server's log: every line has its secrets masked (`redactSecrets`: configured secrets by value, credentials in
 * URLs, bearer tokens, keys); in `json` format each is a pino JSON line with `time`, `level`, `msg`, the `channel` or
 * `component` its `[prefix]` names, and the channel and answer id of the question being handled (`withLogContext`).
 */
export function createLog(options: CreateLogOptions): Log {
  const redact = (text: string) => redactSecrets(text, options.secrets);
  if (options.format === 'text') {
    const write = (line: string, fields?: LogFields) => {
      const extra = fields ? Object.entries(fields).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${String(value)}`) : [];
      options.output.write(`${redact(extra.length ? `${line} ${extra.join(' ')}` : line)}\n`);
    };
    return Object.assign((line: string) => write(line), { event: write });
  }
  const logger: Logger = pino(
    {
      base: null,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_FIELDS, censor: '***' },
    },
    options.output,
  );
  const write = (line: string, fields: LogFields = {}) => {
    const prefix = PREFIX.exec(line)?.[1];
    const where = prefix ? (CHANNELS.has(prefix) ? { channel: prefix } : { component: prefix }) : {};
    const context = currentLogContext();
    const values = Object.fromEntries(
      Object.entries({ ...where, ...context, ...fields }).flatMap(([key, value]) =>
        value === undefined ? [] : [[key, typeof value === 'string' ? redact(value) : value]],
      ),
    );
    const text = redact(line);
    if (WARNING.test(line)) logger.warn(values, text);
    else logger.info(values, text);
  };
  return Object.assign((line: string) => write(line), { event: write });
}
