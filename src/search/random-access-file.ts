import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { ChatbotError } from '../core/errors.js';

/** Bytes copied at a time between files. */
const COPY_BLOCK = 4 * 1024 * 1024;

/** Keeps open files from outliving the index that dropped them without closing. */
const closer = new FinalizationRegistry<number>((descriptor) => {
  try {
    closeSync(descriptor);
  } catch {
    // Already closed.
  }
});

/**
 * A file read and written at byte offsets with synchronous calls: the index keeps article texts and full-precision
 * vectors in such files rather than in memory, and reads the few a question needs (the operating system caches them).
 * An open file stays readable after a newer index version replaces and deletes its folder.
 */
export class RandomAccessFile {
  private descriptor: number | undefined;
  private length: number;

  private constructor(
    private filePath: string,
    descriptor: number,
    readonly writable: boolean,
  ) {
    this.descriptor = descriptor;
    this.length = fstatSync(descriptor).size;
    closer.register(this, descriptor, this);
  }

  /** Opens an existing file for reading; throws ChatbotError('index-corrupt') when it cannot be opened. */
  static openForReading(path: string): RandomAccessFile {
    return new RandomAccessFile(path, openFile(path, 'r'), false);
  }

  /** Creates (or empties) a file to write and read. */
  static create(path: string): RandomAccessFile {
    return new RandomAccessFile(path, openFile(path, 'w+'), true);
  }

  /** Copies what `source` holds to a new file at `path` (through the open file, so a moved or deleted source still works) and opens the copy to write and read. */
  static copy(source: RandomAccessFile, path: string): RandomAccessFile {
    const copy = RandomAccessFile.create(path);
    const block = Buffer.allocUnsafe(Math.min(COPY_BLOCK, Math.max(1, source.size)));
    for (let position = 0; position < source.size; position += block.length) {
      const bytes = block.subarray(0, Math.min(block.length, source.size - position));
      source.readInto(bytes, position);
      copy.write(bytes, position);
    }
    return copy;
  }

  /** Where the file is (where it was opened, or last renamed to). */
  get path(): string {
    return this.filePath;
  }

  /** Renames the file; it stays open. */
  renameTo(path: string): void {
    renameSync(this.filePath, path);
    this.filePath = path;
  }

  /** Bytes in the file. */
  get size(): number {
    return this.length;
  }

  /** Fills `target` from byte `position`; throws ChatbotError('index-corrupt') when the file ends first. */
  readInto(target: Uint8Array, position: number): void {
    const descriptor = this.open();
    let done = 0;
    while (done < target.length) {
      const read = readSync(descriptor, target, done, target.length - done, position + done);
      if (read === 0) throw new ChatbotError('index-corrupt', `${this.path} ends before byte ${position + target.length}; run \`hoiphuong ingest\` to rebuild the index.`);
      done += read;
    }
  }

  /** The bytes from `start` to `end`. */
  read(start: number, end: number): Buffer {
    const bytes = Buffer.allocUnsafe(end - start);
    this.readInto(bytes, start);
    return bytes;
  }

  /** Writes `bytes` at `position`, growing the file when it reaches past the end. */
  write(bytes: Uint8Array, position: number): void {
    if (!this.writable) throw new ChatbotError('internal', `${this.path} was opened read-only.`);
    const descriptor = this.open();
    let done = 0;
    while (done < bytes.length) done += writeSync(descriptor, bytes, done, bytes.length - done, position + done);
    this.length = Math.max(this.length, position + bytes.length);
  }

  /** Writes `bytes` at the end and returns the position they start at. */
  append(bytes: Uint8Array): number {
    const position = this.length;
    this.write(bytes, position);
    return position;
  }

  /** Flushes written bytes to the disk. */
  sync(): void {
    fsyncSync(this.open());
  }

  /** Closes the file; later reads fail. */
  close(): void {
    if (this.descriptor === undefined) return;
    closer.unregister(this);
    closeSync(this.descriptor);
    this.descriptor = undefined;
  }

  private open(): number {
    if (this.descriptor === undefined) throw new ChatbotError('internal', `${this.path} is closed.`);
    return this.descriptor;
  }
}

function openFile(path: string, flags: string): number {
  try {
    return openSync(path, flags);
  } catch (error) {
    throw new ChatbotError('index-corrupt', `The index file ${path} cannot be opened (${describe(error)}); run \`hoiphuong ingest\` to rebuild it.`, { cause: error });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
