import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets without leaking where they differ (or their lengths): both are hashed to equal-length digests
 * first, because `timingSafeEqual` only accepts buffers of the same length.
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const actualDigest = createHash('sha256').update(actual, 'utf8').digest();
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(actualDigest, expectedDigest);
}
