import { parse as parseHtml, type HTMLElement, type Node as HtmlNode, NodeType } from 'node-html-parser';
import { parse as parseYaml } from 'yaml';
import { ArticleError } from '../core/errors.js';
import type { Article } from '../core/types.js';
import { foldDiacritics, nfc } from './normalize-vietnamese.js';
import { isHttpUrl } from '../core/http-link.js';

/** What a parser returns: everything but the hash, which the loader computes from the raw bytes. */
type ParsedArticle = Omit<Article, 'contentHash'>;

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
const SLUG = /^[a-z0-9-]+$/;
const PUBLISHED = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const FRONT_MATTER_FIELDS = ['id', 'title', 'source_url', 'published', 'place'] as const;

/** Elements whose text is page furniture, never article content. */
const NOISE_ELEMENTS = 'script, style, nav, header, footer, aside, form, noscript, template, iframe, svg, button';
/** Elements that start a new line of text when flattened. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);

/** Parses one article file's content; `file` is the path shown in errors. Throws ArticleError(file, field, message). */
export function parseArticle(file: string, content: string): ParsedArticle {
  if (content.replace(/^\uFEFF/, '').trim() === '') {
    throw new ArticleError(file, undefined, 'the file is empty; put the article text in it or delete it');
  }
  const extension = extensionOf(file);
  switch (extension) {
    case 'md':
      return detachedMeta(parseMarkdown(file, content));
    case 'txt':
    // PDF and DOCX arrive here as their extracted text (see document-text.ts).
    case 'pdf':
    case 'docx':
      return detachedMeta(parsePlainText(file, content));
    case 'html':
    case 'htm':
      return detachedMeta(parseHtmlPage(file, content));
    default:
      throw new ArticleError(file, undefined, `unsupported file type ".${extension}"; use .md, .txt, .html, .htm, .pdf or .docx`);
  }
}

/**
 * The article with metadata strings of their own. V8 keeps a whole file's content alive behind any string sliced out
 * of it, so an id or title kept after the article (in the index, in a set of ids seen) would hold every file read.
 */
function detachedMeta(article: ParsedArticle): ParsedArticle {
  const detached = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');
  const result: ParsedArticle = { ...article, id: detached(article.id), title: detached(article.title), url: detached(article.url) };
  if (article.published !== undefined) result.published = detached(article.published);
  if (article.place !== undefined) result.place = detached(article.place);
  return result;
}

/** A stable id from a file name, e.g. `Phường Hạc Thành.txt` → `phuong-hac-thanh`. */
export function slugFromFileName(file: string): string {
  const name = baseName(file).replace(/\.[^.]*$/, '');
  return foldDiacritics(nfc(name))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function parseMarkdown(file: string, content: string): ParsedArticle {
  const match = FRONT_MATTER.exec(content);
  if (!match) {
    throw new ArticleError(
      file,
      'front matter',
      'no front matter block --- … --- at the top; start the file with lines "---", "id: …", "title: …", "---"',
    );
  }
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ArticleError(file, 'front matter', `front matter is not valid YAML: ${reason}`, { cause: error });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ArticleError(file, 'front matter', 'front matter must be "key: value" lines (id, title, source_url, published, place)');
  }
  const fields = data as Record<string, unknown>;
  const [id, title, sourceUrl, published, place] = FRONT_MATTER_FIELDS.map((field) => scalarField(file, field, fields[field]));

  if (id === undefined) throw missingField(file, 'id', 'a slug such as phuong-an-hai-dai-hoi-2025');
  if (!SLUG.test(id)) {
    throw new ArticleError(file, 'id', `front matter field "id" must use only a-z, 0-9 and "-" (got "${id}")`);
  }
  if (title === undefined) throw missingField(file, 'title', 'the article headline');
  if (sourceUrl !== undefined && !isHttpUrl(sourceUrl)) {
    throw new ArticleError(file, 'source_url', `front matter field "source_url" must be an http(s) URL (got "${sourceUrl}")`);
  }
  if (published !== undefined && !isPublishedDate(published)) {
    throw new ArticleError(
      file,
      'published',
      `front matter field "published" must be YYYY, YYYY-MM or YYYY-MM-DD (got "${published}")`,
    );
  }
  const text = normalizeText(content.slice(match[0].length));
  if (text === '') throw new ArticleError(file, 'text', 'there is no article text after the front matter');
  return withOptional({ id, title: normalizeLine(title), url: sourceUrl ?? '', text, file }, published, place);
}

/**
 * A `.txt` article: the first line is the title, the rest the text. It may start with the same front matter block as a
 * `.md` file, where every field is optional (`place: phường X, tỉnh Y` is the one that matters most); a title given
 * there leaves the first line as text.
 */
function parsePlainText(file: string, content: string): ParsedArticle {
  const match = FRONT_MATTER.exec(content);
  if (match) {
    const fields = parseFrontMatter(file, match[1] ?? '');
    const [id, title, sourceUrl, published, place] = FRONT_MATTER_FIELDS.map((field) => scalarField(file, field, fields[field]));
    checkFrontMatterValues(file, id, sourceUrl, published);
    const lines = normalizeText(content.slice(match[0].length)).split('\n');
    const heading = title === undefined ? (lines.shift() ?? '') : normalizeLine(title);
    const text = lines.join('\n');
    if (text === '') throw new ArticleError(file, 'text', 'there is no article text after the front matter and the title');
    return withOptional({ id: id ?? idFromFileName(file), title: heading, url: sourceUrl ?? '', text, file }, published, place);
  }
  const lines = normalizeText(content).split('\n');
  const title = lines[0] ?? '';
  const text = lines.slice(1).join('\n');
  if (text === '') {
    throw new ArticleError(file, 'text', 'there is no article text after the title (the first line is the title, the rest the text)');
  }
  return { id: idFromFileName(file), title, url: '', text, file };
}

function parseFrontMatter(file: string, block: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(block);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ArticleError(file, 'front matter', `front matter is not valid YAML: ${reason}`, { cause: error });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ArticleError(file, 'front matter', 'front matter must be "key: value" lines (id, title, source_url, published, place)');
  }
  return data as Record<string, unknown>;
}

function checkFrontMatterValues(file: string, id: string | undefined, sourceUrl: string | undefined, published: string | undefined): void {
  if (id !== undefined && !SLUG.test(id)) {
    throw new ArticleError(file, 'id', `front matter field "id" must use only a-z, 0-9 and "-" (got "${id}")`);
  }
  if (sourceUrl !== undefined && !isHttpUrl(sourceUrl)) {
    throw new ArticleError(file, 'source_url', `front matter field "source_url" must be an http(s) URL (got "${sourceUrl}")`);
  }
  if (published !== undefined && !isPublishedDate(published)) {
    throw new ArticleError(file, 'published', `front matter field "published" must be YYYY, YYYY-MM or YYYY-MM-DD (got "${published}")`);
  }
}

function parseHtmlPage(file: string, content: string): ParsedArticle {
  // <pre> is left out of blockTextElements so its inner tags are parsed instead of kept as raw text.
  const root = parseHtml(content, { comment: false, blockTextElements: { script: true, style: true, noscript: true } });
  for (const element of root.querySelectorAll(NOISE_ELEMENTS)) element.remove();

  const metaContent = (key: string): string | undefined => {
    const element = root.querySelector(`meta[name="${key}"]`) ?? root.querySelector(`meta[property="${key}"]`);
    const value = element?.getAttribute('content');
    return value === undefined ? undefined : normalizeLine(value) || undefined;
  };

  const body = root.querySelector('article') ?? root.querySelector('main') ?? root.querySelector('body') ?? root;
  const heading = body.querySelector('h1') ?? root.querySelector('h1');
  const headingText = heading ? normalizeLine(heading.text) : '';
  const title = headingText || metaContent('og:title') || normalizeLine(root.querySelector('title')?.text ?? '');
  if (title === '') {
    throw new ArticleError(file, 'title', 'no title found; add an <h1>, <meta property="og:title"> or <title>');
  }
  // The headline is kept as the title; leaving it in the body too would make it a "sentence" of the article.
  if (headingText) heading?.remove();

  const id = metaContent('article:id') ?? idFromFileName(file);
  if (!SLUG.test(id)) {
    throw new ArticleError(file, 'article:id', `<meta name="article:id"> must use only a-z, 0-9 and "-" (got "${id}")`);
  }
  const canonical = root.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim();
  const url = [canonical, metaContent('og:url')].find((candidate) => candidate !== undefined && isHttpUrl(candidate)) ?? '';
  // Only the date part of a timestamp such as 2025-11-03T08:30:00+07:00 is kept; an unreadable one is left out.
  const publishedTime = metaContent('article:published_time')?.slice(0, 10);
  const published = publishedTime !== undefined && isPublishedDate(publishedTime) ? publishedTime : undefined;

  const text = normalizeText(flattenText(body));
  if (text === '') throw new ArticleError(file, 'text', 'the page has no article text (looked in <article>, <main>, then <body>)');
  return withOptional({ id, title, url, text, file }, published, metaContent('place'));
}

/** Reads a front-matter value as text; YAML turns `published: 2025` into a number and may turn dates into Date objects. */
function scalarField(file: string, field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  if (typeof value === 'string') return nfc(value).trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ArticleError(file, field, `front matter field "${field}" must be a single value, not a list or mapping`);
}

function missingField(file: string, field: string, hint: string): ArticleError {
  return new ArticleError(file, field, `front matter field "${field}" is missing; add "${field}: …" (${hint})`);
}

function withOptional(article: ParsedArticle, published: string | undefined, place: string | undefined): ParsedArticle {
  const result: ParsedArticle = { ...article };
  if (published !== undefined) result.published = published;
  if (place !== undefined && normalizeLine(place) !== '') result.place = normalizeLine(place);
  return result;
}

function isPublishedDate(value: string): boolean {
  const match = PUBLISHED.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  // A round trip through the calendar rejects days a month does not have, such as 2025-02-30.
  const date = new Date(Date.UTC(year, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function idFromFileName(file: string): string {
  const slug = slugFromFileName(file);
  if (slug === '') {
    throw new ArticleError(file, 'id', 'cannot make an id from the file name; rename it with letters or digits');
  }
  return slug;
}

/** HTML text: source line breaks are plain spaces (except in <pre>); block elements and <br> break lines. */
function flattenText(node: HtmlNode, preformatted = false): string {
  if (node.nodeType === NodeType.TEXT_NODE) return preformatted ? node.text : node.text.replace(/\s+/g, ' ');
  if (node.nodeType !== NodeType.ELEMENT_NODE) return '';
  const element = node as HTMLElement;
  const tag = element.tagName?.toLowerCase() ?? '';
  const inner = element.childNodes.map((child) => flattenText(child, preformatted || tag === 'pre')).join('');
  return BLOCK_ELEMENTS.has(tag) ? `\n${inner}\n` : inner;
}

/** NFC, `\n` line endings, spaces collapsed within lines, blank lines dropped, trimmed. */
function normalizeText(text: string): string {
  return nfc(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(normalizeLine)
    .filter((line) => line !== '')
    .join('\n');
}

function normalizeLine(line: string): string {
  return nfc(line).replace(/[\u200b\ufeff]/g, '').replace(/[^\S\n]+/g, ' ').trim();
}

function extensionOf(file: string): string {
  const name = baseName(file);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
