import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import xxhash, { type XXHashAPI } from 'xxhash-wasm';
import { ChatbotError } from '../core/errors.js';

/** A typed array stored as one named section of an index file. */
export type Section = Uint8Array | Int8Array | Uint32Array | Int32Array | Float32Array | Float64Array;

type SectionType = 'u8' | 'i8' | 'u32' | 'i32' | 'f32' | 'f64';

interface SectionEntry {
  type: SectionType;
  /** Byte offset from the start of the data area. */
  offset: number;
  length: number;
}

/** File signature and layout version of section files. */
const MAGIC = 'HPSECT01';
const ALIGNMENT = 8;
/** Name of the pointer file that says which version folder is live; replaced by rename so readers see old or new. */
const CURRENT_FILE = 'CURRENT';
const VERSION_FOLDER = /^v(\d{6,})$/;
const TEMPORARY_FOLDER = /^\.tmp-v\d+/;

function typeOf(section: Section): SectionType {
  if (section instanceof Uint8Array) return 'u8';
  if (section instanceof Int8Array) return 'i8';
  if (section instanceof Uint32Array) return 'u32';
  if (section instanceof Int32Array) return 'i32';
  if (section instanceof Float64Array) return 'f64';
  return 'f32';
}

function allocate(type: SectionType, length: number, shared: boolean): Section {
  const memory = (bytes: number) => (shared ? new SharedArrayBuffer(bytes * length) : new ArrayBuffer(bytes * length));
  switch (type) {
    case 'u8':
      return new Uint8Array(memory(1));
    case 'i8':
      return new Int8Array(memory(1));
    case 'u32':
      return new Uint32Array(memory(4));
    case 'i32':
      return new Int32Array(memory(4));
    case 'f32':
      return new Float32Array(memory(4));
    case 'f64':
      return new Float64Array(memory(8));
  }
}

function widthOf(type: SectionType): number {
  return type === 'u8' || type === 'i8' ? 1 : type === 'f64' ? 8 : 4;
}

function alignUp(value: number): number {
  return Math.ceil(value / ALIGNMENT) * ALIGNMENT;
}

function corrupt(path: string, detail: string, cause?: unknown): ChatbotError {
  return new ChatbotError('index-corrupt', `The index file ${path} is unreadable (${detail}); run \`hoiphuong ingest\` to rebuild it.`, cause === undefined ? undefined : { cause });
}

/** A section to write: one typed array, or several of one type written one after another (say, columns). */
export type SectionParts = Section | readonly Section[];

/**
 * Writes named typed arrays to one binary file and fsyncs it: a small JSON header then each array 8-byte aligned, so
 * each section is read with one call into its own typed array (JSON would be far slower for millions of numbers).
 */
export async function writeSections(path: string, sections: Record<string, SectionParts>): Promise<void> {
  const partsOf = (section: SectionParts): readonly Section[] => (Array.isArray(section) ? section : [section as Section]);
  const entries: Record<string, SectionEntry> = {};
  let offset = 0;
  for (const [name, section] of Object.entries(sections)) {
    const parts = partsOf(section);
    if (parts.length === 0) throw new ChatbotError('internal', `Section ${name} has no parts.`);
    const type = typeOf(parts[0]!);
    if (parts.some((part) => typeOf(part) !== type)) throw new ChatbotError('internal', `Section ${name} mixes array types.`);
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    entries[name] = { type, offset, length };
    offset = alignUp(offset + length * widthOf(type));
  }
  const header = Buffer.from(JSON.stringify(entries), 'utf8');
  const prefix = Buffer.alloc(alignUp(MAGIC.length + 4 + header.length));
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, MAGIC.length);
  header.copy(prefix, MAGIC.length + 4);
  const file = await open(path, 'w');
  try {
    await file.write(prefix);
    let written = 0;
    for (const section of Object.values(sections)) {
      let sectionBytes = 0;
      for (const part of partsOf(section)) {
        const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
        if (bytes.length > 0) await file.write(bytes);
        sectionBytes += bytes.length;
      }
      const padding = alignUp(written + sectionBytes) - (written + sectionBytes);
      if (padding > 0) await file.write(new Uint8Array(padding));
      written = alignUp(written + sectionBytes);
    }
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Header bytes read first; a longer header is read again whole. */
const HEADER_PROBE = 64 * 1024;

/**
 * Where a section is read into instead of a new array: byte views filled one after another, or undefined for a new
 * array. Given the section's name and its length in bytes.
 */
export type SectionTargets = (name: string, bytes: number) => readonly Uint8Array[] | undefined;

/**
 * Reads a file written by `writeSections`, each section straight into its own typed array (no buffer of the whole
 * file, so loading needs no more memory than the index itself) or into the views `targets` gives for it (those are
 * left out of the map); `shared` puts the arrays in shared memory, which worker threads can read without a copy.
 * Throws ChatbotError('index-corrupt') when it is truncated or not one.
 */
export async function readSections(path: string, options: { shared?: boolean; targets?: SectionTargets } = {}): Promise<Map<string, Section>> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw corrupt(path, error instanceof Error ? error.message : String(error), error);
  }
  try {
    const size = (await file.stat()).size;
    let prefix = Buffer.alloc(Math.min(size, HEADER_PROBE));
    await file.read(prefix, 0, prefix.length, 0);
    if (prefix.length < MAGIC.length + 4 || prefix.toString('latin1', 0, MAGIC.length) !== MAGIC) throw corrupt(path, 'not an index file');
    const headerLength = prefix.readUInt32LE(MAGIC.length);
    const dataStart = alignUp(MAGIC.length + 4 + headerLength);
    if (dataStart > size) throw corrupt(path, 'the header is truncated');
    if (MAGIC.length + 4 + headerLength > prefix.length) {
      prefix = Buffer.alloc(MAGIC.length + 4 + headerLength);
      await file.read(prefix, 0, prefix.length, 0);
    }
    let entries: Record<string, SectionEntry>;
    try {
      entries = JSON.parse(prefix.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Record<string, SectionEntry>;
    } catch (error) {
      throw corrupt(path, 'bad header', error);
    }
    const sections = new Map<string, Section>();
    for (const [name, entry] of Object.entries(entries)) {
      const width = widthOf(entry.type);
      const start = dataStart + entry.offset;
      if (!Number.isInteger(entry.length) || entry.length < 0 || start + entry.length * width > size) {
        throw corrupt(path, `section ${name} is truncated`);
      }
      const views = options.targets?.(name, entry.length * width);
      if (views && views.reduce((sum, view) => sum + view.length, 0) !== entry.length * width) throw corrupt(path, `section ${name} has an unexpected size`);
      const section = views ? undefined : allocate(entry.type, entry.length, options.shared === true);
      let position = start;
      for (const bytes of views ?? [new Uint8Array(section!.buffer, section!.byteOffset, section!.byteLength)]) {
        let done = 0;
        while (done < bytes.length) {
          const { bytesRead } = await file.read(bytes, done, bytes.length - done, position + done);
          if (bytesRead === 0) throw corrupt(path, `section ${name} is truncated`);
          done += bytesRead;
        }
        position += bytes.length;
      }
      if (section) sections.set(name, section);
    }
    return sections;
  } finally {
    await file.close();
  }
}

/** Writes a small text file and fsyncs it. */
export async function writeTextFile(path: string, text: string): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Fsyncs a file another library wrote (hnswlib writes without syncing). */
export async function syncFile(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Flushes a folder's entries (new names, renames) to disk; a no-op where folders cannot be opened (Windows). */
async function syncFolder(path: string): Promise<void> {
  let folder;
  try {
    folder = await open(path, 'r');
    await folder.sync();
  } catch {
    // Opening a directory for fsync is not supported on every platform; the rename is still atomic there.
  } finally {
    await folder?.close();
  }
}

/** The live version folder of an index (absolute or relative like `indexDir`), or undefined when none was committed. */
export async function currentVersionFolder(indexDir: string): Promise<string | undefined> {
  let name: string;
  try {
    name = (await readFile(join(indexDir, CURRENT_FILE), 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw corrupt(join(indexDir, CURRENT_FILE), error instanceof Error ? error.message : String(error), error);
  }
  if (!VERSION_FOLDER.test(name)) throw corrupt(join(indexDir, CURRENT_FILE), `it names "${name}", not a version folder`);
  return join(indexDir, name);
}

/** A folder being written as the next version; `commit` makes it live in one rename of the pointer file. */
export interface PendingVersion {
  /** Where to write the new version's files. */
  folder: string;
  /** Where the version lives once committed. */
  live: string;
  /** Fsyncs, renames the folder into place, switches CURRENT atomically and removes older versions. */
  commit(): Promise<void>;
}

/**
 * Starts a new version of the index in a temporary sibling folder, after removing leftovers of interrupted runs.
 * Until `commit` switches CURRENT, readers keep seeing the previous complete version.
 */
export async function beginVersion(indexDir: string): Promise<PendingVersion> {
  await mkdir(indexDir, { recursive: true });
  const current = await currentVersionFolder(indexDir).catch(() => undefined);
  const currentName = current?.slice(indexDir.length).replace(/^[/\\]+/, '');
  await removeStale(indexDir, currentName);
  let highest = 0;
  for (const name of await readdir(indexDir)) {
    const match = VERSION_FOLDER.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  const name = `v${String(highest + 1).padStart(6, '0')}`;
  const folder = join(indexDir, `.tmp-${name}`);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder);
  return {
    folder,
    live: join(indexDir, name),
    commit: async () => {
      await syncFolder(folder);
      await rename(folder, join(indexDir, name));
      await syncFolder(indexDir);
      const pointer = join(indexDir, `${CURRENT_FILE}.tmp`);
      await writeTextFile(pointer, `${name}\n`);
      await rename(pointer, join(indexDir, CURRENT_FILE));
      await syncFolder(indexDir);
      await removeStale(indexDir, name);
    },
  };
}

/** Removes every version folder but `keep`, and temporary folders left by a crash. Other files are left alone. */
async function removeStale(indexDir: string, keep: string | undefined): Promise<void> {
  for (const name of await readdir(indexDir)) {
    if (name === keep) continue;
    if (VERSION_FOLDER.test(name) || TEMPORARY_FOLDER.test(name) || name === `${CURRENT_FILE}.tmp`) {
      // A folder another process still reads (Windows refuses to delete open files) is left for the next run.
      await rm(join(indexDir, name), { recursive: true, force: true }).catch(() => {});
    }
  }
}

/** How a manifest writes an XXH64 checksum; a bare 64-digit hex string is a SHA-256 from an older version. */
const XXH64_PREFIX = 'xxh64:';
/** Bytes read and hashed at a time. */
const CHECKSUM_BLOCK = 1024 * 1024;

let xxhashApi: Promise<XXHashAPI> | undefined;

/**
 * Checksum of a file, read as a stream so a large file is never held in memory whole: XXH64, about ten times faster
 * than SHA-256 here (4 GB/s against 0.4 GB/s), which took most of a cold start at 100k chunks. It guards against damage
 * — a bad disk, a half copy, an edited file — not against an adversary: whoever can write the index folder can rewrite
 * its manifest too.
 */
export async function fileChecksum(path: string): Promise<string> {
  xxhashApi ??= xxhash();
  const hash = (await xxhashApi).create64();
  // One block read into again and again: a stream's fresh buffer per block left gigabytes for the collector at 1M chunks.
  const block = Buffer.allocUnsafe(CHECKSUM_BLOCK);
  const file = await open(path, 'r');
  try {
    for (let position = 0; ; ) {
      const { bytesRead } = await file.read(block, 0, block.length, position);
      if (bytesRead === 0) break;
      hash.update(bytesRead === block.length ? block : block.subarray(0, bytesRead));
      position += bytesRead;
    }
  } finally {
    await file.close();
  }
  return XXH64_PREFIX + hash.digest().toString(16).padStart(16, '0');
}

/** True when a file still has the checksum a manifest recorded (XXH64, or SHA-256 from manifests written before it). */
export async function checksumMatches(path: string, expected: string): Promise<boolean> {
  if (expected.startsWith(XXH64_PREFIX)) return (await fileChecksum(path)) === expected;
  const hash = createHash('sha256');
  for await (const part of createReadStream(path, { highWaterMark: CHECKSUM_BLOCK })) hash.update(part as Buffer);
  return hash.digest('hex') === expected;
}
