import { foldDiacritics } from '../ingest/normalize-vietnamese.js';

const WARD_MENTION = /(?<![\p{L}\p{M}])(?<unit>[Xx]ã|[Pp]hường|[Tt]hị trấn|[Đđ]ặc khu)\s+(?<name>\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,3})/gu;
// A sentence that lists the units merged into the ward names the old ones without moving the text's subject to them.
const MERGER = /(?:sáp nhập|hợp nhất|sắp xếp|nhập toàn bộ|nhập\s|trên cơ sở|về chung|trước đây|(?<![\p{L}\p{M}])cũ(?![\p{L}\p{M}]))/iu;
// A heading line (bold on its own, or Markdown #) starts a new section: "**Xã Tam Hồng cũng tổng kết năm 2025**".
const HEADING = /^(?:\*\*[^*\n]+\*\*|#{1,6}\s.*)\s*$/gmu;

/**
 * The ward the text is about at a position, when it is not the article's own: the last ward named before it in the
 * same section, outside sentences that list merged units ("nhập … xã Thống Nhất"). Undefined when it is the
 * article's ward or none is named.
 */
export function otherWardAt(text: string, position: number, ownName: string | undefined): string | undefined {
  let sectionStart = 0;
  for (const heading of text.matchAll(HEADING)) {
    if ((heading.index ?? 0) > position) break;
    sectionStart = heading.index ?? 0;
  }
  const section = text.slice(sectionStart, position);
  let last: string | undefined;
  for (const mention of section.matchAll(WARD_MENTION)) {
    const at = mention.index ?? 0;
    const sentenceStart = Math.max(section.lastIndexOf('. ', at), section.lastIndexOf('\n', at)) + 1;
    const sentenceEnd = nextSentenceEnd(section, at);
    const name = mention.groups?.name ?? '';
    if (ownName !== undefined && sameWardName(name, ownName)) {
      last = undefined;
      continue;
    }
    if (MERGER.test(section.slice(sentenceStart, sentenceEnd))) continue;
    last = `${(mention.groups?.unit ?? '').toLowerCase()} ${name}`;
  }
  return last;
}

function nextSentenceEnd(text: string, from: number): number {
  const ends = ['. ', '\n'].map((mark) => text.indexOf(mark, from)).filter((at) => at >= 0);
  return ends.length > 0 ? Math.min(...ends) : text.length;
}

/** "Hòa Hội" matches "Hoà Hội" and a name glued to following capitalised words ("Hội Thịnh Năm"). */
export function sameWardName(mentioned: string, own: string): boolean {
  const key = (text: string) => foldDiacritics(text.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim();
  const mentionedKey = key(mentioned);
  const ownKey = key(own);
  return mentionedKey === ownKey || mentionedKey.startsWith(`${ownKey} `);
}

/** The ward's name in a place label: `phường An Hải, TP Hải Phòng` → `An Hải`. */
export function wardNameOf(place: string | undefined): string | undefined {
  if (!place) return undefined;
  const first = place.split(',')[0] ?? '';
  return first.replace(/^\s*(?:xã|phường|thị trấn|đặc khu)\s+/iu, '').trim() || undefined;
}
