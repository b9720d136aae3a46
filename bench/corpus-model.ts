import type { CalendarDay } from './vietnamese-figures.js';
import type { CityInfo } from './word-lists.js';

/** A named official with the titles news text gives them. */
export interface Official {
  name: string;
  title: string;
}

/** A city-wide conference every ward of the city joins online on the same day, to study one resolution. */
export interface ResolutionEvent {
  /** Slug part of article ids, e.g. `nghi-quyet-68`. */
  slug: string;
  /** How articles and questions name it, e.g. `Nghị quyết số 68-NQ/TW`. */
  name: string;
  /** What it is about, e.g. `về phát triển kinh tế tư nhân`. */
  topic: string;
  /** Its number and the day it was issued. */
  code: string;
  issued: CalendarDay;
  /** The city's action programme that carries it out. */
  programme: string;
  programmeIssued: CalendarDay;
  date: CalendarDay;
  /** Online connection points the conference had. */
  bridges: number;
}

/** A city or province with the people and events its wards' articles share. */
export interface GeneratedCity {
  info: CityInfo;
  /** `TP Hải Phòng` or `tỉnh Thanh Hóa`. */
  label: string;
  /** `Thành ủy` or `Tỉnh ủy`. */
  partyCommittee: string;
  /** `thành phố` or `tỉnh`. */
  government: string;
  leaders: Official[];
  resolutions: ResolutionEvent[];
}

/** A ward or commune, with the facts its articles agree on. */
export interface GeneratedPlace {
  unit: 'phường' | 'xã';
  name: string;
  city: GeneratedCity;
  /** Front matter `place`, e.g. `phường An Hải, TP Hải Phòng`. */
  label: string;
  /** `phuong-an-hai-hai-phong`. */
  slug: string;
  secretary: string;
  standingDeputy: string;
  chairman: string;
  population: number;
  /** Natural area in km², two decimals. */
  area: number;
  /** Names of the units merged into it in 2025. */
  formerUnits: string[];
}

/** How a question names the place: with its city when another city has a ward of the same name. */
export interface PlaceMention {
  vi: string;
  english: string;
}

/** Phrasings of one question; `plain` is always there, the no-diacritics variant is derived from it. */
export interface QuestionTexts {
  plain: string;
  paraphrase?: string;
  colloquial?: string;
  english?: string;
}

/** The QA `kind` of a fact. */
export type FactKind = 'who' | 'number' | 'date' | 'list' | 'place';

/** A fact an article states, with the questions that ask for it. */
export interface Fact {
  /** Same key, same answer across the articles of one place (e.g. `secretary`, `budget-2024-total`). */
  key: string;
  kind: FactKind;
  /** Strings a right answer contains, exactly as the article writes them. */
  answer: string[];
  ask(place: PlaceMention): QuestionTexts;
}

/** An article before it gets an id and front matter. */
export interface ArticleDraft {
  /** Slug part after the place, e.g. `dai-hoi-2025`. */
  topic: string;
  title: string;
  published: CalendarDay;
  paragraphs: string[];
  facts: Fact[];
}

/** Upper-cases the first letter ("phường An Hải" → "Phường An Hải"). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "phường An Hải". */
export function unitAndName(place: GeneratedPlace): string {
  return `${place.unit} ${place.name}`;
}
