import { nfc } from '../ingest/normalize-vietnamese.js';
import { verifyPassword } from './password-hash.js';
import type { AdminStore } from '../store/console-records.js';

/** The account ADMIN_PASSWORD signs in as. */
export const BUILT_IN_ACCOUNT = 'admin';

/** What a login attempt came to. */
export type LoginOutcome = { kind: 'ok'; account: string } | { kind: 'refused' } | { kind: 'locked'; until: string };

/**
 * Checks a login: a name and address locked out after repeated failures are refused before any password is checked;
 * the password is compared with the account's scrypt hash (or ADMIN_PASSWORD's, for `admin`) in constant time, and an
 * unknown name costs the same hash, so neither timing nor message tells which names exist.
 */
export async function checkLogin(
  store: AdminStore,
  attempt: { name: string; password: string; visitor: string },
  builtInHash: string | undefined,
): Promise<LoginOutcome> {
  const name = nfc(attempt.name).trim();
  const keys = [`account:${name.toLowerCase()}`, `visitor:${attempt.visitor}`];
  const until = await store.lockedUntil(keys);
  if (until) return { kind: 'locked', until };
  const stored = (await store.account(name))?.passwordHash ?? (name === BUILT_IN_ACCOUNT ? builtInHash : undefined);
  const matches = await verifyPassword(attempt.password, stored ?? UNKNOWN_ACCOUNT_HASH);
  if (!stored || !matches || attempt.password === '') {
    await store.recordFailure(keys);
    const lockedNow = await store.lockedUntil(keys);
    return lockedNow ? { kind: 'locked', until: lockedNow } : { kind: 'refused' };
  }
  await store.clearFailures(keys);
  return { kind: 'ok', account: name };
}

/** A well-formed hash no password is known for, checked for unknown names so they take as long as known ones. */
const UNKNOWN_ACCOUNT_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
