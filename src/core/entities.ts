import { foldDiacritics, syllableKey } from '../ingest/normalize-vietnamese.js';

/** A typed fact found in a sentence, with UTF-16 offsets into it. */
export interface Entity {
  text: string;
  start: number;
  end: number;
}

// Common Vietnamese family names: a capitalised run starting with one of them is very likely a person's name.
const SURNAMES = new Set(
  (
    'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Lương Trịnh Chu Mai Cao Lâm Tô ' +
    'Tạ Đào Trương Thái Quách Châu Lưu Phùng Kiều Triệu Tăng Lại Khúc Mạc Hứa Giang Nghiêm Thân Vi Hà Đồng Văn Tôn ' +
    'Ninh Bạch Âu Diệp Doãn Đàm Đào Hầu Kim Lò Mạnh Nông Quan Sầm Thạch Trịnh Tống Ông Lã Bế Hoàng Cù Hoa Khổng ' +
    'Lục Mẫn Ngọc Phí Phó Tiêu Trình Trang Ưng Viên Yên'
  )
    .split(' ')
    .map(syllableKey),
);
// Capitalised words that start titles, bodies and places rather than names.
const NOT_NAME_WORDS = new Set(
  (
    'Đảng Ủy Ban Thường Vụ Đại Hội Phường Xã Thành Phố Tỉnh Huyện Quận UBND HĐND MTTQ Nhân Dân Chủ Tịch Bí Thư Phó ' +
    'Nghị Quyết Trung Tâm Mặt Trận Tổ Quốc Việt Nam Sở Nội Kiểm Tra Chấp Hành Đồng Chí Ông Bà Mẹ Hội Nghị Công Văn ' +
    'Chương Trình Đại Lộ Đường Phố Số Ngày Tháng Năm Theo Tại Trong Về Với Sau Trước Khi Đây Như Vậy Toàn Các Những ' +
    'Người Cùng Đến Từ Qua Nhằm Dự Lãnh Đạo Hội Trường Báo Cáo Quốc Hội Thành Ủy Tp TP Cô Thầy Bác Sĩ Đại Tá Thượng Trung Thiếu Úy Ông Bà Anh Chị Em'
  )
    .split(' ')
    .map(syllableKey),
);
// Words that never stand inside a person's name ("Đại", "Thành", "Nam" do: Hoàng Văn Đại, Đinh Thành Đồng, Phạm Hải Nam).
// "Thư" is a given name ("Võ Thị Anh Thư"): "Bí" alone keeps "Bí Thư" out.
const NEVER_IN_NAME = new Set('Đảng Ủy UBND HĐND MTTQ Phường Xã Tỉnh Huyện Quận Sở Bí Chủ Tịch Ban Hội'.split(' ').map(syllableKey));
const CITY_PREFIX = /(?:thành phố|tp\.?|tỉnh|quận|huyện)\s*$/iu;
const PLACE_PREFIX = /(phường|xã|đường|phố|đại lộ|quận|huyện|tỉnh|thành phố|tp\.?|thị trấn|thôn|khu|tổ dân phố|trường|mầm non|tiểu học|trung học|mẫu giáo|nhà văn hóa|chung cư|bệnh viện|chợ|cầu|chùa|đình|công viên|hồ)\s*$/iu;
// A capitalised word may hold an apostrophe: Ê Đê, Jrai and K'Ho names such as "H'Lan Niê" or "K'Sor".
const CAPITALISED_RUN = /\p{Lu}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)?(?:\s+\p{Lu}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)?)*/gu;

/**
 * Names of the Central Highlands peoples have no Kinh family name in front: a first word with an apostrophe ("H'Lan
 * Niê") or the Ê Đê man's "Y" before two more capitalised words ("Y Khoa Byă") marks them.
 */
function isHighlandsName(words: readonly string[]): boolean {
  const first = words[0] ?? '';
  return /['’]/u.test(first) || (first === 'Y' && words.length >= 3);
}

/** Person names: runs of 2–5 capitalised syllables that start with a family name or follow "đồng chí"/"ông"/"bà". */
export function findPersons(sentence: string): Entity[] {
  const persons: Entity[] = [];
  for (const match of sentence.matchAll(CAPITALISED_RUN)) {
    const words = match[0].split(/\s+/);
    let start = match.index ?? 0;
    // Drop leading non-name words ("Đồng chí Lê Anh Quân" → "Lê Anh Quân").
    while (words.length > 0 && NOT_NAME_WORDS.has(syllableKey(words[0] as string)) && !SURNAMES.has(syllableKey(words[0] as string))) {
      start += (words.shift() as string).length;
      start += sentence.slice(start).length - sentence.slice(start).trimStart().length;
    }
    // A place name glued to a person's ("phường Phong Thái Dương Phước Phú"): start at the family name that leaves a
    // three-syllable name, the most common length.
    if (words.length > 3 && !SURNAMES.has(syllableKey(words[0] as string))) {
      const at = words.length - 3;
      if (SURNAMES.has(syllableKey(words[at] as string))) {
        for (const word of words.splice(0, at)) start += word.length + 1;
      }
    }
    if (words.length < 2 || words.length > 5) continue;
    const before = sentence.slice(Math.max(0, start - 20), start);
    const startsWithSurname = SURNAMES.has(syllableKey(words[0] as string)) || isHighlandsName(words);
    // After "phường"/"đường" a two-syllable run is a place; a longer one starting with a family name is a person
    // (a ward's name glued to a name). After "TP", "tỉnh", "quận" it is a place whatever it looks like ("TP Hồ Chí Minh").
    if (PLACE_PREFIX.test(before) && (!(startsWithSurname && words.length >= 3) || CITY_PREFIX.test(before))) continue;
    const introduced = /(đồng chí|ông|bà|anh|chị|cô|thầy|bác sĩ|đại tá|thượng tá|trung tá|thiếu tá|Mẹ Việt Nam anh hùng)\s*$/iu.test(before);
    if (!introduced && !startsWithSurname) continue;
    if (words.some((word) => NEVER_IN_NAME.has(syllableKey(word)))) continue;
    const text = words.join(' ');
    persons.push({ text, start, end: start + text.length });
  }
  return persons;
}

// "22-23/8" (a congress over two days) is one date.
// "8.8.2025" and "25-12-2025" (with the year, so a range such as "5-10" is no date), as many papers write them.
const DATE = /\b\d{1,2}[.-]\d{1,2}[.-](?:19|20)\d{2}\b|\b(?:\d{1,2}\s?[-–]\s?)?\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|\b\d{1,2}\/(?:19|20)\d{2}\b|(?:ngày|tháng)\s+\d{1,2}(?![\d/\-–]|\.\d)(?:\s+(?:tháng|năm)\s+\d{1,4})*/giu;
// Lookarounds instead of \b, which is ASCII-only and so never matches after "giờ" ("đến 17 giờ,").
const TIME = /(?<![\p{L}\d])\d{1,2}\s?(?:giờ|h|g)(?:\s?\d{2})?(?:\s?phút)?(?![\p{L}\d])|(?<![\d:])\d{1,2}:\d{2}(?![\d:])/giu;
const SPAN_JOINER = /^\s*(?:đến|tới|-|–|—)\s*$/iu;
const CODE = /\b\d+[-/][\p{Lu}\p{L}]+(?:[-/][\p{Lu}\p{L}]+)*\b/gu;
const NUMBER = /\d+(?:[.,]\d+)*\s?%?/gu;

/** Dates such as "15/8", "19/11/2025" or "ngày 9 tháng 8". */
export function findDates(sentence: string): Entity[] {
  return matches(sentence, DATE).filter((entity) => !isFraction(entity.text, sentence.slice(entity.end)));
}

/**
 * "42/45 khu phố" and "16/19 chỉ tiêu" are counts, not dates: the second number is no month, or a noun follows where a
 * date would not have one.
 */
function isFraction(text: string, after: string): boolean {
  const parts = /^(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (!parts) return false;
  const [day, month] = [Number(parts[1]), Number(parts[2])];
  if (month > 12 || day > 31 || month === 0 || day === 0) return true;
  return /^\s+(?:khu|tổ|chỉ|xã|phường|thôn|hộ|trường|đơn|cơ|chi|đảng|người|học|tiêu|xóm|bản|ấp|doanh|hợp|công)/iu.test(after);
}

/** Clock times such as "7h30" or "14:00". */
export function findTimes(sentence: string): Entity[] {
  return matches(sentence, TIME);
}

/**
 * Opening hours as the article states them: a span "từ 7 giờ 30 đến 17 giờ" or "7h30–11h30" as one entity, and any
 * clock time outside a span on its own.
 */
export function findTimeSpans(sentence: string): Entity[] {
  const times = findTimes(sentence);
  const found: Entity[] = [];
  for (let index = 0; index < times.length; index++) {
    const first = times[index] as Entity;
    const second = times[index + 1];
    if (!second || !SPAN_JOINER.test(sentence.slice(first.end, second.start))) {
      found.push(first);
      continue;
    }
    const from = /từ\s+$/iu.exec(sentence.slice(0, first.start));
    const start = from ? first.start - from[0].length : first.start;
    found.push({ text: sentence.slice(start, second.end), start, end: second.end });
    index++;
  }
  return found;
}

// "Chiều 14-8", "sáng ngày 28/8", "buổi tối": a part of the day, as a time (not "sáng tạo", "tối đa").
const PART_OF_DAY = /(?<![\p{L}])(?:buổi\s+(?:sáng|chiều|tối|trưa)|(?:sáng|chiều|tối|trưa)(?=\s+(?:ngày\s+\d|cùng ngày|hôm|nay|mai|thứ|chủ nhật|\d{1,2}[-/.]\d{1,2})))(?![\p{L}])/giu;

/** The parts of the day a sentence names ("Chiều 14-8", "buổi sáng"), for "buổi nào" questions. */
export function findPartsOfDay(sentence: string): Entity[] {
  return matches(sentence, PART_OF_DAY);
}

/**
 * True when a date is the day a document was issued or signed ("Nghị quyết số 59-NQ/TW, ban hành ngày 2/3/2025",
 * "đề ngày 6/4/2025"), which answers "ban hành khi nào" but not when something happened.
 */
export function isIssueDate(sentence: string, date: Entity): boolean {
  const before = sentence.slice(Math.max(0, date.start - 30), date.start);
  return /(?:(?:ban hành|ký)\s+(?:vào\s+)?(?:ngày\s+)?|đề\s+ngày\s+)$/iu.test(before);
}

/** Which tier of government a title belongs to: the ward/commune, a district, or the province/city. */
export type GovernmentLevel = 'local' | 'district' | 'provincial' | 'central';

const OFFICE = '(?:ubnd|hdnd|uy ban nhan dan|hoi dong nhan dan|dang uy|uy ban mttq|mttq|mat tran to quoc|cong an|chu tich|bi thu)';
const LEVEL_PATTERNS: Array<{ level: GovernmentLevel; pattern: RegExp }> = [
  { level: 'local', pattern: new RegExp(`\\b${OFFICE} (?:viet nam )?(?:xa|phuong|thi tran)\\b`) },
  { level: 'district', pattern: new RegExp(`\\b(?:${OFFICE} (?:viet nam )?(?:huyen|quan|thi xa)\\b|(?:huyen|quan|thi) uy\\b)`) },
  { level: 'provincial', pattern: new RegExp(`\\b(?:${OFFICE} (?:viet nam )?(?:tinh|thanh pho|tp)\\b|(?:tinh|thanh) uy\\b)`) },
  // The Secretariat ("Thường trực Ban Bí thư"), the Politburo, the National Assembly, ministers: never a ward's office.
  { level: 'central', pattern: /\b(?:ban bi thu|bo chinh tri|trung uong|quoc hoi|chinh phu|thu tuong|bo truong|thu truong|chu tich nuoc)\b/ },
];

/** The tiers of government the titles in a text name ("Phó Chủ tịch UBND tỉnh", "Thành ủy viên"); empty when none. */
export function governmentLevels(text: string): Set<GovernmentLevel> {
  const folded = ` ${foldDiacritics(text).toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ')} `;
  return new Set(LEVEL_PATTERNS.filter(({ pattern }) => pattern.test(folded)).map(({ level }) => level));
}

/**
 * The titles that belong to a name in a sentence: an appositive after it ("Phan Văn A, Phó Chủ tịch UBND tỉnh"), else
 * the words before it back to the previous name or clause ("Phó Chủ tịch UBND xã là các đồng chí A và B").
 */
export function titleAround(sentence: string, entity: Entity, others: readonly Entity[]): string {
  const nextName = others.filter((other) => other.start >= entity.end).map((other) => other.start);
  const afterEnd = Math.min(sentence.length, ...nextName, ...boundaries(sentence, entity.end));
  const after = sentence.slice(entity.end, afterEnd);
  if (/^\s*[,(–-]/u.test(after)) return after;
  const previousName = others.filter((other) => other.end <= entity.start).map((other) => other.end);
  const beforeStart = Math.max(0, ...previousName, ...[';', ':', '.'].map((mark) => sentence.lastIndexOf(mark, entity.start - 1) + 1));
  return sentence.slice(beforeStart, entity.start);
}

function boundaries(sentence: string, from: number): number[] {
  return [';', '.'].map((mark) => sentence.indexOf(mark, from)).filter((at) => at >= 0);
}

/** Document numbers such as "05-CTr/TU" or "19484/UBND-HCC". */
export function findCodes(sentence: string): Entity[] {
  return matches(sentence, CODE);
}

// A Vietnamese phone number: a leading 0 (or +84) and 9–11 digits, written whole or in groups ("0238 3865 119").
// Groups of one digit occur too ("0221 3 862 415": area code, exchange digit, number).
const PHONE = /(?<![\d.,/])(?:\+84[ .]?|0)\d{2,4}(?:[ .]\d{1,4}){1,4}(?![\d/]|[.,]\d)|(?<![\d.,/])0\d{8,10}(?![\d/]|[.,]\d)/gu;

/** Phone numbers such as "0238 3865 119", "0221 3 862 415", "0917.246.808" or "0909318472" (at least 9 digits after the 0). */
export function findPhoneNumbers(sentence: string): Entity[] {
  return matches(sentence, PHONE).filter((entity) => entity.text.replace(/\D/g, '').replace(/^84/, '0').length >= 10);
}

/** Quantities: numbers that are not dates, years, document numbers or ordinals of a term ("nhiệm kỳ 2025-2030"). */
export function findQuantities(sentence: string): Entity[] {
  const excluded = [...findDates(sentence), ...findCodes(sentence), ...findTimes(sentence)];
  return matches(sentence, NUMBER).filter((entity) => {
    if (excluded.some((other) => entity.start < other.end && other.start < entity.end)) return false;
    const value = entity.text.trim();
    if (/^(19|20)\d{2}$/.test(value)) return false;
    const before = sentence.slice(Math.max(0, entity.start - 12), entity.start);
    // "Quyết định số 12", "lần thứ 3" number things; "dân số 41.250", "tổng số 520" count them.
    if (/(?<!(?:dân|tổng|con|chỉ|hệ|đa)\s)(số|thứ|lần)\s*$/iu.test(before) && !/%/.test(value)) return false;
    return true;
  });
}

// Kinds of sites a "where" answer names without a street address: "tại công viên Hòa Bình", "ở trụ sở xã Tân Mỹ cũ".
const SITE_NOUNS =
  '[Cc]ông viên|[Tt]rụ sở|[Nn]hà văn hóa|[Nn]hà văn hoá|[Hh]ội trường|[Ss]ân vận động|[Qq]uảng trường|[Tt]rường|[Bb]ệnh viện|' +
  '[Tt]rạm y tế|[Tt]rạm [Yy] tế|[Cc]hợ|[Cc]hùa|[Đđ]ình|[Đđ]ền|[Nn]hà thờ|[Nn]hà thi đấu|[Tt]rung tâm|[Kk]hu|[Ấấ]p|[Bb]ản|[Bb]uôn|[Ll]àng|[Xx]óm|[Tt]hôn';
const NAMED_PLACE = '\\p{Lu}[\\p{L}\\p{M}]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}]*)*';
const LOCATION = new RegExp(
  [
    `(?:số\\s+\\d+[\\p{L}\\d/]*\\s+)?(?:đường|phố|đại lộ|Đại lộ|thôn|ấp|buôn|xóm|làng|khu|tổ dân phố|ngõ|ngách)\\s+${NAMED_PLACE}`,
    `(?<=(?<![\\p{L}\\p{M}])(?:tại|ở|trên)\\s+)\\p{Lu}[\\p{L}\\p{M}]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}]*)+`,
    // After "tại"/"ở" (left out, so a site the question names is recognised as such): a site, up to three lower-case
    // words ("xã", "văn hóa ấp"), its name, and "cũ" for a former unit's building.
    `(?<=(?<![\\p{L}\\p{M}])(?:tại|ở)\\s+)(?:${SITE_NOUNS})(?:\\s+\\p{Ll}[\\p{L}\\p{M}]*){0,3}?\\s+${NAMED_PLACE}(?:\\s+cũ)?`,
  ].join('|'),
  'gu',
);
// "Trụ sở: trụ sở xã Tân Mỹ cũ", "Địa điểm: Nhà văn hóa thôn 3": the value after a place label.
const PLACE_LABEL = /(?:^|[-•*]\s*)(?:Trụ sở|Địa chỉ|Địa điểm)[^:\n]{0,40}:\s+([^;\n]*[^;\n.])/gu;

/** Addresses and named sites: "số 28 Đại lộ Lê Lợi", "trên Đại lộ Nguyễn Hoàng", "tại công viên Hòa Bình", "Trụ sở: …". */
export function findLocations(sentence: string): Entity[] {
  const found = matches(sentence, LOCATION);
  for (const match of sentence.matchAll(PLACE_LABEL)) {
    const value = match[1] ?? '';
    const start = (match.index ?? 0) + match[0].length - value.length;
    if (!found.some((entity) => entity.start < start + value.length && start < entity.end)) found.push({ text: value, start, end: start + value.length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Items of an enumeration: capitalised names (people or places) after the sentence start. */
export function findListItems(sentence: string): Entity[] {
  const items: Entity[] = [];
  for (const match of sentence.matchAll(CAPITALISED_RUN)) {
    const start = match.index ?? 0;
    if (start === 0) continue;
    // Title words in front ("Ủy Ban", "Thành Phố") are no name; after a name's first word they are part of it
    // ("Đồng Thành", "Quang Trung").
    const all = match[0].split(/\s+/);
    const first = all.findIndex((word) => !NOT_NAME_WORDS.has(syllableKey(word)));
    const words = first < 0 ? [] : all.slice(first);
    // After "phường"/"xã" a two-syllable run is a place name even when a syllable is also a title word ("Gia Nam").
    const afterPlaceWord = /(?:phường|xã|thị trấn|thôn|huyện|quận)\s+$/iu.test(sentence.slice(Math.max(0, start - 12), start));
    if (words.length >= 2 || (afterPlaceWord && match[0].split(/\s+/).length >= 2)) items.push({ text: match[0], start, end: start + match[0].length });
  }
  return items;
}

// Words after which an enumeration's first item starts ("gồm phòng khám, phòng tiêm chủng và phòng xét nghiệm").
// "thành lập trên cơ sở sắp xếp phường A, phường B và xã C": the units merged are listed after the verb of merging.
const ENUMERATION_OPENER = /(?:^|\s)(?:gồm có|gồm|bao gồm|là|như|lĩnh vực|các|sắp xếp|sáp nhập|hợp nhất)\s+(?=\S)/giu;
// "cùng sinh sống gồm: Mông, Dao, …": a lead-in ending in a colon opens the clause after it.
// "sáp nhập 3 xã: A, B và C" and "hợp nhất các phường:" open the units merged the same way.
const OPENED_BY_COLON = /(?:gồm có|gồm|bao gồm|như sau|là|(?:sáp nhập|hợp nhất|sắp xếp)(?:\s+(?:từ|các|\d+|hai|ba|bốn|năm|sáu))*(?:\s+(?:xã|phường|thị trấn|đơn vị(?: hành chính)?)(?:,\s*(?:xã|phường|thị trấn))*)?)\s*:\s*$/iu;
const MAX_ITEM_WORDS = 8;

/**
 * Items of a written-out enumeration, lower-case ones included: "hộ tịch, chứng thực và bảo trợ xã hội" gives three
 * items. Only a run of at least three short pieces joined by commas and a final "và"/"hoặc", opened by "gồm", "là",
 * "như", "các" or "lĩnh vực", counts.
 */
export function findEnumeration(sentence: string): Entity[] {
  for (const clause of sentence.matchAll(/[^;:.()]+/gu)) {
    const clauseStart = clause.index ?? 0;
    const pieces: Entity[] = [];
    // The piece after the last "và" closes the enumeration: what follows it ("…, đi vào hoạt động từ …") is not an item.
    let lastItem = -1;
    for (const segment of clause[0].matchAll(/[^,]+/gu)) {
      const segmentStart = clauseStart + (segment.index ?? 0);
      let offset = 0;
      for (const part of segment[0].split(/(\s+(?:và|hoặc)\s+)/u)) {
        if (/\s+(?:và|hoặc)\s+/u.test(part)) lastItem = pieces.length;
        else pieces.push(trimmedEntity(sentence, segmentStart + offset, segmentStart + offset + part.length));
        offset += part.length;
      }
    }
    if (lastItem >= 0) pieces.splice(lastItem + 1);
    if (!/\s(?:và|hoặc)\s/u.test(clause[0])) continue;
    if (OPENED_BY_COLON.test(sentence.slice(0, clauseStart)) && pieces.length >= 3 && pieces.every((piece) => piece.text.split(/\s+/).length <= MAX_ITEM_WORDS)) return pieces;
    // The enumeration starts at the last piece that holds an opener, after the opener.
    const opens = (piece: Entity) => new RegExp(ENUMERATION_OPENER.source, 'iu').test(piece.text);
    const openerAt = pieces.length - 1 - [...pieces].reverse().findIndex(opens);
    const opening = pieces[openerAt];
    if (!opening || !opens(opening)) continue;
    const openers = [...opening.text.matchAll(ENUMERATION_OPENER)];
    const opener = openers[openers.length - 1] as RegExpMatchArray;
    const items = [trimmedEntity(sentence, opening.start + (opener.index ?? 0) + opener[0].length, opening.end), ...pieces.slice(openerAt + 1)];
    if (items.length < 3 || items.some((item) => item.text.split(/\s+/).length > MAX_ITEM_WORDS)) continue;
    return items;
  }
  return [];
}

function trimmedEntity(sentence: string, start: number, end: number): Entity {
  const raw = sentence.slice(start, end);
  const leading = raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { text, start: start + leading, end: start + leading + text.length };
}

function matches(sentence: string, pattern: RegExp): Entity[] {
  const found: Entity[] = [];
  for (const match of sentence.matchAll(pattern)) {
    const text = match[0].trimEnd();
    if (!text) continue;
    const start = match.index ?? 0;
    found.push({ text, start, end: start + text.length });
  }
  return found;
}

const WEEKDAY_WORDS: Record<string, number> = { hai: 2, ba: 3, tư: 4, năm: 5, sáu: 6, bảy: 7, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const WEEKDAY = '(?:thứ\\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|(chủ nhật))';
const WEEKDAY_RANGE = new RegExp(`từ\\s+${WEEKDAY}\\s+(?:đến|tới|-|–)\\s+(?:hết\\s+)?${WEEKDAY}|${WEEKDAY}`, 'giu');

/**
 * The days of the week a sentence names, 2 (thứ Hai) to 8 (Chủ nhật), a range "từ thứ Hai đến thứ Sáu" counting
 * every day in it; ordinals ("lần thứ năm") are not read as days.
 */
export function findWeekdays(sentence: string): Set<number> {
  const days = new Set<number>();
  const dayOf = (word: string | undefined, sunday: string | undefined) => (sunday ? 8 : WEEKDAY_WORDS[(word ?? '').toLowerCase()]);
  for (const match of sentence.matchAll(WEEKDAY_RANGE)) {
    const before = sentence.slice(Math.max(0, (match.index ?? 0) - 12), match.index ?? 0);
    if (/(?:lần|điểm|kỳ|khóa|phiên|đợt|văn bản|địa điểm|nhiệm kỳ)\s*$/iu.test(before)) continue;
    const from = dayOf(match[1], match[2]);
    const to = dayOf(match[3], match[4]);
    if (from !== undefined && to !== undefined) {
      for (let day = from; day <= to; day++) days.add(day);
      continue;
    }
    const single = dayOf(match[5], match[6]);
    if (single !== undefined) days.add(single);
  }
  return days;
}

/** Days of the week a sentence names ("sáng Chủ nhật hằng tuần", "từ thứ Hai đến thứ Sáu"), as quoted; ordinals ("lần thứ năm") are left out. */
export function findWeekdayMentions(sentence: string): Entity[] {
  const found: Entity[] = [];
  for (const match of sentence.matchAll(WEEKDAY_RANGE)) {
    const start = match.index ?? 0;
    const before = sentence.slice(Math.max(0, start - 12), start);
    if (/(?:lần|điểm|kỳ|khóa|phiên|đợt|văn bản|địa điểm|nhiệm kỳ)\s*$/iu.test(before)) continue;
    found.push({ text: match[0], start, end: start + match[0].length });
  }
  return found;
}
