import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { foldDiacritics } from '../ingest/normalize-vietnamese.js';

/** An article fetched from the web, ready to be saved as a `.md` file staff can read and fix. */
export interface FetchedArticle {
  url: string;
  title: string;
  text: string;
  published?: string | undefined;
  place?: string | undefined;
}

const MAX_SLUG_LENGTH = 80;

/** A readable, stable id from a URL: `https://anhai.gov.vn/tin-tuc/dai-hoi-123.html` → `anhai-gov-vn-tin-tuc-dai-hoi-123`. */
export function idFromUrl(url: string): string {
  const parsed = new URL(url);
  const path = `${parsed.pathname.replace(/\.(?:s?html?|aspx?|php|jsp)$/i, '')}${parsed.search}`;
  const slug = slugify(`${parsed.hostname.replace(/^www\./, '')} ${path}`);
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  // A long URL keeps its start and gets a short hash of the whole, so two long URLs never share an id.
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 8);
  return `${slug.slice(0, MAX_SLUG_LENGTH - 9).replace(/-+$/, '')}-${hash}`;
}

/** Where an article from url is saved: `<articles>/<host>/<id>.md`. */
export function articleFilePath(articlesDir: string, url: string): string {
  return join(articlesDir, new URL(url).hostname.replace(/^www\./, ''), `${idFromUrl(url)}.md`);
}

/** The `.md` text: YAML front matter (id, title, source_url, published, place), then the text. */
export function articleMarkdown(article: FetchedArticle): string {
  const front: Record<string, string> = { id: idFromUrl(article.url), title: article.title, source_url: article.url };
  if (article.published) front.published = article.published;
  if (article.place) front.place = article.place;
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${article.text.split('\n').join('\n\n')}\n`;
}

/** Writes the file whole or not at all (a reader never sees half an article). */
export async function writeArticleFile(file: string, article: FetchedArticle): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, articleMarkdown(article), 'utf8');
  await rename(temporary, file);
}

/** Hash of an article's text as a reader would compare it: case, diacritic marks' encoding, spacing and punctuation aside. */
export function textHash(text: string): string {
  const normalised = text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex');
}

function slugify(text: string): string {
  return foldDiacritics(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
