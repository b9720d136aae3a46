import { once } from 'node:events';
import type { Server } from 'node:net';
import { ChatbotError } from '../core/errors.js';

/**
 * Parses a `--port` value; a port must be a whole number from 0 (any free port) to 65535.
 * @throws ChatbotError `input-invalid` naming the value and the fix.
 */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65_535) {
    throw new ChatbotError('input-invalid', `--port "${text}" không phải số cổng (not a port) — dùng số từ 0 đến 65535, ví dụ --port 3000`);
  }
  return port;
}

/**
 * Starts listening; the usual reasons a port cannot be opened become one line saying which setting to change.
 * @throws ChatbotError `config-invalid` for a port in use, a privileged port or a host that is not this machine's.
 */
export async function listen(server: Server, port: number, host: string): Promise<void> {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    throw explainListenError(error, port, host);
  }
}

/** The one-line explanation of a failed `listen`, naming PORT or HOST and the fix. */
export function explainListenError(error: unknown, port: number, host: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const next = port === 65_535 ? 3000 : port + 1;
  if (code === 'EADDRINUSE') {
    return new ChatbotError(
      'config-invalid',
      `Cổng ${port} đang bận (port ${port} is in use) — đặt PORT=${next} trong .env hoặc chạy hoiphuong serve --port ${next}, hoặc dừng chương trình đang dùng cổng ${port}.`,
      { cause: error },
    );
  }
  if (code === 'EACCES') {
    return new ChatbotError('config-invalid', `Không có quyền mở cổng ${port} (permission denied) — dùng cổng từ 1024 trở lên, ví dụ PORT=3000.`, { cause: error });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ChatbotError('config-invalid', `HOST=${host} không phải địa chỉ của máy này (not an address of this machine) — đặt HOST=127.0.0.1, hoặc HOST=0.0.0.0 để nghe trên mọi địa chỉ.`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
