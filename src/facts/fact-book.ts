import { parsePlace } from '../search/place-gazetteer.js';
import { extractFacts } from './extract-facts.js';
import type { Article } from '../core/types.js';
import type { Fact, FactSource, FigureFact, FigureMeasure, OfficeHolderFact } from './fact.js';

/** One person in one office of one ward, with every sentence that says so. */
export interface Holding {
  office: string;
  person: string;
  /** The date this holding is known from: the stated start date, else the newest article's date (`YYYY-MM-DD`…). */
  asOf: string | undefined;
  /** The stated start date ("kể từ ngày 16/1/2026"), when an article gives one. */
  since: string | undefined;
  /** True when a newer article says the person held it before, or names someone else in it. */
  ended: boolean;
  sources: FactSource[];
}

/** The current holders of one office, newest source first, and whether sources of the same date disagree. */
export interface OfficeNow {
  office: string;
  holders: Holding[];
  /** Two different people named for a one-person office by sources of the same date. */
  disputed: boolean;
}

/** One measure of a ward's figures: the newest value first, then earlier ones. */
export interface FigureSeries {
  measure: FigureMeasure;
  latest: FigureFact;
  earlier: FigureFact[];
}

/** What the corpus says about one ward. */
export interface FactSheet {
  place: string;
  offices: OfficeNow[];
  /** Holders no longer current (newest first). */
  history: Holding[];
  figures: FigureSeries[];
}

// Offices in the order a ward's leadership is listed.
const OFFICE_ORDER = [
  'Bí thư Đảng ủy',
  'Phó Bí thư Thường trực Đảng ủy',
  'Phó Bí thư Đảng ủy',
  'Chủ tịch HĐND',
  'Phó Chủ tịch HĐND',
  'Chủ tịch UBND',
  'Phó Chủ tịch UBND',
  'Chủ tịch Ủy ban MTTQ',
  'Phó Chủ tịch Ủy ban MTTQ',
];
const MEASURE_ORDER: FigureMeasure[] = ['population', 'area', 'residential-groups', 'party-members', 'delegates', 'budget-revenue', 'budget-spending'];

/** Facts of every article, looked up by ward and date; "now" follows the newest source. */
export class FactBook {
  readonly facts: readonly Fact[];
  // Looked up per question: the facts by ward and the wards' labels and keys are worked out once, not per lookup.
  private byPlace: Map<string, Fact[]> | undefined;
  private labels: string[] | undefined;
  private parsedLabels: Array<{ label: string; place: ReturnType<typeof parsePlace> }> | undefined;

  constructor(facts: readonly Fact[]) {
    this.facts = facts;
  }

  private factsOf(place: string): readonly Fact[] {
    if (!this.byPlace) {
      this.byPlace = new Map();
      for (const fact of this.facts) {
        if (!fact.place) continue;
        const list = this.byPlace.get(fact.place) ?? [];
        list.push(fact);
        this.byPlace.set(fact.place, list);
      }
    }
    return this.byPlace.get(place) ?? [];
  }

  /** Extracts the facts of every article (office holders and figures, each with its quote). */
  static fromArticles(articles: Iterable<Pick<Article, 'id' | 'title' | 'url' | 'published' | 'place' | 'text'>>): FactBook {
    const facts: Fact[] = [];
    for (const article of articles) facts.push(...extractFacts(article));
    return new FactBook(facts);
  }

  /**
   * The facts an index version kept for its articles (`SearchIndex.articleExtracts`, written by `factsToKeep` at
   * ingest and checksummed with the version), with each source's article as the version lists it: no article is read.
   */
  static fromExtracts(extracts: ReadonlyMap<string, readonly unknown[]>, articleOf: (id: string) => Pick<Article, 'title' | 'url' | 'published'> | undefined): FactBook {
    const facts: Fact[] = [];
    for (const [articleId, kept] of extracts) {
      const article = articleOf(articleId);
      if (!article) continue;
      for (const fact of kept as ReadonlyArray<Fact & { source: Pick<FactSource, 'quote' | 'start' | 'end'> }>) {
        facts.push({ ...fact, source: { articleId, title: article.title, url: article.url, published: article.published, quote: fact.source.quote, start: fact.source.start, end: fact.source.end } });
      }
    }
    return new FactBook(facts);
  }

  /** The wards the facts are about, as labelled in the articles. */
  places(): string[] {
    if (!this.labels) {
      const labels = new Set<string>();
      for (const fact of this.facts) if (fact.place && (fact.kind === 'figure' || fact.level === 'ward')) labels.add(fact.place);
      this.labels = [...labels].sort((left, right) => left.localeCompare(right, 'vi'));
    }
    return [...this.labels];
  }

  /**
   * The wards a place query names: `phường An Hải, TP Hải Phòng`, `An Hải` or `xã Hòa Hội, tỉnh Gia Lai`. A query
   * without a province matches the ward in every province; one with a province matches only there.
   */
  findPlaces(query: string): string[] {
    const wanted = parsePlace(query);
    if (!wanted) return [];
    this.parsedLabels ??= this.places().map((label) => ({ label, place: parsePlace(label) }));
    return this.parsedLabels
      .filter(({ place }) => {
        if (!place || place.nameKeys.join(' ') !== wanted.nameKeys.join(' ')) return false;
        if (wanted.unit && place.unit && wanted.unit !== place.unit) return false;
        return wanted.cityKeys.length === 0 || wanted.cityKeys.join(' ') === place.cityKeys.join(' ');
      })
      .map(({ label }) => label);
  }

  /** The fact sheet of one ward (a label from `places()`). */
  sheet(place: string): FactSheet {
    const holdings = this.holdings(place);
    const offices: OfficeNow[] = [];
    const history: Holding[] = [];
    for (const office of orderedOffices(holdings.map((holding) => holding.office))) {
      const ofOffice = holdings.filter((holding) => holding.office === office);
      const current = ofOffice.filter((holding) => !holding.ended);
      history.push(...ofOffice.filter((holding) => holding.ended));
      if (current.length === 0) continue;
      const newest = current[0]?.asOf;
      const sameDate = current.filter((holding) => holding.asOf === newest);
      offices.push({ office, holders: current, disputed: !office.startsWith('Phó') && sameDate.length > 1 });
    }
    // Newest mention first: a predecessor named by the newest article ("người tiền nhiệm là ông B") comes before an
    // older source's holder.
    history.sort((left, right) => compareDates(right.sources[0]?.published, left.sources[0]?.published) || compareDates(right.asOf, left.asOf));
    return { place, offices, history, figures: this.figures(place) };
  }

  /** Who holds an office in a ward now, by the newest source; empty when no article names a holder. */
  holdersNow(place: string, office: string): Holding[] {
    return this.sheet(place).offices.find((entry) => entry.office === office)?.holders ?? [];
  }

  private holdings(place: string): Holding[] {
    const facts = this.factsOf(place).filter((fact): fact is OfficeHolderFact => fact.kind === 'office' && fact.level === 'ward');
    const byKey = new Map<string, Holding>();
    for (const fact of facts) {
      const key = `${fact.office}|${fact.person}`;
      const date = fact.former ? undefined : (fact.since ?? fact.source.published);
      const holding = byKey.get(key) ?? { office: fact.office, person: fact.person, asOf: undefined, since: undefined, ended: false, sources: [] };
      holding.sources.push(fact.source);
      if (!fact.former && compareDates(date, holding.asOf) > 0) holding.asOf = date;
      if (fact.since && compareDates(fact.since, holding.since) > 0) holding.since = fact.since;
      byKey.set(key, holding);
    }
    const holdings = [...byKey.values()];
    for (const holding of holdings) {
      holding.sources.sort((left, right) => compareDates(right.published, left.published));
      const former = facts.filter((fact) => fact.former && fact.office === holding.office && fact.person === holding.person);
      // A later sentence saying the person held it before ends the holding.
      if (former.some((fact) => compareDates(fact.source.published, holding.asOf) >= 0)) holding.ended = true;
      // A one-person office named for someone else by a newer source has changed hands.
      if (!holding.office.startsWith('Phó')) {
        const newer =
          holdings.some((other) => other !== holding && other.office === holding.office && compareDates(other.asOf, holding.asOf) > 0) ||
          // "Người tiền nhiệm là ông B, trước đó giữ cương vị …" in a newer article: B held it after this source.
          facts.some((fact) => fact.former && fact.office === holding.office && fact.person !== holding.person && compareDates(fact.source.published, holding.asOf) > 0);
        if (newer) holding.ended = true;
      }
    }
    return holdings.sort((left, right) => compareDates(right.asOf, left.asOf));
  }

  private figures(place: string): FigureSeries[] {
    const facts = this.factsOf(place).filter((fact): fact is FigureFact => fact.kind === 'figure');
    const series: FigureSeries[] = [];
    for (const measure of MEASURE_ORDER) {
      const ofMeasure = facts.filter((fact) => fact.measure === measure);
      // One entry per value and article: a figure repeated in the same article is one figure.
      const distinct = ofMeasure.filter(
        (fact, index) => ofMeasure.findIndex((other) => other.value === fact.value && other.source.articleId === fact.source.articleId) === index,
      );
      distinct.sort((left, right) => compareDates(right.source.published, left.source.published));
      const [latest, ...earlier] = distinct;
      if (latest) series.push({ measure, latest, earlier });
    }
    return series;
  }
}

function orderedOffices(offices: readonly string[]): string[] {
  const rank = (office: string) => (OFFICE_ORDER.indexOf(office) < 0 ? OFFICE_ORDER.length : OFFICE_ORDER.indexOf(office));
  return [...new Set(offices)].sort((left, right) => rank(left) - rank(right) || left.localeCompare(right, 'vi'));
}

/** Orders `YYYY`, `YYYY-MM` and `YYYY-MM-DD` dates; an unknown date is older than any known one. */
export function compareDates(left: string | undefined, right: string | undefined): number {
  if (left === right) return 0;
  if (left === undefined) return -1;
  if (right === undefined) return 1;
  return left < right ? -1 : left > right ? 1 : 0;
}
