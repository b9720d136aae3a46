import { foldDiacritics } from '../ingest/normalize-vietnamese.js';

const WARD_MENTION = /(?<![\p{L}\p{M}])(?<unit>[Xx]ã|[Pp]hường|[Tt]hị trấn|[Đđ]ặc khu)\s+(?<name>\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,3})/gu;
// A sentence that lists the units merged into the ward names the old ones without moving the text's subject to them.
const MERGER = /(?:sáp nhập|hợp nhất|sắp xếp|nhập toàn bộ|nhập\s|trên cơ sở|về chung|trước đây|(?<![\p{L}\p{M}])cũ(?![\p{L}\p{M}]))/iu;
// A heading line (bold on its own, or Markdown #) starts a new section: "**Xã Tam Hồng cũng tổng kết năm 2025**".
const HEADING = /^(?:\*\*[^*\n]+\*\*|#{1,6}\s.*)\s*$/gmu;

interface Mention {
  at: number;
  end: number;
  /** `xã Tam Hồng`, or undefined for the article's own ward. */
  other: string | undefined;
}

/**
 * Which ward an article's text is about at each position: the last ward named before it in the same section, outside
 * sentences that list merged units ("nhập … xã Thống Nhất"). Built once per article, since every fact asks it.
 */
export class WardContext {
  private readonly sectionStarts: number[];
  private readonly mentions: Mention[];

  constructor(text: string, ownName: string | undefined) {
    this.sectionStarts = [0, ...[...text.matchAll(HEADING)].map((heading) => heading.index ?? 0)];
    this.mentions = [];
    for (const mention of text.matchAll(WARD_MENTION)) {
      const at = mention.index ?? 0;
      const name = mention.groups?.name ?? '';
      const end = at + mention[0].length;
      if (ownName !== undefined && sameWardName(name, ownName)) {
        this.mentions.push({ at, end, other: undefined });
        continue;
      }
      const sentenceStart = Math.max(text.lastIndexOf('. ', at), text.lastIndexOf('\n', at)) + 1;
      if (MERGER.test(text.slice(sentenceStart, nextSentenceEnd(text, at)))) continue;
      this.mentions.push({ at, end, other: `${(mention.groups?.unit ?? '').toLowerCase()} ${name}` });
    }
  }

  /** The other ward the text is about at a position; undefined when it is the article's own or none is named. */
  otherWardAt(position: number): string | undefined {
    const sectionStart = this.sectionStarts.filter((start) => start <= position).pop() ?? 0;
    let last: Mention | undefined;
    for (const mention of this.mentions) {
      if (mention.at >= position) break;
      // A mention running past the position ("phường Dương Phước Phú" when the name is the person's) does not count.
      if (mention.at >= sectionStart && mention.end <= position) last = mention;
    }
    return last?.other;
  }
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
