import { foldDiacritics } from '../ingest/normalize-vietnamese.js';
import type { Entity } from './entities.js';

/** The unit a "how much" question asks its amount in: an area, a named area unit, a percentage or a head count of residents. */
export type Measure = 'square-kilometres' | 'hectares' | 'area' | 'percent' | 'population';

const MEASURE_CUES: Array<{ measure: Measure; folded: RegExp }> = [
  { measure: 'square-kilometres', folded: /\b(km2|km²|kilomet vuong|ki lo met vuong|square kilomet(?:re|er)s?)\b/ },
  { measure: 'hectares', folded: /\b((?:bao nhieu|may) (?:ha|hecta|hec ta)|hectares?|hecta)\b/ },
  { measure: 'percent', folded: /\b(phan tram|ty le|percentage|percent|per cent)\b/ },
  { measure: 'population', folded: /\b(dan so|population|bao nhieu dan|bao nhieu nhan khau)\b/ },
  { measure: 'area', folded: /\b(dien tich|(?:natural|total|land) area|area of|what is the area)\b/ },
];

// What "bao nhiêu X" may count while still asking for an area or a population ("dân số bao nhiêu người").
const AREA_NOUNS = new Set(['km', 'km2', 'ha', 'hecta', 'hec', 'm2']);
const RESIDENT_NOUNS = new Set(['nguoi', 'dan', 'nhan']);

/**
 * The unit a question asks its amount in ("bao nhiêu km2", "diện tích", "tỷ lệ", "dân số"), undefined when it names
 * none or counts another thing ("diện tích bị ngập ảnh hưởng bao nhiêu hộ" asks for households).
 */
export function askedMeasure(text: string, countedNoun?: string): Measure | undefined {
  const folded = ` ${foldDiacritics(text).toLowerCase().replace(/%/g, ' percent ').replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ')} `;
  const measure = MEASURE_CUES.find((cue) => cue.folded.test(folded))?.measure;
  if (measure === 'area' && countedNoun && !AREA_NOUNS.has(countedNoun)) return undefined;
  if (measure === 'population' && countedNoun && !RESIDENT_NOUNS.has(countedNoun)) return undefined;
  return measure;
}

const SQUARE_KILOMETRES = /^\s*(?:km2|km²|ki-?lô-?mét vuông)(?![\p{L}\p{N}])/iu;
const HECTARES = /^\s*(?:ha|hecta|héc-?ta)(?![\p{L}\p{N}])/iu;
const OTHER_AREA = /^\s*(?:m2|m²|mét vuông|sào|mẫu)(?![\p{L}\p{N}])/iu;
const PERCENT = /^\s*(?:%|phần trăm)/iu;
const RESIDENTS = /^\s*(?:người|nhân khẩu|khẩu|dân|cư dân)(?![\p{L}\p{M}])/iu;
// "dân số 41.250." states the head count without a unit after it.
const POPULATION_BEFORE = /(?:dân số|population)(?:\s+(?:là|có|khoảng|hơn|gần|trên|đạt|of|about|over))*\s*$/iu;

/**
 * Whether an amount is in the unit the question asks for: "21,36 ha" does not answer "bao nhiêu km2", nor "215 đại
 * biểu" or "100%" a question about the population; an amount in another unit would quote a true number about something else.
 */
export function measureFits(measure: Measure | undefined, text: string, entity: Entity): boolean {
  if (!measure) return true;
  const after = text.slice(entity.end);
  const isPercent = entity.text.includes('%') || PERCENT.test(after);
  switch (measure) {
    case 'square-kilometres':
      return SQUARE_KILOMETRES.test(after);
    case 'hectares':
      return HECTARES.test(after);
    case 'area':
      return SQUARE_KILOMETRES.test(after) || HECTARES.test(after) || OTHER_AREA.test(after);
    case 'percent':
      return isPercent;
    case 'population':
      return !isPercent && (RESIDENTS.test(after) || (POPULATION_BEFORE.test(text.slice(0, entity.start)) && !/^\s*[\p{L}]/u.test(after)));
  }
}
