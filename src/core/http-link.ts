/**
 * True when `value` is an absolute `http:` or `https:` address with a host: the only kind of address Hỏi Phường ever
 * turns into a link. `javascript:`, `data:`, `file:` and the rest would run or open something in a reader's browser.
 */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return false;
  try {
    const parsed = new URL(value);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** The address when it may be a link (see `isHttpUrl`), otherwise '' (no link at all). */
export function httpLinkOrEmpty(value: unknown): string {
  return isHttpUrl(value) ? value : '';
}
