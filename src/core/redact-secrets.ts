/** What replaces a secret in a log line or message. */
export const REDACTED = '***';

/** The shortest configured secret that is masked by value (shorter ones would mask ordinary words). */
const MIN_SECRET_LENGTH = 6;

/**
 * Secret shapes an upstream may echo whatever our settings are: credentials written into a URL (`user:pass@`), a
 * bearer token, an OpenAI-style key, a Discord bot token (three dot-separated base64 parts), a Zalo bot token in a
 * Bot API path (`/bot<id>:<secret>/`), and `name=value` or `"name": "value"` pairs whose name says they hold a secret.
 */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${REDACTED}@`],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}\b/g, REDACTED],
  [/\/bot\d+:[A-Za-z0-9_-]+/g, `/bot${REDACTED}`],
  [
    /([A-Za-z0-9_-]*(?:token|key|secret|password|passwd|pwd|authorization)s?)(["']?\s*[:=]\s*["']?)([^\s"'&,;}]{4,})/gi,
    `$1$2${REDACTED}`,
  ],
];

/**
 * The text with every secret masked: the configured secrets by value (also URL-encoded), then anything shaped like a
 * credential (see `SECRET_PATTERNS`). Used on every log line and on any upstream text before it leaves the process.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  const values = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH);
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...new Set(values.flatMap((value) => [value, encodeURIComponent(value)]))].sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
