/** Where a fact was read: the article, its date and the verbatim sentence, as UTF-16 offsets into the article text. */
export interface FactSource {
  articleId: string;
  title: string;
  url: string;
  /** The article's date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; undefined when the article has none. */
  published: string | undefined;
  /** Exactly `article.text.slice(start, end)`. */
  quote: string;
  start: number;
  end: number;
}

/** The source of a fact read from one sentence (`span`) of an article. */
export function factSource(article: { id: string; title: string; url: string; published?: string | undefined; text: string }, span: { start: number; end: number }): FactSource {
  return { articleId: article.id, title: article.title, url: article.url, published: article.published, quote: article.text.slice(span.start, span.end), start: span.start, end: span.end };
}

/** The tier an office belongs to: the ward/commune itself, or a district or province/city above it. */
export type OfficeLevel = 'ward' | 'district' | 'province';

/** A person holding (or having held) an office, as one sentence of one article states it. */
export interface OfficeHolderFact {
  kind: 'office';
  person: string;
  /** Canonical office, e.g. `Chủ tịch UBND`, `Phó Bí thư Thường trực Đảng ủy`. */
  office: string;
  /** The body: `Đảng ủy`, `HĐND`, `UBND` or `Ủy ban MTTQ`. */
  organisation: string;
  level: OfficeLevel;
  /** The ward or commune, as `phường An Hải, TP Hải Phòng`; undefined for offices above the ward. */
  place: string | undefined;
  /** The start date the sentence states ("kể từ ngày 16/1/2026"), as `YYYY-MM-DD`. */
  since: string | undefined;
  /** True when the sentence says the person held it before ("trước đó giữ cương vị", "nguyên Bí thư"). */
  former: boolean;
  source: FactSource;
}

/** What a figure measures. */
export type FigureMeasure =
  | 'population'
  | 'area'
  | 'party-members'
  | 'delegates'
  | 'budget-revenue'
  | 'budget-spending'
  | 'residential-groups';

/** A key figure about a ward as an article states it. */
export interface FigureFact {
  kind: 'figure';
  measure: FigureMeasure;
  /** The quantity as written, with its qualifier: `gần 216 tỷ đồng`, `19,47 km²`. */
  written: string;
  /** The number in base units: 21.31 tỷ đồng → 21310000000 (VND). */
  value: number;
  unit: 'VND' | 'km2' | 'người' | 'đảng viên' | 'đại biểu' | 'đơn vị';
  /** `hơn`, `gần`, `trên`, `khoảng`… when the article gives the figure as a bound or estimate. */
  qualifier: string | undefined;
  /** The year or term the figure is for ("năm 2025", "nhiệm kỳ 2025 - 2030"), as written. */
  period: string | undefined;
  /** A revenue's share of its plan or estimate, as written ("124% kế hoạch"). */
  planShare: string | undefined;
  place: string | undefined;
  source: FactSource;
}

/** One extracted fact; every fact carries the sentence it came from. */
export type Fact = OfficeHolderFact | FigureFact;
