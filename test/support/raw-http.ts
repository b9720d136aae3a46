import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';

/** A response as a loopback test sees it. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Options of `sendRequest`: the local address picks which loopback "visitor" sends it (127.0.0.1, 127.0.0.2, …). */
export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  localAddress?: string;
}

/** Sends one HTTP request over its own connection from a chosen loopback address. */
export function sendRequest(baseUrl: string, path: string, options: SendOptions = {}): Promise<RawResponse> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers: { connection: 'close', ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        agent: false,
      },
      (incoming) => {
        const parts: Buffer[] = [];
        incoming.on('data', (part: Buffer) => parts.push(part));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(parts).toString('utf8') }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Opens a raw TCP connection (to send malformed requests or to sit idle). */
export async function openSocket(baseUrl: string): Promise<Socket> {
  const url = new URL(baseUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port) });
  await once(socket, 'connect');
  return socket;
}

/** Writes `text` on a fresh connection and returns everything the server sends back before closing it. */
export async function sendRaw(baseUrl: string, text: string): Promise<string> {
  const socket = await openSocket(baseUrl);
  const parts: Buffer[] = [];
  socket.on('data', (part: Buffer) => parts.push(part));
  socket.write(text);
  await once(socket, 'close');
  return Buffer.concat(parts).toString('utf8');
}
