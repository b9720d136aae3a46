import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ArticleError, ChatbotError } from '../core/errors.js';
import type { Article } from '../core/types.js';
import { documentText, isDocumentExtension } from './document-text.js';
import { parseArticle } from './parse-article.js';

/** The articles of a folder, and one error for each file that could not be used. */
export interface LoadedArticles {
  articles: Article[];
  errors: ArticleError[];
}

const ARTICLE_FILE = /\.(?:md|txt|html?|pdf|docx)$/i;
/** How many files are read ahead of the one being checked. */
const READ_AHEAD = 64;

/** Options of `readArticles` and `loadArticles`. */
export interface ReadArticlesOptions {
  /** Files larger than this many bytes are skipped with an error instead of read (MAX_ARTICLE_BYTES; 0 or absent: no cap). */
  maxBytes?: number;
}

/** Reads every .md/.txt/.html/.htm under dir (recursive, sorted by path), skipping bad files with an error each. */
export async function loadArticles(dir: string, options: ReadArticlesOptions = {}): Promise<LoadedArticles> {
  const articles: Article[] = [];
  const errors: ArticleError[] = [];
  for await (const read of readArticles(dir, options)) {
    if (read instanceof ArticleError) errors.push(read);
    else articles.push(read);
  }
  return { articles, errors };
}

/**
 * Yields the articles under dir one at a time, in path order, with an error in place of each file that could not be
 * used, so a large folder never has to be held in memory whole.
 */
export async function* readArticles(dir: string, options: ReadArticlesOptions = {}): AsyncGenerator<Article | ArticleError> {
  await assertFolder(dir);
  const root = await realpath(dir);
  const files = (await listArticleFiles(dir, '')).sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  const fileById = new Map<string, string>();
  // Files are read a batch ahead (one by one, waiting on each read dominates large corpora), then checked in order.
  const reads: Array<Promise<Article> | undefined> = [];
  let next = 0;
  let checked = 0;
  const readAhead = () => {
    while (next < files.length && next - checked < READ_AHEAD) {
      const read = readArticle(dir, root, files[next] as string, options.maxBytes ?? 0);
      read.catch(() => {});
      reads.push(read);
      next++;
    }
  };
  for (const file of files) {
    readAhead();
    const read = reads[checked] as Promise<Article>;
    reads[checked] = undefined;
    checked++;
    try {
      const article = await read;
      const earlier = fileById.get(article.id);
      if (earlier !== undefined) {
        throw new ArticleError(file, 'id', `id "${article.id}" is already used by ${earlier}; give one of the two files another id`);
      }
      fileById.set(article.id, file);
      yield article;
    } catch (error) {
      yield error instanceof ArticleError ? error : new ArticleError(file, undefined, `could not be read: ${describe(error)}`, { cause: error });
    }
  }
}

async function readArticle(dir: string, root: string, file: string, maxBytes: number): Promise<Article> {
  const path = join(dir, file);
  if ((await lstat(path)).isSymbolicLink()) {
    // A link may point anywhere (/etc/passwd); only links that stay inside the articles folder are read.
    const target = await realpath(path);
    const inside = relative(root, target);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || inside.startsWith(sep)) {
      throw new ArticleError(file, undefined, `is a link to ${target}, outside the articles folder; copy the article into the folder instead`);
    }
  }
  const size = (await stat(path)).size;
  if (maxBytes > 0 && size > maxBytes) {
    throw new ArticleError(
      file,
      undefined,
      `is ${formatBytes(size)}, larger than MAX_ARTICLE_BYTES (${formatBytes(maxBytes)}); split it into several articles or raise MAX_ARTICLE_BYTES`,
    );
  }
  const bytes = await readFile(path);
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  if (isDocumentExtension(extension)) return { ...parseArticle(file, await documentText(file, extension, bytes)), contentHash };
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new ArticleError(file, undefined, 'is not UTF-8 text; save it as UTF-8', { cause: error });
  }
  return { ...parseArticle(file, content), contentHash };
}

async function assertFolder(dir: string): Promise<void> {
  const fix = 'Create it and put the ward articles (.md, .txt, .html, .pdf or .docx) in it, or set DATA_DIR to the folder that holds them.';
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch (error) {
    throw new ChatbotError('input-invalid', `Article folder not found: ${dir}. ${fix}`, { cause: error });
  }
  if (!isFolder) throw new ChatbotError('input-invalid', `Article folder is not a folder: ${dir}. ${fix}`);
}

/** Relative paths with `/` separators; hidden files and folders (such as .git) are skipped. */
async function listArticleFiles(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(relative === '' ? root : join(root, relative), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listArticleFiles(root, path)));
    else if (ARTICLE_FILE.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await isLinkedFile(join(root, path)))))) {
      files.push(path);
    }
  }
  return files;
}

/** A symbolic link to an article file is read like the file itself; a broken link is left out. */
async function isLinkedFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
