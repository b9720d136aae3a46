/**
 * Byte offsets, in the UTF-8 encoding of `text`, of the given character positions (UTF-16 indexes), in one pass over
 * the text however many positions there are: each stretch between two positions is measured once. `onMeasured` hears
 * how many characters each step measured (a seam for tests that prove the work is linear).
 */
export function utf8Offsets(text: string, positions: Iterable<number>, onMeasured?: (characters: number) => void): Map<number, number> {
  const sorted = [...new Set(positions)].sort((left, right) => left - right);
  const offsets = new Map<number, number>();
  let position = 0;
  let bytes = 0;
  for (const target of sorted) {
    const end = Math.max(0, Math.min(target, text.length));
    if (end > position) {
      onMeasured?.(end - position);
      bytes += utf8Length(text, position, end);
      position = end;
    }
    offsets.set(target, bytes);
  }
  return offsets;
}

/** UTF-8 bytes of `text.slice(start, end)` as part of the whole text: a surrogate pair counts 4 bytes at its first half. */
function utf8Length(text: string, start: number, end: number): number {
  let bytes = 0;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      // A lone surrogate is encoded as U+FFFD, 3 bytes.
      bytes += next >= 0xdc00 && next <= 0xdfff ? 4 : 3;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      const previous = text.charCodeAt(index - 1);
      bytes += index > 0 && previous >= 0xd800 && previous <= 0xdbff ? 0 : 3;
    } else bytes += 3;
  }
  return bytes;
}
