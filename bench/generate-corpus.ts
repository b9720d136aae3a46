import { mkdir, open, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { foldDiacritics, foldedKeys } from '../src/ingest/normalize-vietnamese.js';
import type { QaItem } from '../src/core/score-answers.js';
import {
  capitalize,
  type ArticleDraft,
  type Fact,
  type GeneratedCity,
  type GeneratedPlace,
  type Official,
  type PlaceMention,
  type QuestionTexts,
  type ResolutionEvent,
} from './corpus-model.js';
import { isEntryPoint } from './entry-point.js';
import { SeededRandom } from './seeded-random.js';
import { budgetAdjustmentArticle } from './templates/budget-adjustment.js';
import { partyCongressArticle } from './templates/party-congress.js';
import { resolutionStudyArticle } from './templates/resolution-study.js';
import { servicePointsArticle } from './templates/service-points.js';
import { addDays, isoDate, type CalendarDay } from './vietnamese-figures.js';
import {
  CITIES,
  FEMALE_GIVEN_NAMES,
  FEMALE_MIDDLE_NAMES,
  MALE_GIVEN_NAMES,
  MALE_MIDDLE_NAMES,
  PLACE_FIRST_SYLLABLES,
  PLACE_SECOND_SYLLABLES,
  SURNAMES,
  type CityInfo,
} from './word-lists.js';

/** One synthetic article, ready to be written as `.md` with the sample corpus's front matter. */
export interface GeneratedArticle {
  id: string;
  title: string;
  sourceUrl: string;
  /** `YYYY-MM-DD`. */
  published: string;
  /** e.g. `phường An Hải, TP Hải Phòng`. */
  place: string;
  /** Body text (NFC), paragraphs separated by blank lines. */
  text: string;
  /** Path under the articles folder: `<city>/<id>.md`. */
  file: string;
}

/** A synthetic corpus and the questions with known answers over it. */
export interface GeneratedCorpus {
  seed: number;
  articles: GeneratedArticle[];
  /** Same format as ../shared/corpus/qa-dev.jsonl; unanswerable ones have no sources. */
  questions: QaItem[];
  places: number;
}

/** What to generate. */
export interface GenerateOptions {
  articles: number;
  seed?: number;
}

/** Vietnam has about 3,300 wards and communes since 2025: past that, a bigger corpus means more articles per place. */
const MAX_PLACES = 3_300;
/** How many articles a place gets on average while places are not capped. */
const ARTICLES_PER_PLACE = 5;
/**
 * Past twelve articles a place (MAX_PLACES × 12 ≈ 108k chunks), places get studies of more resolutions of their city's
 * party committee, as wards report such conferences every few weeks: about 110 articles a place at 1M chunks. Smaller
 * corpora never draw these, so they stay byte for byte what they were.
 */
const BASE_SLOTS = 12;
const EXTRA_RESOLUTION_TOPICS = [
  'về công tác cán bộ và xây dựng tổ chức cơ sở đảng',
  'về phát triển hạ tầng giao thông và đô thị',
  'về chuyển đổi số trong cải cách hành chính',
  'về bảo vệ môi trường và ứng phó biến đổi khí hậu',
  'về phát triển văn hóa, con người',
  'về an sinh xã hội và giảm nghèo bền vững',
  'về bảo đảm quốc phòng, an ninh ở cơ sở',
  'về phát triển giáo dục và đào tạo',
  'về chăm sóc sức khỏe Nhân dân',
  'về phòng, chống tham nhũng, lãng phí',
];

/** Years of budget adjustments a place may have articles about. */
const BUDGET_YEARS = [2021, 2022, 2023, 2024, 2025];
/** Share of places whose name another city also uses. */
const SHARED_NAME_SHARE = 0.08;
const DEFAULT_SEED = 20_250_815;

const RESOLUTIONS: ReadonlyArray<Pick<ResolutionEvent, 'slug' | 'name' | 'topic'> & { month: number }> = [
  { slug: 'nghi-quyet-57', name: 'Nghị quyết số 57-NQ/TW', topic: 'về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia', month: 2 },
  { slug: 'nghi-quyet-59', name: 'Nghị quyết số 59-NQ/TW', topic: 'về hội nhập quốc tế trong tình hình mới', month: 3 },
  { slug: 'nghi-quyet-66', name: 'Nghị quyết số 66-NQ/TW', topic: 'về đổi mới công tác xây dựng và thi hành pháp luật', month: 6 },
  { slug: 'nghi-quyet-68', name: 'Nghị quyết số 68-NQ/TW', topic: 'về phát triển kinh tế tư nhân', month: 6 },
];

/** Builds a reproducible corpus of `articles` ward articles (same seed, same bytes) and questions over it. */
export function generateCorpus(options: GenerateOptions): GeneratedCorpus {
  const seed = options.seed ?? DEFAULT_SEED;
  const wanted = Math.max(0, Math.floor(options.articles));
  const random = new SeededRandom(seed);
  const cities = CITIES.map((info, index) => generateCity(info, new SeededRandom(mix(seed, 1, index))));
  const placeCount = Math.min(MAX_PLACES, Math.max(1, Math.ceil(wanted / ARTICLES_PER_PLACE)));
  // Extra slots only when twelve a place cannot hold the corpus; 10 % spare so the weighted draw still has a choice.
  const extraSlots = wanted > placeCount * BASE_SLOTS ? Math.ceil((wanted * 1.1) / placeCount) - BASE_SLOTS : 0;
  if (extraSlots > 0) cities.forEach((city, index) => city.resolutions.push(...extraResolutions(extraSlots, new SeededRandom(mix(seed, 6, index)))));
  const names = new PlaceNames(random);
  const places = Array.from({ length: wanted > 0 ? placeCount : 0 }, (_, index) =>
    generatePlace(random.pick(cities), names, new SeededRandom(mix(seed, 2, index))),
  );

  // Every place could have twelve articles; a weighted draw picks which ones exist (congress reports most often).
  const candidates: Array<{ place: number; slot: number; key: number }> = [];
  places.forEach((_, place) => {
    SLOT_WEIGHTS.forEach((weight, slot) => candidates.push({ place, slot, key: -Math.log(1 - random.next()) / weight }));
  });
  places.forEach((_, place) => {
    for (let extra = 0; extra < extraSlots; extra += 1) candidates.push({ place, slot: BASE_SLOTS + extra, key: -Math.log(1 - random.next()) });
  });
  const chosen = candidates
    .sort((left, right) => left.key - right.key)
    .slice(0, wanted)
    .sort((left, right) => left.place - right.place || left.slot - right.slot);

  const articles: GeneratedArticle[] = [];
  const factsByPlace = new Map<number, Array<{ fact: Fact; articleId: string }>>();
  const budgetYearsByPlace = new Map<number, Set<number>>();
  for (const { place: placeIndex, slot } of chosen) {
    const place = places[placeIndex] as GeneratedPlace;
    const articleRandom = new SeededRandom(slot < BASE_SLOTS ? mix(seed, 3, placeIndex * 16 + slot) : mix(seed, 5, placeIndex * 65_536 + slot));
    const draft = draftForSlot(place, slot, articleRandom);
    const id = `${place.slug}-${draft.topic}`;
    articles.push(toArticle(id, place, draft, articleRandom));
    const facts = factsByPlace.get(placeIndex) ?? [];
    facts.push(...draft.facts.map((fact) => ({ fact, articleId: id })));
    factsByPlace.set(placeIndex, facts);
    if (slot >= 1 && slot <= BUDGET_YEARS.length) {
      const years = budgetYearsByPlace.get(placeIndex) ?? new Set<number>();
      years.add(BUDGET_YEARS[slot - 1] as number);
      budgetYearsByPlace.set(placeIndex, years);
    }
  }

  const questions = buildQuestions(places, factsByPlace, budgetYearsByPlace, names, new SeededRandom(mix(seed, 4, 0)));
  return { seed, articles, questions, places: factsByPlace.size };
}

/** Relative weights of a place's twelve possible articles: congress, budgets 2021–2025, service points, resolutions. */
const SLOT_WEIGHTS = [3, 0.8, 0.8, 0.9, 1, 1.5, 1, ...RESOLUTIONS.map(() => 1), 1];

function draftForSlot(place: GeneratedPlace, slot: number, random: SeededRandom): ArticleDraft {
  if (slot === 0) return partyCongressArticle(place, congressDay(random), random);
  if (slot <= BUDGET_YEARS.length) return budgetAdjustmentArticle(place, BUDGET_YEARS[slot - 1] as number, random);
  if (slot === BUDGET_YEARS.length + 1) return servicePointsArticle(place, random);
  const event = place.city.resolutions[slot - BUDGET_YEARS.length - 2] as ResolutionEvent;
  return resolutionStudyArticle(place, event, random);
}

/** Ward congresses of the 2025–2030 term were held from late July to late August 2025. */
function congressDay(random: SeededRandom): CalendarDay {
  return addDays({ year: 2025, month: 7, day: 20 }, random.integer(0, 36));
}

/** A city's further resolutions (numbers from 101 on), each studied at an online conference like the named ones. */
function extraResolutions(count: number, random: SeededRandom): ResolutionEvent[] {
  const bridges = random.integer(60, 170);
  return Array.from({ length: count }, (_, index) => {
    const number = 101 + index;
    const issued: CalendarDay = { year: 2025, month: random.integer(1, 12), day: random.integer(1, 28) };
    const programmeIssued = addDays(issued, random.integer(15, 40));
    return {
      slug: `nghi-quyet-${number}-tu`,
      name: `Nghị quyết số ${number}-NQ/TU`,
      topic: random.pick(EXTRA_RESOLUTION_TOPICS),
      code: `${number}-NQ/TU`,
      issued,
      programme: `${String(random.integer(100, 999))}-CTr/TU`,
      programmeIssued,
      date: addDays(programmeIssued, random.integer(5, 30)),
      bridges: bridges + random.integer(-3, 3),
    };
  });
}

function generateCity(info: CityInfo, random: SeededRandom): GeneratedCity {
  const isCity = info.kind === 'TP';
  const partyCommittee = isCity ? 'Thành ủy' : 'Tỉnh ủy';
  const government = isCity ? 'thành phố' : 'tỉnh';
  const titles = [
    `Ủy viên Ban Thường vụ ${partyCommittee}, Phó Chủ tịch Thường trực UBND ${government}`,
    `Phó Bí thư ${partyCommittee}, Chủ tịch HĐND ${government}`,
    `Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức ${partyCommittee}`,
    `Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra ${partyCommittee}`,
    `Ủy viên Ban Thường vụ ${partyCommittee}, Phó Chủ tịch UBND ${government}`,
    `Ủy viên Ban Chấp hành Đảng bộ ${government}, Giám đốc Sở Nội vụ`,
  ];
  const leaders: Official[] = random.shuffle(titles).map((title) => ({ name: personName(random), title }));
  const bridges = random.integer(60, 170);
  const congress = {
    slug: 'nghi-quyet-dai-hoi',
    name: `Nghị quyết số ${String(random.integer(1, 12)).padStart(2, '0')}-NQ/ĐH`,
    topic: `của Đại hội đại biểu Đảng bộ ${government} ${info.name} lần thứ I, nhiệm kỳ 2025 – 2030`,
    month: 11,
  };
  const resolutions = [...RESOLUTIONS, congress].map((resolution): ResolutionEvent => {
    const issued: CalendarDay = { year: 2025, month: resolution.month, day: random.integer(1, 28) };
    const programmeIssued = addDays(issued, random.integer(15, 40));
    return {
      slug: resolution.slug,
      name: resolution.name,
      topic: resolution.topic,
      code: resolution.name.replace(/^Nghị quyết số /, ''),
      issued,
      programme: `${String(random.integer(1, 60)).padStart(2, '0')}-CTr/TU`,
      programmeIssued,
      date: addDays(programmeIssued, random.integer(5, 30)),
      bridges: bridges + random.integer(-3, 3),
    };
  });
  return { info, label: `${info.kind} ${info.name}`, partyCommittee, government, leaders, resolutions };
}

function personName(random: SeededRandom): string {
  const female = random.chance(0.25);
  const middle = random.pick(female ? FEMALE_MIDDLE_NAMES : MALE_MIDDLE_NAMES);
  const given = random.pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
  return `${random.pick(SURNAMES)} ${middle} ${given}`;
}

/** Hands out ward and commune names: unique within a city, a few reused in another city, never a city's own name. */
class PlaceNames {
  private readonly used = new Map<string, { name: string; cities: Set<string> }>();
  private readonly reserved = new Set(CITIES.map((city) => nameKey(city.name)));

  constructor(private readonly random: SeededRandom) {}

  take(city: string): string {
    if (this.random.chance(SHARED_NAME_SHARE)) {
      const shared = [...this.used.values()].filter((entry) => !entry.cities.has(city));
      if (shared.length > 0) {
        const entry = this.random.pick(shared);
        entry.cities.add(city);
        return entry.name;
      }
    }
    const name = this.fresh();
    this.used.set(nameKey(name), { name, cities: new Set([city]) });
    return name;
  }

  /** A name no place has: two syllables while they last, then three. */
  fresh(): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      const first = this.random.pick(PLACE_FIRST_SYLLABLES);
      const second = this.random.pick(PLACE_SECOND_SYLLABLES);
      const name = attempt < 100 ? `${first} ${second}` : `${this.random.pick(PLACE_FIRST_SYLLABLES)} ${first} ${second}`;
      const key = nameKey(name);
      if (new Set(foldedKeys(name)).size === foldedKeys(name).length && !this.used.has(key) && !this.reserved.has(key)) return name;
    }
    throw new RangeError('Ran out of place names; add syllables to bench/word-lists.ts.');
  }
}

/** Which places' names another city's places (of the corpus) also have: the gazetteer then needs the city. */
class SharedNames {
  private readonly cities = new Map<string, Set<string>>();

  constructor(places: readonly GeneratedPlace[]) {
    for (const place of places) {
      for (const key of [nameKey(place.name), `${place.unit} ${nameKey(place.name)}`]) {
        this.cities.set(key, (this.cities.get(key) ?? new Set()).add(place.city.info.name));
      }
    }
  }

  /** Another city has a place of this name, ward or commune: "An Hai ward" alone is ambiguous. */
  name(place: GeneratedPlace): boolean {
    return (this.cities.get(nameKey(place.name))?.size ?? 0) > 1;
  }

  /** Another city has a place of this unit and name: "phường An Hải" alone is ambiguous. */
  unitAndName(place: GeneratedPlace): boolean {
    return (this.cities.get(`${place.unit} ${nameKey(place.name)}`)?.size ?? 0) > 1;
  }
}

function nameKey(name: string): string {
  return foldedKeys(name).join(' ');
}

function generatePlace(city: GeneratedCity, names: PlaceNames, random: SeededRandom): GeneratedPlace {
  const unit = random.chance(0.55) ? 'phường' : 'xã';
  const name = names.take(city.info.name);
  const formerCount = random.integer(2, 4);
  const formerUnits: string[] = [];
  while (formerUnits.length < formerCount) {
    const former = `${random.pick(PLACE_FIRST_SYLLABLES)} ${random.pick(PLACE_SECOND_SYLLABLES)}`;
    if (former !== name && !formerUnits.includes(former) && new Set(foldedKeys(former)).size === 2) formerUnits.push(former);
  }
  return {
    unit,
    name,
    city,
    label: `${unit} ${name}, ${city.label}`,
    slug: slugify(`${unit} ${name} ${city.info.name}`),
    secretary: personName(random),
    standingDeputy: personName(random),
    chairman: personName(random),
    population: random.integer(9_000, 210_000),
    area: random.decimal(4, 160, 2),
    formerUnits,
  };
}

function toArticle(id: string, place: GeneratedPlace, draft: ArticleDraft, random: SeededRandom): GeneratedArticle {
  return {
    id,
    title: draft.title,
    sourceUrl: `https://${place.city.info.domain}/tin-dia-phuong/${slugify(draft.title).slice(0, 80).replace(/-+$/, '')}-${random.integer(100_000, 999_999)}`,
    published: isoDate(draft.published),
    place: place.label,
    text: draft.paragraphs.join('\n\n').normalize('NFC'),
    file: `${slugify(place.city.info.name)}/${id}.md`,
  };
}

/** `a-z0-9-` from Vietnamese text, the id style of the sample corpus. */
export function slugify(text: string): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

type Variant = 'plain' | 'no-diacritics' | 'paraphrase' | 'colloquial' | 'english';
const VARIANT_WEIGHTS: ReadonlyArray<[Variant, number]> = [
  ['plain', 0.3],
  ['no-diacritics', 0.2],
  ['paraphrase', 0.2],
  ['colloquial', 0.15],
  ['english', 0.15],
];

function buildQuestions(
  places: readonly GeneratedPlace[],
  factsByPlace: ReadonlyMap<number, Array<{ fact: Fact; articleId: string }>>,
  budgetYearsByPlace: ReadonlyMap<number, ReadonlySet<number>>,
  names: PlaceNames,
  random: SeededRandom,
): QaItem[] {
  const questions: QaItem[] = [];
  const shared = new SharedNames([...factsByPlace.keys()].map((placeIndex) => places[placeIndex] as GeneratedPlace));
  for (const [placeIndex, stated] of factsByPlace) {
    const place = places[placeIndex] as GeneratedPlace;
    const mention = mentionOf(place, shared, random);
    const byKey = new Map<string, { fact: Fact; sources: string[] }>();
    for (const { fact, articleId } of stated) {
      const entry = byKey.get(fact.key) ?? { fact, sources: [] };
      if (!entry.sources.includes(articleId)) entry.sources.push(articleId);
      byKey.set(fact.key, entry);
    }
    for (const [key, { fact, sources }] of byKey) {
      const [variant, question] = chooseVariant(fact.ask(mention), random);
      questions.push({ id: `${place.slug}-${key}`, question, answer_contains: fact.answer, sources, kind: fact.kind, variant });
    }
    const unanswerable = unanswerableQuestions(place, mention, new Set(byKey.keys()), budgetYearsByPlace.get(placeIndex), shared);
    for (const [index, texts] of random.sample(unanswerable, 2).entries()) {
      const [variant, question] = chooseVariant(texts, random);
      questions.push({ id: `${place.slug}-u${index + 1}`, question, answer_contains: [], sources: [], kind: 'unanswerable', variant });
    }
  }
  // Wards the corpus has no article about: the bot must say so rather than answer from a neighbour.
  const unknownCount = Math.max(1, Math.round(factsByPlace.size * 0.05));
  for (let index = 0; index < unknownCount && factsByPlace.size > 0; index++) {
    const unit = random.pick(['phường', 'xã']);
    const texts: QuestionTexts = { plain: `Bí thư Đảng ủy ${unit} ${names.fresh()} là ai?` };
    const [variant, question] = chooseVariant(texts, random);
    questions.push({ id: `unknown-place-${index + 1}`, question, answer_contains: [], sources: [], kind: 'unanswerable', variant });
  }
  return questions;
}

/** Names the place as a resident would, adding the city when another city has a ward of the same name. */
function mentionOf(place: GeneratedPlace, shared: SharedNames, random: SeededRandom): PlaceMention {
  const vi = shared.unitAndName(place)
    ? random.pick([`${place.unit} ${place.name} (${place.city.info.name})`, `${place.unit} ${place.name} ở ${place.city.info.name}`])
    : `${place.unit} ${place.name}`;
  const englishUnit = place.unit === 'phường' ? 'ward' : 'commune';
  const english = `${foldDiacritics(place.name)} ${englishUnit}${shared.name(place) ? `, ${foldDiacritics(place.city.info.name)}` : ''}`;
  return { vi, english };
}

/** Questions the place's articles cannot answer although other places' articles can. */
function unanswerableQuestions(
  place: GeneratedPlace,
  mention: PlaceMention,
  keys: ReadonlySet<string>,
  budgetYears: ReadonlySet<number> | undefined,
  shared: SharedNames,
): QuestionTexts[] {
  const at = mention.vi;
  const candidates: QuestionTexts[] = [];
  if (!keys.has('population')) candidates.push({ plain: `Dân số ${at} hiện nay là bao nhiêu người?`, english: `What is the population of ${mention.english}?` });
  if (!keys.has('party-members')) candidates.push({ plain: `Đảng bộ ${at} có bao nhiêu đảng viên?`, colloquial: `${at} có mấy đảng viên vậy?` });
  if (!keys.has('secretary')) candidates.push({ plain: `Bí thư Đảng ủy ${at} là ai?` });
  if (keys.has('service-start') && !keys.has('service-hours')) {
    candidates.push({
      plain: `Trung tâm phục vụ hành chính công ${at} làm việc từ mấy giờ?`,
      english: `What are the opening hours of the ${mention.english} public administration service centre?`,
    });
  }
  if (budgetYears && budgetYears.size > 0) {
    const missing = [...BUDGET_YEARS, 2026].filter((year) => !budgetYears.has(year));
    const year = missing[missing.length - 1];
    if (year !== undefined) {
      candidates.push({
        plain: `Tổng thu cân đối ngân sách năm ${year} của ${at} sau điều chỉnh là bao nhiêu?`,
        colloquial: `${at} năm ${year} thu ngân sách được bao nhiêu vậy?`,
      });
    }
  }
  if (shared.unitAndName(place) && keys.has('secretary')) {
    candidates.push({ plain: `Bí thư Đảng ủy ${place.unit} ${place.name} là ai?` });
  }
  return candidates;
}

function chooseVariant(texts: QuestionTexts, random: SeededRandom): [Variant, string] {
  const available = VARIANT_WEIGHTS.filter(([variant]) => variant === 'plain' || variant === 'no-diacritics' || texts[variant] !== undefined);
  const total = available.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random.next() * total;
  let chosen: Variant = 'plain';
  for (const [variant, weight] of available) {
    draw -= weight;
    if (draw < 0) {
      chosen = variant;
      break;
    }
  }
  if (chosen === 'no-diacritics') {
    const base = texts.colloquial ?? texts.plain;
    return [chosen, foldDiacritics(base).toLowerCase().replace(/[?]/g, '').trim()];
  }
  const text = chosen === 'plain' ? texts.plain : (texts[chosen] as string);
  return [chosen, chosen === 'colloquial' ? text : capitalize(text)];
}

/** Mixes a seed with a stream number and an index into a new seed, so each article draws from its own stream. */
function mix(seed: number, stream: number, index: number): number {
  let value = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f);
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return (value ^ (value >>> 16)) >>> 0;
}

/** The article as a `.md` file with the same front matter as data/articles/*.md. */
export function articleMarkdown(article: GeneratedArticle): string {
  return [
    '---',
    `id: ${article.id}`,
    `title: ${JSON.stringify(article.title)}`,
    `source_url: ${article.sourceUrl}`,
    `published: ${article.published}`,
    `place: ${JSON.stringify(article.place)}`,
    '---',
    '',
    article.text,
    '',
  ].join('\n');
}

/**
 * Writes the articles under `articlesDir` (one folder per city), each file dated its publication day as if saved then,
 * and the questions as JSON lines to `questionsFile`.
 */
export async function writeCorpus(corpus: GeneratedCorpus, articlesDir: string, questionsFile: string): Promise<void> {
  const folders = new Set(corpus.articles.map((article) => join(articlesDir, article.file, '..')));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  for (let index = 0; index < corpus.articles.length; index += 256) {
    await Promise.all(
      corpus.articles.slice(index, index + 256).map(async (article) => {
        const path = join(articlesDir, article.file);
        await writeFile(path, articleMarkdown(article));
        const saved = new Date(`${article.published}T12:00:00Z`);
        await utimes(path, saved, saved);
      }),
    );
  }
  await mkdir(join(questionsFile, '..'), { recursive: true });
  // Appended a block at a time: at a million chunks the questions as one string outgrew the default heap.
  const file = await open(questionsFile, 'w');
  try {
    for (let index = 0; index < corpus.questions.length; index += QUESTIONS_PER_WRITE) {
      const block = corpus.questions.slice(index, index + QUESTIONS_PER_WRITE);
      await file.write(block.map((question) => `${JSON.stringify(question)}\n`).join(''));
    }
  } finally {
    await file.close();
  }
}

/** Questions written to the questions file at a time. */
const QUESTIONS_PER_WRITE = 10_000;

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { articles: { type: 'string', default: '1000' }, seed: { type: 'string' }, out: { type: 'string', default: join(tmpdir(), 'hoiphuong-corpus') } },
  });
  const articles = Number(values.articles);
  if (!Number.isInteger(articles) || articles < 1) throw new RangeError(`--articles must be a whole number of at least 1 (got ${values.articles}).`);
  const corpus = generateCorpus({ articles, ...(values.seed ? { seed: Number(values.seed) } : {}) });
  const out = values.out as string;
  await writeCorpus(corpus, join(out, 'articles'), join(out, 'qa.jsonl'));
  process.stdout.write(
    `Wrote ${corpus.articles.length} articles about ${corpus.places} places to ${join(out, 'articles')} and ${corpus.questions.length} questions to ${join(out, 'qa.jsonl')} (seed ${corpus.seed}).\n`,
  );
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
