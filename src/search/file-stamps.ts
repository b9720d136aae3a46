import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Size and modification time of one file under the articles folder, as recorded when the index was built. */
export interface FileStamp {
  /** Path relative to the folder, with `/` separators. */
  file: string;
  size: number;
  modifiedMs: number;
  /** SHA-256 of the bytes when known, so a touched but unchanged file is recognised by reading it alone. */
  contentHash?: string;
}

/** Files read and hashed at once when checking touched files. */
const READ_CONCURRENCY = 32;
/** Files modified this close to the moment they were stamped may change again within the clock's granularity. */
const RACY_WINDOW_MS = 2_000;

/**
 * Stamps every file under `dir` (recursively, hidden ones too, whatever the loader reads), sorted by path; undefined
 * when the folder cannot be listed, so the loader reports that with its own message.
 */
export async function stampFiles(dir: string): Promise<FileStamp[] | undefined> {
  // Synchronous on purpose: 35k `statSync` calls take half the time of promise-based ones, and ingest has nothing else
  // to do meanwhile.
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return undefined;
  }
  const stamps: FileStamp[] = [];
  for (const name of names) {
    let info;
    try {
      info = statSync(join(dir, name), { throwIfNoEntry: false });
    } catch {
      continue; // Unreadable entries are the loader's to report.
    }
    if (info?.isFile()) stamps.push({ file: name.split('\\').join('/'), size: info.size, modifiedMs: Math.round(info.mtimeMs) });
  }
  return stamps.sort((left, right) => (left.file < right.file ? -1 : left.file > right.file ? 1 : 0));
}

/**
 * The files of `current` that must be read to know whether they changed: those whose size or modification time differ
 * from `previous`, or that were modified within a racy window before `stampedAtMs` (git's rule: such a file could have
 * changed again in the same clock tick). Undefined when files were added or removed. An empty list means the folder
 * is unchanged without reading a single article.
 */
export function restampedFiles(previous: readonly FileStamp[], current: readonly FileStamp[], stampedAtMs: number): FileStamp[] | undefined {
  if (previous.length !== current.length) return undefined;
  const restamped: FileStamp[] = [];
  for (let index = 0; index < current.length; index += 1) {
    const before = previous[index]!;
    const now = current[index]!;
    if (before.file !== now.file) return undefined;
    if (before.size !== now.size || before.modifiedMs !== now.modifiedMs || now.modifiedMs >= stampedAtMs - RACY_WINDOW_MS) restamped.push(now);
  }
  return restamped;
}

/** SHA-256 (hex) of a file's bytes: the hash the article loader records as `Article.contentHash`. */
export async function hashFile(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** True when every file of `files` still hashes to the `contentHash` recorded for it in `previous`. */
export async function sameContents(dir: string, previous: readonly FileStamp[], files: readonly FileStamp[]): Promise<boolean> {
  const recorded = new Map(previous.map((stamp) => [stamp.file, stamp.contentHash]));
  for (let start = 0; start < files.length; start += READ_CONCURRENCY) {
    const batch = files.slice(start, start + READ_CONCURRENCY);
    const same = await Promise.all(
      batch.map(async (stamp) => {
        const expected = recorded.get(stamp.file);
        return expected !== undefined && (await hashFile(join(dir, stamp.file)).catch(() => undefined)) === expected;
      }),
    );
    if (same.includes(false)) return false;
  }
  return true;
}

/** `current` with the content hashes of `previous` carried over (for files known to be unchanged). */
export function withRecordedHashes(current: readonly FileStamp[], previous: readonly FileStamp[]): FileStamp[] {
  const recorded = new Map(previous.map((stamp) => [stamp.file, stamp.contentHash]));
  return current.map((stamp) => {
    const contentHash = recorded.get(stamp.file);
    return contentHash === undefined ? stamp : { ...stamp, contentHash };
  });
}
