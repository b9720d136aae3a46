import { ChatbotError } from '../core/errors.js';
import type { ArticleMeta } from '../core/types.js';
import type { Section } from './index-files.js';
import { PackedStrings } from './packed-strings.js';

/** One article as an index version lists it. */
export interface ListedArticle extends ArticleMeta {
  file: string;
  contentHash: string;
  /** Where the article's text starts in the texts file, and its length, in bytes. */
  textStart: number;
  textBytes: number;
}

/** Index of "absent" in the place and date columns. */
const NONE = -1;

/** Distinct values once (a ward's articles share a place line, many share a date) and each article's index into them. */
function tabled(values: ReadonlyArray<string | undefined>): { table: string[]; column: Int32Array } {
  const positions = new Map<string, number>();
  const column = new Int32Array(values.length);
  values.forEach((value, article) => {
    if (value === undefined) {
      column[article] = NONE;
      return;
    }
    let position = positions.get(value);
    if (position === undefined) {
      position = positions.size;
      positions.set(value, position);
    }
    column[article] = position;
  });
  return { table: [...positions.keys()], column };
}

/**
 * The articles of an index version in columns (the version's `articles.bin`): strings packed, places and dates each
 * stored once. Loading it reads a few arrays; each field is decoded when asked for.
 */
export class ArticleList {
  private constructor(
    private readonly ids: PackedStrings,
    private readonly titles: PackedStrings,
    private readonly urls: PackedStrings,
    private readonly files: PackedStrings,
    private readonly hashes: PackedStrings,
    private readonly places: string[],
    private readonly placeColumn: Int32Array,
    private readonly dates: string[],
    private readonly dateColumn: Int32Array,
    private readonly textStarts: Float64Array,
    private readonly textLengths: Float64Array,
  ) {}

  /** The sections `fromSections` takes back. */
  static toSections(articles: readonly ListedArticle[]): Record<string, Section> {
    const places = tabled(articles.map((article) => article.place));
    const dates = tabled(articles.map((article) => article.published));
    return {
      ...PackedStrings.toSections('articleId', articles.map((article) => article.id)),
      ...PackedStrings.toSections('articleTitle', articles.map((article) => article.title)),
      ...PackedStrings.toSections('articleUrl', articles.map((article) => article.url)),
      ...PackedStrings.toSections('articleFile', articles.map((article) => article.file)),
      ...PackedStrings.toSections('articleHash', articles.map((article) => article.contentHash)),
      ...PackedStrings.toSections('placeName', places.table),
      articlePlace: places.column,
      ...PackedStrings.toSections('dateText', dates.table),
      articleDate: dates.column,
      articleTextStart: Float64Array.from(articles, (article) => article.textStart),
      articleTextBytes: Float64Array.from(articles, (article) => article.textBytes),
    };
  }

  /** Takes back `count` articles from the sections of `toSections`; throws ChatbotError('index-corrupt') when they disagree. */
  static fromSections(sections: ReadonlyMap<string, Section>, count: number): ArticleList {
    const strings = (name: string) => PackedStrings.fromSections(sections, name, count);
    const table = (name: string, columnName: string) => {
      const column = sections.get(columnName);
      const names = sections.get(`${name}Ends`);
      const size = names instanceof Uint32Array ? names.length : 0;
      const values = PackedStrings.fromSections(sections, name, size);
      if (!(column instanceof Int32Array) || column.length !== count || column.some((position) => position < NONE || position >= size)) {
        throw new ChatbotError('index-corrupt', `The stored ${columnName} column is incomplete; run \`hoiphuong ingest\` to rebuild the index.`);
      }
      return { table: Array.from({ length: size }, (_, position) => values.at(position)), column };
    };
    const numbers = (name: string) => {
      const column = sections.get(name);
      if (!(column instanceof Float64Array) || column.length !== count) {
        throw new ChatbotError('index-corrupt', `The stored ${name} column is incomplete; run \`hoiphuong ingest\` to rebuild the index.`);
      }
      return column;
    };
    const places = table('placeName', 'articlePlace');
    const dates = table('dateText', 'articleDate');
    return new ArticleList(
      strings('articleId'),
      strings('articleTitle'),
      strings('articleUrl'),
      strings('articleFile'),
      strings('articleHash'),
      places.table,
      places.column,
      dates.table,
      dates.column,
      numbers('articleTextStart'),
      numbers('articleTextBytes'),
    );
  }

  /** How many articles the list holds. */
  get count(): number {
    return this.placeColumn.length;
  }

  id(position: number): string {
    return this.ids.at(position);
  }

  /** The metadata of the article at `position` (id, title, url, and published and place when known). */
  meta(position: number): ArticleMeta {
    const place = this.placeColumn[position]!;
    const date = this.dateColumn[position]!;
    const meta: ArticleMeta = { id: this.ids.at(position), title: this.titles.at(position), url: this.urls.at(position) };
    if (date !== NONE) meta.published = this.dates[date]!;
    if (place !== NONE) meta.place = this.places[place]!;
    return meta;
  }

  file(position: number): string {
    return this.files.at(position);
  }

  contentHash(position: number): string {
    return this.hashes.at(position);
  }

  textStart(position: number): number {
    return this.textStarts[position]!;
  }

  textBytes(position: number): number {
    return this.textLengths[position]!;
  }
}
