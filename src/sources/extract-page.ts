import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parse as parseHtml, type HTMLElement, type Node as HtmlNode, NodeType } from 'node-html-parser';

/** The article a page holds, as plain lines. */
export interface ExtractedPage {
  title: string;
  /** `YYYY-MM-DD`, when the page says when it was published. */
  published?: string;
  /** The main text, one paragraph, caption or table row a line. */
  text: string;
  /** Links on the page to other pages of the same site (absolute, without fragments), in page order. */
  sameSiteLinks: string[];
  /** `<meta name="place">`, when the page names its ward. */
  place?: string;
}

/** Elements that start a new line when the article's HTML is flattened to text. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'thead', 'tr', 'ul',
]);

/** Vietnamese date lines: "Thứ Sáu, 15/08/2025 - 10:30", "15-08-2025 10:30", "Ngày 15/8/2025". */
const VIETNAMESE_DATE = /(?:thứ\s+\S+|chủ\s+nhật|ngày|cập\s+nhật|đăng)?[,:\s]*\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b(?:\s*[-–|,]?\s*(?:lúc\s*)?\d{1,2}[:h]\d{2})?/iu;

/**
 * Extracts the article of an HTML page with Mozilla's Readability (over linkedom): menus, related-news boxes, share
 * bars and comments are dropped; photo captions and table rows stay, each on a line of its own. Undefined when the
 * page holds no readable article (a listing page, an empty page).
 */
export function extractPage(html: string, pageUrl: string): ExtractedPage | undefined {
  const { document } = parseHTML(html);
  const sameSiteLinks = linksOf(document, pageUrl);
  const meta = (key: string): string | undefined => {
    const element = document.querySelector(`meta[name="${key}"]`) ?? document.querySelector(`meta[property="${key}"]`) ?? document.querySelector(`meta[itemprop="${key}"]`);
    const value = element?.getAttribute('content')?.trim();
    return value ? value.normalize('NFC') : undefined;
  };
  const place = meta('place');
  const datedFromMarkup = isoDay(meta('article:published_time')) ?? isoDay(meta('datePublished')) ?? isoDay(jsonLdDate(document)) ?? isoDay(document.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined);
  const pageText = (document.body?.textContent ?? '').replace(/\s+/g, ' ');

  // Readability changes the document it reads; links and dates were taken first.
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
  if (!article?.content) return undefined;
  const text = flattenToLines(article.content);
  if (text.length < 200) return undefined;
  const title = (article.title ?? '').replace(/\s+/g, ' ').trim().normalize('NFC');
  if (title === '') return undefined;
  const published = datedFromMarkup ?? isoDay(article.publishedTime ?? undefined) ?? vietnameseDate(pageText);
  const result: ExtractedPage = { title, text, sameSiteLinks };
  if (published !== undefined) result.published = published;
  if (place !== undefined) result.place = place;
  return result;
}

/** Same-site links of a page that may lead to articles (no fragments, no files that are not pages). */
export function linksOf(document: { querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }> }, pageUrl: string): string[] {
  const base = new URL(pageUrl);
  const links: string[] = [];
  const seen = new Set<string>([base.href.replace(/#.*$/, '')]);
  for (const anchor of document.querySelectorAll('a[href]')) {
    const href = anchor.getAttribute('href');
    if (!href || /^(?:mailto|tel|javascript):/i.test(href)) continue;
    let target: URL;
    try {
      target = new URL(href, base);
    } catch {
      continue;
    }
    target.hash = '';
    if (target.host !== base.host || !/^https?:$/.test(target.protocol)) continue;
    if (/\.(?:jpe?g|png|gif|webp|svg|css|js|zip|rar|mp4|mp3)$/i.test(target.pathname)) continue;
    if (!seen.has(target.href)) {
      seen.add(target.href);
      links.push(target.href);
    }
  }
  return links;
}

/** The article's HTML as text lines: each block, caption and table row a line; cells of a row joined by " | ". */
export function flattenToLines(html: string): string {
  const root = parseHtml(html, { comment: false, blockTextElements: { script: true, style: true } });
  for (const element of root.querySelectorAll('script, style, noscript, button, form')) element.remove();
  return flatten(root)
    .normalize('NFC')
    .split('\n')
    .map((line) => line.replace(/[\u200b\ufeff]/g, '').replace(/\s+/g, ' ').trim().replace(/^\|\s*|\s*\|$/g, ''))
    // A line that is only the publication date is page furniture; the date itself goes to the front matter.
    .filter((line) => line !== '' && !isDateLine(line))
    .join('\n');
}

function flatten(node: HtmlNode): string {
  if (node.nodeType === NodeType.TEXT_NODE) return node.text.replace(/\s+/g, ' ');
  if (node.nodeType !== NodeType.ELEMENT_NODE) return '';
  const element = node as HTMLElement;
  const tag = element.tagName?.toLowerCase() ?? '';
  const inner = element.childNodes.map(flatten).join('');
  if (tag === 'td' || tag === 'th') return ` | ${inner.replace(/\n/g, ' ')}`;
  return BLOCK_ELEMENTS.has(tag) ? `\n${inner}\n` : inner;
}

function jsonLdDate(document: { querySelectorAll(selector: string): Iterable<{ textContent: string | null }> }): string | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const found = findDatePublished(JSON.parse(script.textContent ?? ''));
      if (found) return found;
    } catch {
      // A broken JSON-LD block says nothing; the other signs of a date are still read.
    }
  }
  return undefined;
}

function findDatePublished(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(findDatePublished).find((found) => found !== undefined);
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.datePublished === 'string') return record.datePublished;
  return findDatePublished(record['@graph']);
}

/** The day of an ISO timestamp (`2025-08-15T10:30:00+07:00` → `2025-08-15`), if it is one. */
function isoDay(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!match) return undefined;
  return validDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

function isDateLine(line: string): boolean {
  const match = VIETNAMESE_DATE.exec(line);
  return match !== null && match[0].trim().length >= line.length - 1;
}

/** The first Vietnamese-style date line of a page's text (day before month), as `YYYY-MM-DD`. */
export function vietnameseDate(text: string): string | undefined {
  const match = VIETNAMESE_DATE.exec(text);
  if (!match) return undefined;
  return validDay(Number(match[3]), Number(match[2]), Number(match[1]));
}

function validDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1990 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
