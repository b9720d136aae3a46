import { mkdir, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Moves an article file out of the articles folder into `removed-articles/` beside it (same relative path), so the
 * index drops it while staff can still put it back; false when the file is not inside the folder or is gone.
 */
export async function setArticleAside(articlesDir: string, file: string): Promise<boolean> {
  const root = resolve(articlesDir);
  const source = resolve(root, file);
  if (!source.startsWith(root + sep)) return false;
  const target = join(dirname(root), 'removed-articles', source.slice(root.length + 1));
  try {
    await mkdir(dirname(target), { recursive: true });
    await rename(source, target);
    return true;
  } catch {
    return false;
  }
}
