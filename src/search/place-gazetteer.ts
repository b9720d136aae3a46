import { foldedKey, hasDiacritics, nfc, syllableKey, tokenize } from '../ingest/normalize-vietnamese.js';
import type { PlaceMatch, PlaceResolver } from '../core/ports.js';
import type { ArticleMeta } from '../core/types.js';

/** A ward or commune the corpus has articles about, learned from `place` front matter or article titles. */
export interface Place {
  /** Administrative unit as written: `phường`, `xã`, `thị trấn`, `đặc khu`… (undefined when not given). */
  unit: string | undefined;
  /** Name as written, e.g. `An Hải`. */
  name: string;
  /** City or province as written, e.g. `Hải Phòng` (undefined when not given). */
  city: string | undefined;
  /** Human label, e.g. `phường An Hải, TP Hải Phòng`. */
  label: string;
  /** Folded syllables of the name. */
  nameKeys: string[];
  /** Folded syllables of the city. */
  cityKeys: string[];
  /** Tone-aware keys of the name, for questions typed with diacritics. */
  nameAccented: string[];
  cityAccented: string[];
  articleIds: string[];
}

/** What a question says about places. */
export type PlaceDetection =
  | { kind: 'none' }
  | { kind: 'known'; places: Place[]; /** Folded syllables of the names and cities matched. */ tokens: Set<string> }
  | { kind: 'ambiguous'; places: Place[]; tokens: Set<string>; /** The name was written as a place (after "phường"…). */ anchored: boolean }
  | { kind: 'unknown'; mention: string };

const UNIT = /^(phường|xã|thị trấn|đặc khu|quận|huyện|thị xã)\s+(.+)$/iu;
const CITY_PREFIX = /^(thành phố|tp\.?|tỉnh|t\.)\s*/iu;

/** Parses `phường An Hải, TP Hải Phòng` into unit, name and city; undefined when there is no usable name. */
export function parsePlace(label: string): Omit<Place, 'articleIds'> | undefined {
  const parts = nfc(label)
    .split(/[,;(]/)
    .map((part) => part.replace(/\)/g, '').trim())
    .filter(Boolean);
  const first = parts[0];
  if (!first) return undefined;
  const unitMatch = UNIT.exec(first);
  const unit = unitMatch ? (unitMatch[1] as string).toLowerCase() : undefined;
  const name = (unitMatch ? (unitMatch[2] as string) : first).trim();
  const cityPart = parts.slice(1).find((part) => !UNIT.test(part) || CITY_PREFIX.test(part));
  const city = cityPart?.replace(CITY_PREFIX, '').trim() || undefined;
  const nameKeys = keys(name);
  if (nameKeys.length === 0) return undefined;
  const accented = (text: string) => tokenize(nfc(text)).map((token) => syllableKey(token.text));
  return {
    unit,
    name,
    city,
    label: nfc(label).trim(),
    nameKeys,
    cityKeys: city ? keys(city) : [],
    nameAccented: accented(name),
    cityAccented: city ? accented(city) : [],
  };
}

function keys(text: string): string[] {
  return tokenize(nfc(text)).map((token) => foldedKey(token.text));
}

/** A question syllable: compared with its tone when the user typed one, folded otherwise. */
interface QuestionSyllable {
  folded: string;
  accented: string | undefined;
  /** Typed with a capital, as names are. */
  capital: boolean;
}

function questionSyllables(text: string): QuestionSyllable[] {
  return tokenize(nfc(text)).map((token) => ({
    folded: foldedKey(token.text),
    accented: hasDiacritics(token.text) ? syllableKey(token.text) : undefined,
    capital: /^\p{Lu}/u.test(token.text),
  }));
}

/** Folded and tone-aware keys of a phrase, as place names are matched. */
interface PhraseKeys {
  folded: readonly string[];
  accented: readonly string[];
}

function phraseKeys(text: string): PhraseKeys {
  const tokens = tokenize(nfc(text));
  return { folded: tokens.map((token) => foldedKey(token.text)), accented: tokens.map((token) => syllableKey(token.text)) };
}

/**
 * True when the phrase occurs at `index`. A syllable typed with diacritics must match them ("nhận hồ" is not xã
 * Nhân Hồ, "địa phương" is not "phường"); one typed without matches any tone.
 */
function phraseAt(syllables: readonly QuestionSyllable[], index: number, phrase: PhraseKeys): boolean {
  if (index < 0 || index + phrase.folded.length > syllables.length) return false;
  return phrase.folded.every((key, offset) => {
    const syllable = syllables[index + offset] as QuestionSyllable;
    if (syllable.accented === undefined) return syllable.folded === key;
    // A vowel's hat or horn left off ("phuờng") is a slip; a different tone ("phương" in "địa phương") is another word.
    return syllable.accented === phrase.accented[offset] || (syllable.folded === key && toneOf(syllable.accented) === toneOf(phrase.accented[offset] as string));
  });
}

/** The tone digit a syllable key ends with ("phương2"), or "0" for the level tone. */
function toneOf(key: string): string {
  return /\d$/u.test(key) ? key.slice(-1) : '0';
}

/** Where a place name occurs in a question: the positions of its first syllable. */
function namePositions(syllables: readonly QuestionSyllable[], folded: readonly string[], accented: readonly string[]): number[] {
  const positions: number[] = [];
  if (folded.length === 0) return positions;
  const name = { folded, accented };
  for (let index = 0; index + folded.length <= syllables.length; index++) {
    if (phraseAt(syllables, index, name)) positions.push(index);
  }
  return positions;
}

/** Where a name occurs with at most one letter of one syllable added, dropped or changed (folded, marks aside). */
function nearNamePositions(syllables: readonly QuestionSyllable[], folded: readonly string[]): number[] {
  const positions: number[] = [];
  if (folded.length === 0) return positions;
  for (let index = 0; index + folded.length <= syllables.length; index++) {
    let edits = 0;
    for (let offset = 0; offset < folded.length && edits <= 1; offset++) {
      const typed = (syllables[index + offset] as QuestionSyllable).folded;
      const known = folded[offset] as string;
      if (typed !== known) edits += typed.length >= 2 && oneEdit(typed, known) ? 1 : 2;
    }
    // Folded alike but for one letter, or alike but for a mark typed wrong ("Tiểu Cân" for Tiểu Cần).
    if (edits <= 1) positions.push(index);
  }
  return positions;
}

/** True when two different words are one insertion, deletion, substitution or swap of neighbouring letters apart. */
function oneEdit(left: string, right: string): boolean {
  if (Math.abs(left.length - right.length) > 1) return false;
  if (left.length === right.length && left.length >= 3) {
    const at = [...left].findIndex((letter, index) => letter !== right[index]);
    if (at >= 0 && left[at] === right[at + 1] && left[at + 1] === right[at] && left.slice(at + 2) === right.slice(at + 2)) return true;
  }
  let start = 0;
  while (start < left.length && left[start] === right[start]) start++;
  let endLeft = left.length - 1;
  let endRight = right.length - 1;
  while (endLeft >= start && endRight >= start && left[endLeft] === right[endRight]) {
    endLeft--;
    endRight--;
  }
  return endLeft - start < 1 && endRight - start < 1;
}

function findName(syllables: readonly QuestionSyllable[], folded: readonly string[], accented: readonly string[]): boolean {
  return namePositions(syllables, folded, accented).length > 0;
}

/** Unit words that introduce a name ("phường An Hải") and English ones that follow it ("An Hai ward"). */
const UNITS_BEFORE = ['phường', 'xã', 'thị trấn', 'đặc khu'].map(phraseKeys);
const UNITS_AFTER = ['ward', 'commune', 'town'].map(phraseKeys);
// In English "the congress of Xuan Hoa", "in Phu Lam": a name after these is the place itself, not part of a school's name.
const ENGLISH_BEFORE = ['of', 'in', 'at', 'from'].map(phraseKeys);

/**
 * True when the name at `position` is introduced by a unit word (or an English preposition) or followed by an English
 * unit word. Without diacritics, folded syllables of ordinary words often spell some other place ("nhan ho so" holds
 * xã Nhân Hồ, "binh quan" phường Bình Quan); the name the resident meant is the one written where a name goes.
 */
function isAnchored(syllables: readonly QuestionSyllable[], position: number, length: number): boolean {
  return (
    UNITS_BEFORE.some((unit) => phraseAt(syllables, position - unit.folded.length, unit)) ||
    UNITS_AFTER.some((unit) => phraseAt(syllables, position + length, unit)) ||
    ENGLISH_BEFORE.some((word) => phraseAt(syllables, position - word.folded.length, word))
  );
}

// Words that make a following name part of another name: a school, a hospital, a market, a street named after the place.
const FACILITIES_BEFORE = ['trường', 'tiểu học', 'trung học', 'thcs', 'thpt', 'mầm non', 'mẫu giáo', 'bệnh viện', 'trạm y tế', 'chợ', 'cầu', 'đường', 'phố', 'hội trường', 'nhà văn hóa', 'công viên', 'khu', 'thôn', 'ấp', 'chùa', 'đình', 'đền', 'hồ', 'sông', 'núi', 'công ty', 'htx', 'hợp tác xã', 'nhà máy', 'khu công nghiệp', 'kcn', 'bến', 'cảng', 'tổ dân phố', 'khu phố', 'trung tâm', 'sân', 'bãi'].map(phraseKeys);
const FACILITIES_AFTER = ['school', 'hospital', 'market', 'bridge', 'street', 'road', 'pagoda', 'temple', 'lake', 'river', 'station', 'stadium', 'park'].map(phraseKeys);

/**
 * True when a name typed with a capital stands on its own ("ad ơi Thống Nhất được sáp nhập từ …"), not inside the name
 * of a school, market or street ("Trường Tiểu học Phú Lâm 3"): it is then the place itself, though no unit word says so.
 */
function standsAlone(syllables: readonly QuestionSyllable[], position: number, length: number): boolean {
  if (!syllables[position]?.capital) return false;
  if (FACILITIES_BEFORE.some((words) => phraseAt(syllables, position - words.folded.length, words))) return false;
  if (FACILITIES_AFTER.some((words) => phraseAt(syllables, position + length, words))) return false;
  // A capitalised word right before belongs to the same name ("Nhà Văn hóa Thống Nhất", "Công ty Thống Nhất").
  return !syllables[position - 1]?.capital;
}

/** True when a unit word stands anywhere in the question: without one, no name can be anchored. */
function mentionsUnit(syllables: readonly QuestionSyllable[]): boolean {
  for (let index = 0; index < syllables.length; index++) {
    if (UNITS_BEFORE.some((unit) => phraseAt(syllables, index, unit)) || UNITS_AFTER.some((unit) => phraseAt(syllables, index, unit))) return true;
  }
  return false;
}

/** Everyday short forms of city names, as residents type them (folded). */
const CITY_ALIASES: Record<string, string[][]> = {
  'ho chi minh': [['hcm'], ['tphcm'], ['sai', 'gon'], ['saigon'], ['sg']],
  'ha noi': [['hn'], ['tphn'], ['hanoi']],
  'hue': [['thua', 'thien', 'hue']],
  'thua thien hue': [['hue']],
  'ba ria vung tau': [['brvt'], ['vung', 'tau']],
};

/**
 * A unit word, capitalised too (a title or sentence may start with it), then the capitalised syllables of a name:
 * "Phường Kinh Môn bế mạc…", "…của xã Tân Lập".
 */
const NAMED_UNIT = /([Pp]hường|[Xx]ã|[Tt]hị trấn|[Đđ]ặc khu)\s+((?:\p{Lu}[\p{L}\p{M}]*\s?){1,4})/u;

/**
 * An article about several wards names them all: "phường Phú An và phường Phú Lợi, TP Hồ Chí Minh" is about both,
 * each in the city written once at the end.
 */
/**
 * Names joined with a dash since the 2025 reorganisation ("phường Lang Biang - Đà Lạt") are said by their first part
 * ("p. Lang Biang"): that part is known too, for the same articles, unless another place bears it.
 */
function addShortName(byKey: Map<string, Place>, place: Place): void {
  const dash = /\s+[-–]\s+/u.exec(place.name);
  if (!dash || dash.index === 0) return;
  const short = parsePlace(`${place.unit ?? ''} ${place.name.slice(0, dash.index)}${place.city ? `, ${place.city}` : ''}`.trim());
  if (!short) return;
  const key = `${short.unit ?? ''}|${short.nameKeys.join(' ')}|${short.cityKeys.join(' ')}`;
  // The same articles (one list, so articles added later reach both), and the full label in answers.
  if (!byKey.has(key)) byKey.set(key, { ...short, label: place.label, articleIds: place.articleIds });
}

function splitPlaces(label: string): string[] {
  const text = nfc(label).trim();
  const comma = text.search(/,[^,]*$/u);
  const units = comma >= 0 ? text.slice(0, comma) : text;
  const city = comma >= 0 ? text.slice(comma) : '';
  const parts = units.split(/\s*(?:(?<!\p{L})và(?!\p{L})|;|&|,)\s*(?=(?:phường|xã|thị trấn|đặc khu)\s)/iu).map((part) => part.trim()).filter(Boolean);
  return parts.length > 1 ? parts.map((part) => `${part}${city}`) : [text];
}

/** Finds a place in an article title such as "Phường Kinh Môn bế mạc…" when the front matter has none. */
function placeFromTitle(title: string): string | undefined {
  const match = NAMED_UNIT.exec(nfc(title));
  return match ? `${(match[1] as string).toLowerCase()} ${(match[2] as string).trim()}` : undefined;
}

/** Knows every place of the corpus and finds which of them a question names. */
export class PlaceGazetteer implements PlaceResolver {
  /** Places by the folded first syllable of their name: a question is compared only with names that start with one of its syllables. */
  private readonly byFirstSyllable = new Map<string, number[]>();

  private constructor(private readonly places: Place[]) {
    places.forEach((place, position) => {
      const first = place.nameKeys[0] as string;
      const list = this.byFirstSyllable.get(first);
      if (list) list.push(position);
      else this.byFirstSyllable.set(first, [position]);
    });
  }

  /** Builds the gazetteer from article metadata: one place per distinct (unit, name, city). */
  static fromArticles(articles: readonly ArticleMeta[]): PlaceGazetteer {
    const byKey = new Map<string, Place>();
    // A ward's articles repeat its place line: each distinct line is parsed once (3,300 lines for 36,000 articles).
    const placesOf = new Map<string, Place[]>();
    for (const article of articles) {
      const label = article.place ?? placeFromTitle(article.title);
      if (!label) continue;
      let places = placesOf.get(label);
      if (!places) {
        places = [];
        for (const one of splitPlaces(label)) {
          const parsed = parsePlace(one);
          if (!parsed) continue;
          const key = `${parsed.unit ?? ''}|${parsed.nameKeys.join(' ')}|${parsed.cityKeys.join(' ')}`;
          let place = byKey.get(key);
          if (!place) {
            place = { ...parsed, articleIds: [] };
            byKey.set(key, place);
          }
          if (!places.includes(place)) places.push(place);
          addShortName(byKey, place);
        }
        placesOf.set(label, places);
      }
      for (const place of places) if (place.articleIds[place.articleIds.length - 1] !== article.id) place.articleIds.push(article.id);
    }
    return new PlaceGazetteer([...byKey.values()]);
  }

  /** Every known place. */
  all(): readonly Place[] {
    return this.places;
  }

  /** Places whose label matches free text such as a deployment's default place. */
  resolve(text: string): Place[] {
    const detection = this.detect(text);
    return detection.kind === 'known' || detection.kind === 'ambiguous' ? detection.places : [];
  }

  /** The port view of `detect`, falling back to `defaultPlace` when the question names no place. */
  match(question: string, defaultPlace?: string): PlaceMatch {
    let detection = this.detect(question);
    if (detection.kind === 'none' && defaultPlace) detection = this.detect(defaultPlace);
    if (detection.kind === 'unknown') return { kind: 'unknown', articleIds: [], tokens: [], labels: [detection.mention] };
    if (detection.kind === 'none') return { kind: 'none', articleIds: [], tokens: [], labels: [] };
    return {
      kind: detection.kind,
      articleIds: detection.kind === 'known' ? detection.places.flatMap((place) => place.articleIds) : [],
      tokens: [...detection.tokens],
      labels: [...new Set(detection.places.map((place) => place.label))],
      ...(detection.kind === 'ambiguous'
        ? { choices: detection.places.map((place) => ({ label: place.label, articleIds: [...place.articleIds] })), namedAsPlace: detection.anchored }
        : {}),
    };
  }

  /** Finds the places a question names, using its city to tell same-named wards apart. */
  detect(question: string): PlaceDetection {
    const tokens = keys(question);
    const syllables = questionSyllables(question);
    // A name matches only where its first syllable does (folded alike): 3,300 places are not each compared in full.
    const starting = new Set<number>();
    for (const syllable of syllables) for (const position of this.byFirstSyllable.get(syllable.folded) ?? []) starting.add(position);
    const found = [...starting]
      .sort((left, right) => left - right)
      .map((position) => this.places[position] as Place)
      .map((place) => ({ place, positions: namePositions(syllables, place.nameKeys, place.nameAccented) }))
      .filter(({ positions }) => positions.length > 0);
    // A name written where a name goes (after "phường", before "ward") outranks names that only its syllables spell.
    const anchored = found.filter(({ place, positions }) => positions.some((position) => isAnchored(syllables, position, place.nameKeys.length)));
    let matched = (anchored.length > 0 ? anchored : found).map(({ place }) => place);
    // A slip in the name written where a name goes ("xã Hòa Thịng", "xã Tiểu Cân"): the known name one letter or mark away.
    // The name as typed is then the place's too, so the slip is not asked of the answer as content.
    const typedNames: string[] = [];
    if (matched.length === 0 && mentionsUnit(syllables)) {
      matched = this.places.filter((place) => {
        const positions = nearNamePositions(syllables, place.nameKeys).filter((position) => isAnchored(syllables, position, place.nameKeys.length));
        for (const position of positions) typedNames.push(...syllables.slice(position, position + place.nameKeys.length).map((syllable) => syllable.folded));
        return positions.length > 0;
      });
    }
    if (matched.length === 0) {
      const mention = unknownPlaceMention(question);
      return mention ? { kind: 'unknown', mention } : { kind: 'none' };
    }
    // Prefer the longest names ("Hòa Bình" inside "phường Tân Hòa Bình" must not win over the full name).
    const longest = Math.max(...matched.map((place) => place.nameKeys.length));
    let candidates = matched.filter(
      (place) => place.nameKeys.length === longest || !matched.some((other) => other !== place && isInside(place.nameKeys, other.nameKeys)),
    );
    const initials = initialsWritten(question);
    const cityNamed = (place: Place) =>
      place.cityKeys.length > 0 &&
      (findName(syllables, place.cityKeys, place.cityAccented) ||
        (CITY_ALIASES[place.cityKeys.join(' ')] ?? []).some((alias) => containsSequence(tokens, alias)) ||
        shortCityNamed(place.cityKeys, tokens, initials));
    const withCity = candidates.filter(cityNamed);
    if (withCity.length > 0) candidates = withCity;
    const unitNamed = candidates.filter((place) => place.unit && containsSequence(tokens, keys(place.unit)));
    if (unitNamed.length > 0) candidates = unitNamed;
    // Only what the question actually says is removed from its content: a city it doesn't name keeps its syllables
    // ("ước tính" stays whole for a ward of Hà Tĩnh).
    const matchedTokens = new Set([
      ...typedNames,
      ...candidates.flatMap((place) => [
        ...place.nameKeys,
        ...(cityNamed(place) ? [...place.cityKeys, ...(CITY_ALIASES[place.cityKeys.join(' ')] ?? []).flat(), ...cityShortForms(place.cityKeys)] : []),
      ]),
    ]);
    const names = new Set(candidates.map((place) => place.nameKeys.join(' ')));
    const cities = new Set(candidates.map((place) => place.cityKeys.join(' ')));
    // Same name in different cities, and the question didn't say which: ambiguous.
    if (names.size === 1 && cities.size > 1) {
      const alone = found.some(({ place, positions }) => positions.some((position) => standsAlone(syllables, position, place.nameKeys.length)));
      return { kind: 'ambiguous', places: candidates, tokens: matchedTokens, anchored: anchored.length > 0 || alone };
    }
    return { kind: 'known', places: candidates, tokens: matchedTokens };
  }
}

/**
 * Short forms residents give a province in brackets or capitals: its initials ("(ĐN)", "GL", "(TPHCM)") or its first
 * initial and last syllables ("T.Ninh", "Q. Ngãi").
 */
function shortCityNamed(cityKeys: readonly string[], tokens: readonly string[], initials: ReadonlySet<string>): boolean {
  if (cityKeys.length < 2) return false;
  const letters = cityKeys.map((key) => key[0] ?? '').join('');
  if (initials.has(letters) || initials.has(`tp${letters}`)) return true;
  return containsSequence(tokens, [cityKeys[0]?.[0] ?? '', ...cityKeys.slice(1)]);
}

/** The folded short forms `shortCityNamed` accepts, so they are not read as content of the question. */
function cityShortForms(cityKeys: readonly string[]): string[] {
  if (cityKeys.length < 2) return [];
  const letters = cityKeys.map((key) => key[0] ?? '').join('');
  return [letters, `tp${letters}`, cityKeys[0]?.[0] ?? ''];
}

/** Folded words written in capitals ("ĐN") or alone in brackets ("(dn)"): where initials, not words, are meant. */
function initialsWritten(question: string): Set<string> {
  const text = nfc(question);
  const written = new Set<string>();
  for (const match of text.matchAll(/(?<![\p{L}\p{M}])(\p{Lu}{2,5})(?![\p{L}\p{M}])/gu)) written.add(foldedKey(match[1] as string));
  for (const match of text.matchAll(/\(\s*([\p{L}.]{2,8})\s*\)/gu)) written.add(foldedKey((match[1] as string).replace(/\./gu, '')));
  return written;
}

function containsSequence(tokens: readonly string[], sequence: readonly string[]): boolean {
  if (sequence.length === 0) return false;
  for (let index = 0; index + sequence.length <= tokens.length; index++) {
    if (sequence.every((token, offset) => tokens[index + offset] === token)) return true;
  }
  return false;
}

function isInside(inner: readonly string[], outer: readonly string[]): boolean {
  return inner.length < outer.length && containsSequence(outer, inner);
}

// Words that may follow "phường"/"xã" without being a name ("bí thư phường là ai", "xã có bao nhiêu dân").
const NOT_A_NAME = new Set(
  ('la ai gi nao co bao nhieu may cua o tai va the vay nhi a oi khong duoc hien nay gio minh toi ban dang da se ' +
    'cu moi nay do kia chung ta thi ma de cho voi den ve trong ra ngay khi luc dau sao nhe nha ha sau truoc tren duoi ' +
    'minh em anh chi chu bi thu pho chu tich ubnd hdnd dang uy dai hoi dan so dien tich ngan sach')
    .split(' '),
);

/** A name right after "phường"/"xã" (or before "ward"/"commune") that the gazetteer doesn't know. */
function unknownPlaceMention(question: string): string | undefined {
  const text = nfc(question);
  // Typed in lower case without diacritics: the two syllables after the unit word, when neither is a common word.
  if (!hasDiacritics(text)) {
    const folded = keys(text);
    const unit = folded.findIndex((word) => word === 'phuong' || word === 'xa');
    const first = folded[unit + 1];
    const second = folded[unit + 2];
    if (unit >= 0 && first && second && !NOT_A_NAME.has(first) && !NOT_A_NAME.has(second)) return `${first} ${second}`;
  }
  const vietnamese = NAMED_UNIT.exec(text);
  if (vietnamese) return (vietnamese[2] as string).trim();
  const english = /((?:\p{Lu}[\p{L}\p{M}]*\s){1,4})(?:ward|commune)\b/u.exec(text);
  if (english && !/^(What|Who|Where|When|How|Which|The|In|Of)\b/u.test((english[1] as string).trim())) {
    return (english[1] as string).trim();
  }
  return undefined;
}
