import { rmSync } from 'node:fs';
import { RandomAccessFile } from './random-access-file.js';

/** Numbers kept per block: 4 MB each. */
const BLOCK_BITS = 20;
const BLOCK_SIZE = 1 << BLOCK_BITS;

/**
 * A growing list of 32-bit numbers, appended and then read back, in fixed blocks: building postings for many chunks
 * allocates a few large arrays rather than millions, and growing never copies what is already there. Given a file,
 * every full block is written to it and only one block is kept in memory (the operating system caches the rest), so a
 * first build of a million chunks does not hold a gigabyte of pending postings beside the merged ones.
 */
export class NumberLog {
  private readonly blocks: Uint32Array[] = [];
  private file: RandomAccessFile | undefined;
  /** The block last read back from the file, and its number. */
  private readBlock: Uint32Array | undefined;
  private readBlockNumber = -1;
  /** Blocks written to the file: numbers before `spilled × BLOCK_SIZE` are read back from it. */
  private spilled = 0;
  length = 0;

  /** `spillPath`: where full blocks go (created on the first full block, deleted by `dispose`); absent keeps all in memory. */
  constructor(private readonly spillPath?: string) {}

  push(value: number): void {
    const offset = this.length & (BLOCK_SIZE - 1);
    if (offset === 0) this.startBlock();
    this.blocks[this.blocks.length - 1]![offset] = value;
    this.length += 1;
  }

  /** The number at `index`; reading in order touches each spilled block once. */
  at(index: number): number {
    const number = index >>> BLOCK_BITS;
    const offset = index & (BLOCK_SIZE - 1);
    if (number >= this.spilled) return this.blocks[number - this.spilled]![offset]!;
    if (number !== this.readBlockNumber) {
      this.readBlock ??= new Uint32Array(BLOCK_SIZE);
      this.file!.readInto(new Uint8Array(this.readBlock.buffer), number * BLOCK_SIZE * 4);
      this.readBlockNumber = number;
    }
    return this.readBlock![offset]!;
  }

  /** Closes and deletes the spill file; the log must not be used afterwards. */
  dispose(): void {
    if (!this.file) return;
    this.file.close();
    rmSync(this.file.path, { force: true });
    this.file = undefined;
  }

  private startBlock(): void {
    const full = this.blocks[this.blocks.length - 1];
    if (!full || this.spillPath === undefined) {
      this.blocks.push(new Uint32Array(BLOCK_SIZE));
      return;
    }
    this.file ??= RandomAccessFile.create(this.spillPath);
    this.file.append(new Uint8Array(full.buffer));
    this.spilled += 1;
    // The one block in memory is reused for the next numbers.
    this.blocks[0] = full;
    this.blocks.length = 1;
  }
}
