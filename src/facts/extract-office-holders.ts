import { findDates, findPersons, governmentLevels, type Entity } from '../core/entities.js';
import { splitSentences } from '../ingest/split-sentences.js';
import type { Article } from '../core/types.js';
import { WardContext, wardNameOf } from './ward-context.js';
import type { Span } from '../ingest/split-sentences.js';
import { factSource, type OfficeHolderFact, type OfficeLevel } from './fact.js';

const UY = '(?:ủy|uỷ)';
const BODY = [
  `[Đđ]ảng ${UY}`,
  `Thành ${UY}`,
  `Tỉnh ${UY}`,
  `Huyện ${UY}`,
  `Quận ${UY}`,
  'UBND',
  'HĐND',
  `(?:Ủy|Uỷ) ban [Nn]hân dân`,
  `Hội đồng [Nn]hân dân`,
  `(?:Ủy|Uỷ) ban MTTQ(?: Việt Nam)?`,
  `(?:Ủy|Uỷ) ban Mặt trận Tổ quốc(?: Việt Nam)?`,
].join('|');
const NAME = '\\p{Lu}[\\p{L}\\p{M}]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}]*)*';
const UNIT = '(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|tỉnh|thành phố|TP\\.?)';
// The office words, then an optional tier and place ("Chủ tịch UBND xã Mỹ Tú", "Phó Bí thư Thành ủy").
const OFFICE = new RegExp(
  `(?:(?<deputy>[Pp]hó\\s+)?(?<role>[Bb]í thư|[Cc]hủ tịch)(?<standing>\\s+[Tt]hường trực)?\\s+(?<body>${BODY})|(?<head>người đứng đầu)\\s+(?<headBody>[Đđ]ảng ${UY}))` +
    `(?:\\s+(?<unit>${UNIT})(?:\\s+(?<name>${NAME}))?)?`,
  'gu',
);
// Words that join a name to the office it takes: "giữ chức", "được bầu làm", "chuyển sang giữ chức", "đảm nhận cương vị".
const TAKES_OFFICE =
  /^\s*(?:(?:trước đó|tiếp tục|chuyển sang|được (?:bầu|chỉ định|điều động)(?:\s+(?:giữ|làm))?)\s+)?(?:giữ chức(?:\s+vụ)?|giữ cương vị|làm|đảm nhận(?:\s+(?:cương vị|chức vụ))?|giữ)?\s*$/u;
// The verbs that appoint the person named right after them ("điều động ông X", "bầu bà Y").
const APPOINTED = /(?:điều động|bổ nhiệm|bầu|chỉ định|giới thiệu|phân công)\s+(?:(?:đồng chí|ông|bà)\s+)?$/iu;
// The words that hand over an office at the end of the stretch before it ("… và chỉ định làm ").
const TAKES_OFFICE_BEFORE = /(?:giữ chức(?:\s+vụ)?|giữ cương vị|làm|đảm nhận(?:\s+(?:cương vị|chức vụ))?|nhận nhiệm vụ)\s+$/u;
const OFFICE_WORD = /[Bb]í thư|[Cc]hủ tịch|đứng đầu/u;
// What may stand between an office and the name it introduces: "Bí thư Đảng ủy xã Hòa Hội là bà Đinh Thị Trúc My".
// A list label names the holder after a colon: "- Bí thư Đảng ủy xã Sao Vàng mới: ông Mai Văn Hải".
// A comma too, when a form of address follows: "Chủ tịch UBND phường X, ông Nguyễn Văn E, cho biết".
const INTRODUCES_NAME = /^\s*(?:(?:mới|hiện nay|hiện tại|trước khi thay đổi|trước đây|cũ)\s*)?(?::\s*|,\s*(?=(?:đồng chí|ông|bà)\s))?(?:là\s+)?(?:(?:đồng chí|ông|bà)\s+)?$/iu;
// An office that directly introduces the next name belongs to it, not to the appositive list before it.
const ADJACENT_INTRODUCTION = /^\s*:?\s*(?:là\s+)?(?:(?:đồng chí|ông|bà)\s+)?$/iu;
const FORMER_LABEL = /trước khi thay đổi|trước đây|(?<![\p{L}\p{M}])cũ(?![\p{L}\p{M}])/iu;
// "Ông X được điều động sang xã Lưu Vệ, … và làm Bí thư Đảng ủy xã Lưu Vệ": the appointment follows the name.
const APPOINTED_AFTER = /^\s*(?:,[^,.;]{0,60},\s*)?(?:vừa\s+)?được\s+(?:điều động|bổ nhiệm|chỉ định|bầu|phân công)/u;
// A segment of an appositive title list may open with these lower-case words; any other lower-case word ends the list.
const TITLE_LEAD = /^\s*(?:kiêm|nguyên|trước đó|hiện là|đồng thời là|từng giữ|từng là)(?![\p{L}\p{M}])/u;
// A capitalised run after these names a city or body, not a person ("TP Hồ Chí Minh").
const PLACE_BEFORE = /(?:TP\.?|[Tt]hành phố|[Tt]ỉnh|[Tt]hủ đô)\s*$/u;
// "Phó" is a family name too, but "Phó Giám đốc" is a title.
const DEPUTY_TITLE = /^Phó\s+(?:Giám đốc|Chủ tịch|Bí thư|Trưởng|Chánh|Chủ nhiệm|Tổng|Thủ trưởng|Viện trưởng|Hiệu trưởng)/u;
// A leading "Ông"/"Bà" is a form of address even though both are family names too ("Ông Nguyễn Minh Hùng").
const ADDRESS = /^(?:Ông|Bà)\s+(?=\p{Lu})/u;
const FORMER = /(?:trước đó|nguyên|tiền nhiệm|từng giữ|từng là|cựu)/iu;
const SINCE = /(?:kể từ|từ)\s+(?:ngày\s+)?$/iu;

interface OfficeMention {
  start: number;
  end: number;
  office: string;
  organisation: string;
  /** The tier the words themselves name, undefined when they name none ("Bí thư Đảng ủy"). */
  level: OfficeLevel | undefined;
  /** `xã Mỹ Tú` when the office names its ward. */
  ward: string | undefined;
}

/** Every person a sentence of the article names with an office, with the office's tier, ward and start date. */
export function extractOfficeHolders(
  article: Pick<Article, 'id' | 'title' | 'url' | 'published' | 'place' | 'text'>,
  /** The article's sentences and ward context, when the caller has them already. */
  shared: { sentences: readonly Span[]; wards: WardContext } = articleContext(article),
): OfficeHolderFact[] {
  const facts: OfficeHolderFact[] = [];
  const seen = new Map<string, OfficeHolderFact>();
  for (const span of shared.sentences) {
    const sentence = article.text.slice(span.start, span.end);
    // Most sentences name no office: skip the name finder for them (extraction runs over every article at start-up).
    if (!OFFICE_WORD.test(sentence)) continue;
    const persons = namedPersons(sentence);
    if (persons.length === 0) continue;
    const offices = findOffices(sentence, persons);
    if (offices.length === 0) continue;
    const since = startDate(sentence);
    const source = factSource(article, span);
    for (const person of persons) {
      for (const { mention, former } of officesOf(sentence, person, persons, offices)) {
        const level = mention.level ?? 'ward';
        // "Bí thư Đảng ủy xã" in a section about a neighbouring commune belongs to that commune.
        const ward = mention.ward ?? shared.wards.otherWardAt(span.start + person.start);
        const place = level === 'ward' ? wardPlace(ward, article.place) : undefined;
        const key = [person.text, mention.office, level, place ?? '', former].join('|');
        const earlier = seen.get(key);
        if (earlier) {
          // The same holding said again: keep the first sentence, unless only the later one states the start date.
          if (!earlier.since && !former && since) Object.assign(earlier, { since, source });
          continue;
        }
        const fact: OfficeHolderFact = {
          kind: 'office',
          person: person.text,
          office: mention.office,
          organisation: mention.organisation,
          level,
          place,
          since: former ? undefined : since,
          former,
          source,
        };
        seen.set(key, fact);
        facts.push(fact);
      }
    }
  }
  return facts;
}

/** What both extractors need of an article, computed once: its sentences and which ward each part is about. */
export function articleContext(article: Pick<Article, 'place' | 'text'>): { sentences: Span[]; wards: WardContext } {
  return { sentences: splitSentences(article.text), wards: new WardContext(article.text, wardNameOf(article.place)) };
}

function namedPersons(sentence: string): Entity[] {
  const persons: Entity[] = [];
  for (const person of findPersons(sentence)) {
    if (PLACE_BEFORE.test(sentence.slice(Math.max(0, person.start - 12), person.start))) continue;
    if (DEPUTY_TITLE.test(sentence.slice(person.start))) continue;
    const address = ADDRESS.exec(person.text);
    if (address && person.text.split(/\s+/).length >= 3) {
      persons.push({ text: person.text.slice(address[0].length), start: person.start + address[0].length, end: person.end });
    } else persons.push(person);
  }
  return persons;
}

function findOffices(sentence: string, persons: readonly Entity[]): OfficeMention[] {
  const found: OfficeMention[] = [];
  for (const match of sentence.matchAll(OFFICE)) {
    const groups = match.groups ?? {};
    const start = match.index ?? 0;
    let end = start + match[0].length;
    let name = groups.name;
    // A place glued to a name ("Bí thư Đảng ủy phường Dương Phước Phú"): the place stops where the person starts.
    const person = persons.find((entity) => entity.start > start && entity.start < end);
    if (person) {
      const kept = sentence.slice(start, person.start).trimEnd();
      end = start + kept.length;
      const nameStart = groups.name !== undefined ? start + match[0].length - groups.name.length : end;
      name = nameStart < end ? sentence.slice(nameStart, end).trim() : undefined;
    }
    const body = canonicalBody(groups.body ?? groups.headBody ?? '');
    const role = groups.head ? 'Bí thư' : capitalise(groups.role ?? '');
    const office = `${groups.deputy ? 'Phó ' : ''}${role}${groups.standing ? ' Thường trực' : ''} ${body}`;
    const words = sentence.slice(start, end);
    const levels = governmentLevels(words);
    const level: OfficeLevel | undefined = levels.has('provincial') ? 'province' : levels.has('district') ? 'district' : levels.has('local') ? 'ward' : undefined;
    const unit = groups.unit;
    const ward = level === 'ward' && unit && name ? `${unit} ${name}` : undefined;
    found.push({ start, end, office, organisation: body.replace(/^(?:Thành|Tỉnh|Huyện|Quận) ủy$/u, 'Đảng ủy'), level, ward });
  }
  return found;
}

function canonicalBody(body: string): string {
  const text = body.normalize('NFC').replace(/uỷ/gu, 'ủy').replace(/Uỷ/gu, 'Ủy');
  if (/^[Đđ]ảng ủy$/u.test(text)) return 'Đảng ủy';
  if (/^(?:UBND|Ủy ban [Nn]hân dân)$/u.test(text)) return 'UBND';
  if (/^(?:HĐND|Hội đồng [Nn]hân dân)$/u.test(text)) return 'HĐND';
  if (/^Ủy ban (?:MTTQ|Mặt trận)/u.test(text)) return 'Ủy ban MTTQ';
  return text;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The offices a sentence gives one person: an appositive list after the name ("X, Bí thư Đảng ủy, Chủ tịch HĐND xã"),
 * an office the name takes ("X giữ chức …", "bầu bà X làm …", "A và B giữ chức …") or a title right before it
 * ("Chủ tịch UBND xã X", "… là ông X"). An office naming no tier takes the tier of the next one in the same list.
 */
function officesOf(sentence: string, person: Entity, persons: readonly Entity[], offices: readonly OfficeMention[]): Array<{ mention: OfficeMention; former: boolean }> {
  const chosen: Array<{ mention: OfficeMention; former: boolean }> = [];
  const before = sentence.slice(Math.max(0, person.start - 40), person.start);
  const introducedAsFormer = /tiền nhiệm|nguyên\s+$/iu.test(before);
  // Title right before the name, and any offices chained to it by commas or "kiêm".
  const immediate = offices.filter((office) => office.end <= person.start && INTRODUCES_NAME.test(sentence.slice(office.end, person.start)));
  const nearest = immediate[immediate.length - 1];
  const chain = nearest ? chainBackwards(sentence, offices, nearest) : [];
  // "đồng chí A, Bí thư Đảng ủy, đồng chí B" or "A giữ chức Bí thư …, đồng chí B": a title followed by a comma is B's
  // only when no other name comes before it in the clause.
  const clauseStart = nearest ? Math.max(0, ...[';', ':'].map((mark) => sentence.lastIndexOf(mark, chain[0]!.start - 1) + 1)) : 0;
  const ownedByPrevious =
    nearest !== undefined &&
    /,/u.test(sentence.slice(nearest.end, person.start)) &&
    persons.some((other) => other.start >= clauseStart && other.end <= chain[0]!.start);
  if (nearest && !ownedByPrevious) {
    const labelledFormer = FORMER_LABEL.test(sentence.slice(chain[chain.length - 1]!.end, person.start));
    const former = introducedAsFormer || labelledFormer || FORMER.test(sentence.slice(Math.max(0, chain[0]!.start - 20), chain[0]!.start));
    for (const mention of inheritLevels(chain)) chosen.push({ mention, former });
  }
  // An appositive list after the name.
  const nextPerson = persons.find((other) => other.start >= person.end)?.start ?? sentence.length;
  const appositive = appositiveSegments(sentence, person.end, nextPerson);
  if (appositive.length > 0) {
    const inList = offices.filter(
      (office) =>
        appositive.some((segment) => office.start >= segment.start && office.end <= segment.end) &&
        !(nextPerson < sentence.length && ADJACENT_INTRODUCTION.test(sentence.slice(office.end, nextPerson))),
    );
    let former = introducedAsFormer;
    const resolved = inheritLevels(inList);
    for (const segment of appositive) {
      if (FORMER.test(segment.text)) former = true;
      for (const mention of resolved.filter((office) => office.start >= segment.start && office.end <= segment.end)) chosen.push({ mention, former });
    }
  }
  // "điều động ông X, Phó Giám đốc Sở …, đến nhận nhiệm vụ và chỉ định làm Bí thư Đảng ủy phường": a person appointed
  // by the sentence's verb takes the first office after the name that a verb of taking office introduces.
  if (APPOINTED.test(before) || APPOINTED_AFTER.test(sentence.slice(person.end))) {
    const office = offices.find((candidate) => candidate.start >= person.end && !persons.some((other) => other.start > person.end && other.start < candidate.start));
    if (office && TAKES_OFFICE_BEFORE.test(sentence.slice(person.end, office.start)) && !chosen.some((entry) => entry.mention === office)) {
      for (const mention of inheritLevels(chainForwards(sentence, offices, office))) chosen.push({ mention, former: false });
    }
  }
  // An office the name (alone or with the names joined to it) takes.
  for (const office of offices) {
    if (office.start < person.end) continue;
    const gap = sentence.slice(person.end, office.start);
    const withoutNames = persons
      .filter((other) => other.start >= person.end && other.end <= office.start)
      .reduceRight((text, other) => text.slice(0, other.start - person.end) + '☐' + text.slice(other.end - person.end), gap);
    const joined = withoutNames.replace(/^(?:\s*(?:,|và)\s*(?:(?:các\s+)?(?:đồng chí|ông|bà)\s+)?☐)*/u, '');
    // "X Bí thư …" with no verb between is no statement that X holds it.
    if (joined.trim() === '' || !TAKES_OFFICE.test(joined)) continue;
    const chain = chainForwards(sentence, offices, office);
    for (const mention of inheritLevels(chain)) chosen.push({ mention, former: /trước đó/u.test(joined) || introducedAsFormer });
    break;
  }
  return chosen;
}

function chainBackwards(sentence: string, offices: readonly OfficeMention[], last: OfficeMention): OfficeMention[] {
  const chain = [last];
  for (let index = offices.indexOf(last) - 1; index >= 0; index--) {
    const previous = offices[index] as OfficeMention;
    if (!/^\s*(?:,|kiêm|và)\s*$/u.test(sentence.slice(previous.end, chain[0]!.start))) break;
    chain.unshift(previous);
  }
  return chain;
}

function chainForwards(sentence: string, offices: readonly OfficeMention[], first: OfficeMention): OfficeMention[] {
  const chain = [first];
  for (let index = offices.indexOf(first) + 1; index < offices.length; index++) {
    const next = offices[index] as OfficeMention;
    if (!/^\s*(?:,|kiêm|và)\s*$/u.test(sentence.slice(chain[chain.length - 1]!.end, next.start))) break;
    chain.push(next);
  }
  return chain;
}

/** "Bí thư Đảng ủy, Chủ tịch HĐND xã Sao Vàng": an office without tier or ward takes those of the next office in its list. */
function inheritLevels(list: readonly OfficeMention[]): OfficeMention[] {
  const resolved = [...list];
  for (let index = resolved.length - 2; index >= 0; index--) {
    const office = resolved[index] as OfficeMention;
    const next = resolved[index + 1] as OfficeMention;
    if (office.level === undefined && next.level !== undefined) resolved[index] = { ...office, level: next.level, ward: next.ward };
  }
  return resolved;
}

interface Segment {
  start: number;
  end: number;
  text: string;
}

/** The comma-, dash- or bracket-separated title pieces right after a name, up to the first piece that is not a title. */
function appositiveSegments(sentence: string, from: number, limit: number): Segment[] {
  const rest = sentence.slice(from, limit);
  if (!/^\s*(?:,|\(|[-–]\s)/u.test(rest)) return [];
  const segments: Segment[] = [];
  const separator = /\s*(?:,|\(|\)|;|\s[-–]\s|^[-–]\s)\s*/gu;
  let cursor = 0;
  const pieces: Array<[number, number]> = [];
  const bracketed = /^\s*\(/u.test(rest);
  for (const match of rest.matchAll(separator)) {
    const at = match.index ?? 0;
    if (at > cursor) pieces.push([cursor, at]);
    cursor = at + match[0].length;
    // "Vũ Đức Hạnh (kiêm Chủ tịch HĐND xã), Phó Bí thư … Nguyễn Hải Đông": the bracket holds all of the first name's titles.
    if (match[0].includes(';') || (bracketed && match[0].includes(')'))) {
      cursor = rest.length + 1;
      break;
    }
  }
  if (cursor < rest.length) pieces.push([cursor, rest.length]);
  for (const [start, end] of pieces) {
    const text = rest.slice(start, end);
    if (!/^\p{Lu}/u.test(text) && !TITLE_LEAD.test(text)) break;
    segments.push({ start: from + start, end: from + end, text });
  }
  return segments;
}

/** "kể từ ngày 16/1/2026" → `2026-01-16`; undefined when the sentence states no start date with its year. */
function startDate(sentence: string): string | undefined {
  for (const date of findDates(sentence)) {
    if (!SINCE.test(sentence.slice(Math.max(0, date.start - 15), date.start))) continue;
    const parts = /(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d{2})/.exec(date.text);
    if (parts) return `${parts[3]}-${parts[2]!.padStart(2, '0')}-${parts[1]!.padStart(2, '0')}`;
  }
  return undefined;
}

/** The ward an office belongs to: the one it names (with the article's province), else the article's own. */
function wardPlace(named: string | undefined, articlePlace: string | undefined): string | undefined {
  if (!named) return articlePlace;
  if (!articlePlace) return named;
  const [first, ...rest] = articlePlace.split(',');
  if (sameName(first ?? '', named)) return articlePlace;
  return [named, ...rest.map((part) => part.trim())].join(', ');
}

function sameName(left: string, right: string): boolean {
  const key = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return key(left) === key(right);
}
