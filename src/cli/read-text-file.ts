import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ChatbotError } from '../core/errors.js';

/**
 * Reads a UTF-8 file a user named on the command line; a missing or unreadable one becomes one line naming the file,
 * what is wrong and `hint` (what to do instead).
 */
export async function readTextFile(path: string, hint: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT'
        ? `Không tìm thấy tệp ${path} (file not found; looked for ${resolve(path)})`
        : code === 'EISDIR'
          ? `${path} là thư mục, không phải tệp (is a folder, not a file)`
          : code === 'EACCES' || code === 'EPERM'
            ? `Không có quyền đọc tệp ${path} (permission denied)`
            : `Không đọc được tệp ${path} (${code ?? (error as Error).message})`;
    throw new ChatbotError('input-invalid', `${what} — ${hint}`, { cause: error });
  }
}
