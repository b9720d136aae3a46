import { createHash } from 'node:crypto';
import { constantTimeEqual } from './constant-time-equal.js';

/** What Zalo signs when it posts an Official Account event. */
export interface OaSignatureInput {
  appId: string;
  /** The request body exactly as received: the hash is over these bytes, not over re-serialised JSON. */
  rawBody: Buffer;
  /** The `timestamp` field of the event, as the string Zalo sent. */
  timestamp: string;
  /** The OA Secret Key (not the app secret key). */
  oaSecretKey: string;
}

/** The `X-ZEvent-Signature` value Zalo sends: `mac=` + hex sha256(app_id + raw body + timestamp + OA secret key). */
export function oaSignature(input: OaSignatureInput): string {
  const hash = createHash('sha256');
  hash.update(input.appId, 'utf8');
  hash.update(input.rawBody);
  hash.update(input.timestamp, 'utf8');
  hash.update(input.oaSecretKey, 'utf8');
  return `mac=${hash.digest('hex')}`;
}

/** Whether a received `X-ZEvent-Signature` header matches the event, compared in constant time. */
export function verifyOaSignature(header: string | undefined, input: OaSignatureInput): boolean {
  if (!header) return false;
  return constantTimeEqual(header.trim().toLowerCase(), oaSignature(input));
}
