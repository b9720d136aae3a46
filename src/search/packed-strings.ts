import { ChatbotError } from '../core/errors.js';
import type { Section } from './index-files.js';

/**
 * Strings stored as one UTF-8 byte array and the end offset of each, as two sections of an index file: a million
 * articles' titles load with two reads and are decoded one at a time when asked for, where a JSON list would be parsed
 * whole (about ten seconds and a gigabyte and a half at a million chunks).
 */
export class PackedStrings {
  private readonly text: Buffer;

  private constructor(
    bytes: Uint8Array,
    private readonly ends: Uint32Array,
  ) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Packs `strings` into the sections `<name>` (bytes) and `<name>Ends`. */
  static toSections(name: string, strings: readonly string[]): Record<string, Section> {
    const ends = new Uint32Array(strings.length);
    let total = 0;
    strings.forEach((text, position) => {
      total += Buffer.byteLength(text, 'utf8');
      ends[position] = total;
    });
    if (total > 2 ** 32 - 1) throw new ChatbotError('input-invalid', `The ${name} strings exceed 4 GB, more than one index holds.`);
    const bytes = Buffer.alloc(total);
    let offset = 0;
    for (const text of strings) offset += bytes.write(text, offset, 'utf8');
    return { [name]: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), [`${name}Ends`]: ends };
  }

  /** Takes back the sections of `toSections`; throws ChatbotError('index-corrupt') when they are missing or disagree. */
  static fromSections(sections: ReadonlyMap<string, Section>, name: string, count: number): PackedStrings {
    const bytes = sections.get(name);
    const ends = sections.get(`${name}Ends`);
    if (!(bytes instanceof Uint8Array && ends instanceof Uint32Array) || ends.length !== count || (count > 0 && ends[count - 1] !== bytes.length)) {
      throw new ChatbotError('index-corrupt', `The stored ${name} strings are incomplete; run \`hoiphuong ingest\` to rebuild the index.`);
    }
    for (let position = 1; position < count; position += 1) {
      if (ends[position]! < ends[position - 1]!) throw new ChatbotError('index-corrupt', `The stored ${name} strings are out of order; run \`hoiphuong ingest\` to rebuild the index.`);
    }
    return new PackedStrings(bytes, ends);
  }

  /** How many strings there are. */
  get count(): number {
    return this.ends.length;
  }

  /** The string at `position`. */
  at(position: number): string {
    const start = position === 0 ? 0 : this.ends[position - 1]!;
    return this.text.toString('utf8', start, this.ends[position]!);
  }
}
