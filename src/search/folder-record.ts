import { rename } from 'node:fs/promises';
import { ChatbotError } from '../core/errors.js';
import type { FileStamp } from './file-stamps.js';
import { readSections, writeSections, type Section } from './index-files.js';
import { PackedStrings } from './packed-strings.js';

/** A file the loader rejected, reported again on every run while it stays as it is. */
export interface SkippedFile {
  file: string;
  field?: string;
  reason: string;
}

/**
 * What the articles folder looked like when an index version was built or last checked against it: what lets an
 * unchanged folder be recognised without reading it. Kept beside the version (`folder.bin`) and replaced on its own
 * when only file times changed.
 */
export interface FolderRecord {
  /** Every file of the folder, undefined when it could not be listed. */
  files?: FileStamp[];
  /** Wall-clock time just before `files` were stamped. */
  stampedAtMs?: number;
  skipped: SkippedFile[];
  /** The size cap the folder was read with: another cap reads the folder again. */
  maxArticleBytes?: number;
}

/** The small part, as JSON in one section. */
interface RecordHeader {
  hasFiles: boolean;
  stampedAtMs?: number;
  skipped: SkippedFile[];
  maxArticleBytes?: number;
}

/** Writes a folder record (to a temporary name, fsynced, then renamed over `path`: readers see the old or the new). */
export async function writeFolderRecord(path: string, record: FolderRecord): Promise<void> {
  const files = record.files ?? [];
  const header: RecordHeader = {
    hasFiles: record.files !== undefined,
    ...(record.stampedAtMs !== undefined ? { stampedAtMs: record.stampedAtMs } : {}),
    skipped: record.skipped,
    ...(record.maxArticleBytes ? { maxArticleBytes: record.maxArticleBytes } : {}),
  };
  const sections: Record<string, Section> = {
    folderHeader: new Uint8Array(Buffer.from(JSON.stringify(header), 'utf8')),
    ...PackedStrings.toSections('fileName', files.map((stamp) => stamp.file)),
    ...PackedStrings.toSections('fileHash', files.map((stamp) => stamp.contentHash ?? '')),
    fileHasHash: Uint8Array.from(files, (stamp) => (stamp.contentHash === undefined ? 0 : 1)),
    fileSize: Float64Array.from(files, (stamp) => stamp.size),
    fileModified: Float64Array.from(files, (stamp) => stamp.modifiedMs),
  };
  await writeSections(`${path}.tmp`, sections);
  await rename(`${path}.tmp`, path);
}

/**
 * Reads a folder record; undefined when it is missing or damaged, which only costs the next ingest a full read of the
 * folder (every article's content hash is in the article list).
 */
export async function readFolderRecord(path: string): Promise<FolderRecord | undefined> {
  try {
    const sections = await readSections(path);
    const headerBytes = sections.get('folderHeader');
    if (!(headerBytes instanceof Uint8Array)) return undefined;
    const header = JSON.parse(Buffer.from(headerBytes.buffer, headerBytes.byteOffset, headerBytes.byteLength).toString('utf8')) as RecordHeader;
    const sizes = sections.get('fileSize');
    const modified = sections.get('fileModified');
    const hasHash = sections.get('fileHasHash');
    const count = sizes instanceof Float64Array ? sizes.length : -1;
    if (!(modified instanceof Float64Array && hasHash instanceof Uint8Array) || modified.length !== count || hasHash.length !== count || !Array.isArray(header.skipped)) {
      return undefined;
    }
    const names = PackedStrings.fromSections(sections, 'fileName', count);
    const hashes = PackedStrings.fromSections(sections, 'fileHash', count);
    const files: FileStamp[] = [];
    for (let position = 0; position < count; position += 1) {
      files.push({
        file: names.at(position),
        size: sizes![position]!,
        modifiedMs: modified[position]!,
        ...(hasHash[position] === 1 ? { contentHash: hashes.at(position) } : {}),
      });
    }
    return {
      ...(header.hasFiles ? { files } : {}),
      ...(header.stampedAtMs !== undefined ? { stampedAtMs: header.stampedAtMs } : {}),
      skipped: header.skipped,
      ...(header.maxArticleBytes ? { maxArticleBytes: header.maxArticleBytes } : {}),
    };
  } catch (error) {
    if (error instanceof ChatbotError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
