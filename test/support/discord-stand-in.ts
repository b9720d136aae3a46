import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { discordMessageProblems } from './discord-limits.js';

/** One REST request the stand-in received (path without `/api/v10`, each segment URL-decoded). */
export interface RestCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. */
  body: any;
  status: number;
  /** The JSON the stand-in answered, e.g. the message object of a sent reply. */
  response: any;
}

/** A text channel, thread or role of the guild the bot finds on READY; missing fields get Discord's defaults. */
export type PartialObject = { id: string } & Record<string, unknown>;

/** What the stand-in pretends exists. */
export interface DiscordStandInOptions {
  applicationId: string;
  bot: { id: string; username: string };
  guild: { id: string; name: string; channels: PartialObject[]; threads?: PartialObject[]; roles?: PartialObject[] };
  /** How long after its dispatch an interaction may get its first response (Discord: 3 s; then its token is invalid). */
  responseWindowMs?: number;
  /** Clock for the response window; injected so a test can make an interaction late without waiting. */
  now?: () => number;
}

/** A planned failure for the next request matching a method and path. */
interface PlannedFailure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
}

/**
 * A local Discord stand-in that the real discord.js `Client` logs in to: REST under `/api/v10` (gateway discovery,
 * interaction callbacks, webhook edits, channel messages, typing, pins, command registration) and a JSON gateway
 * WebSocket (HELLO, heartbeat ACK, IDENTIFY → READY + GUILD_CREATE) that tests dispatch events through. It refuses
 * what Discord refuses: message and embed limits, button `custom_id`/label/row limits (400, code 50035), a second
 * response to an interaction (40060) and a first response later than 3 s after the interaction (10062).
 */
export interface DiscordStandIn {
  /** For `ClientOptions.rest.api` / `DISCORD_API_URL` (discord.js appends `/v10`). */
  apiUrl: string;
  calls: RestCall[];
  /** IDENTIFY payloads (`op 2`'s `d`) the gateway received. */
  identifies: Array<Record<string, any>>;
  /** Sends a dispatch (`op 0`) to every connected gateway client. */
  dispatch(event: string, data: Record<string, unknown>): void;
  /** Resolves with the first truthy value of `find`, re-checked after every REST call and gateway message. */
  waitFor<T>(find: () => T | undefined | null | false): Promise<T>;
  /** The REST calls made after `from` (an index into `calls`), excluding typing indicators. */
  callsSince(from: number): RestCall[];
  /** Makes the gateway close the next IDENTIFY with `code` (4004 authentication failed, 4014 disallowed intents). */
  closeNextIdentify(code: number, reason: string): void;
  /** Makes the next request matching `method` and `path` fail with `status` and a Discord error body. */
  failNext(method: string, path: RegExp, status: number, body: unknown): void;
  close(): Promise<void>;
}

const TIMESTAMP = '2025-06-01T08:00:00.000+00:00';

/** Starts the stand-in on 127.0.0.1 at a free port. */
export async function startDiscordStandIn(options: DiscordStandInOptions): Promise<DiscordStandIn> {
  const calls: RestCall[] = [];
  const identifies: Array<Record<string, any>> = [];
  const failures: PlannedFailure[] = [];
  const sockets = new Set<WebSocket>();
  const waiters = new Set<() => void>();
  /** Interaction tokens → where their replies appear, learnt from dispatched INTERACTION_CREATE events. */
  const interactions = new Map<string, { channelId: string; guildId?: string; originalId?: string; dispatchedAt: number; acknowledged: boolean }>();
  const now = options.now ?? Date.now;
  const responseWindowMs = options.responseWindowMs ?? 3_000;
  /** Discord's answer to a body that breaks a limit: 400, code 50035, with where. */
  const invalidForm = (problems: string[]) => ({ status: 400, json: { message: 'Invalid Form Body', code: 50035, errors: problems } });
  let sequence = 0;
  let nextId = 1_300_000_000_000_000_000n;
  const newId = () => String(nextId++);
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };

  const botUser = { id: options.bot.id, username: options.bot.username, discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 };
  const message = (channelId: string, body: any, extra: Record<string, unknown> = {}) => ({
    id: newId(),
    channel_id: channelId,
    author: botUser,
    content: body?.content ?? '',
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    type: body?.message_reference ? 19 : 0,
    timestamp: TIMESTAMP,
    edited_timestamp: null,
    flags: body?.flags ?? 0,
    ...extra,
  });

  const route = (method: string, path: string, body: any, query: Record<string, string>): { status: number; json?: unknown } => {
    const failure = failures.find((planned) => planned.method === method && planned.path.test(path));
    if (failure) {
      failures.splice(failures.indexOf(failure), 1);
      return { status: failure.status, json: failure.body };
    }
    const segments = path.split('/').filter(Boolean);
    const [first, second, third, fourth, fifth] = segments;
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        json: { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } },
      };
    }
    if (method === 'POST' && first === 'interactions' && fourth === 'callback') {
      const known = third ? interactions.get(third) : undefined;
      if (known?.acknowledged) return { status: 400, json: { message: 'Interaction has already been acknowledged.', code: 40060 } };
      if (known && now() - known.dispatchedAt > responseWindowMs) return { status: 404, json: { message: 'Unknown interaction', code: 10062 } };
      if (body?.type === 5 && body.data && Object.keys(body.data).some((key) => key !== 'flags')) return invalidForm(['data: A deferred response may carry only flags.']);
      const problems = discordMessageProblems(body?.data);
      if (problems.length) return invalidForm(problems);
      if (known) known.acknowledged = true;
      if (query.with_response === 'true') return { status: 200, json: { interaction: { id: second, type: 2 }, resource: { type: body?.type } } };
      return { status: 204 };
    }
    if ((method === 'POST' || method === 'PATCH') && (first === 'webhooks' || (first === 'channels' && third === 'messages'))) {
      const problems = discordMessageProblems(body);
      if (problems.length) return invalidForm(problems);
    }
    if (first === 'webhooks' && third) {
      const known = interactions.get(third);
      const channelId = known?.channelId ?? '0';
      const extra = { webhook_id: second, application_id: second, ...(known?.guildId ? { guild_id: known.guildId } : {}) };
      if (method === 'PATCH' && fourth === 'messages' && fifth === '@original') {
        if (known && !known.originalId) known.originalId = newId();
        return { status: 200, json: { ...message(channelId, body, extra), id: known?.originalId ?? newId() } };
      }
      if (method === 'POST' && !fourth) return { status: 200, json: message(channelId, body, extra) };
    }
    if (first === 'channels' && second) {
      if (method === 'POST' && third === 'messages' && !fourth) return { status: 200, json: message(second, body) };
      if (method === 'POST' && third === 'typing') return { status: 204 };
      if ((method === 'PUT' || method === 'DELETE') && third === 'messages' && fourth === 'pins' && fifth) return { status: 204 };
    }
    if (method === 'PUT' && first === 'applications' && segments.at(-1) === 'commands') {
      const commands = Array.isArray(body) ? body : [];
      return { status: 200, json: commands.map((command) => ({ id: newId(), application_id: second, version: '1', ...command })) };
    }
    return { status: 404, json: { message: `Unknown route ${method} ${path}`, code: 0 } };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/api\/v\d+/, '').split('/').map(decodeURIComponent).join('/');
    const body = raw ? JSON.parse(raw) : undefined;
    const query = Object.fromEntries(url.searchParams);
    const method = request.method ?? 'GET';
    const answer = route(method, path, body, query);
    calls.push({ method, path, query, headers: request.headers, body, status: answer.status, response: answer.json });
    if (answer.json === undefined) {
      // A 204 must carry no JSON content type, or @discordjs/rest tries to parse the empty body.
      response.writeHead(answer.status).end();
    } else {
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
    }
    notify();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  const gateway = new WebSocketServer({ server });
  const send = (socket: WebSocket, payload: Record<string, unknown>) => socket.send(JSON.stringify(payload));
  const guildCreate = () => ({
    id: options.guild.id,
    name: options.guild.name,
    icon: null,
    owner_id: '1',
    unavailable: false,
    large: false,
    member_count: 3,
    joined_at: TIMESTAMP,
    preferred_locale: 'vi',
    features: [],
    emojis: [],
    stickers: [],
    members: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    channels: options.guild.channels.map((channel) => ({ type: 0, name: 'chung', position: 0, permission_overwrites: [], parent_id: null, ...channel })),
    threads: (options.guild.threads ?? []).map((thread) => ({
      type: 11,
      name: 'luồng',
      guild_id: options.guild.id,
      owner_id: '1',
      member_count: 1,
      message_count: 0,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: TIMESTAMP, locked: false },
      ...thread,
    })),
    roles: [{ id: options.guild.id, name: '@everyone' }, ...(options.guild.roles ?? [])].map((role, position) => ({
      name: 'role',
      permissions: '0',
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
      ...role,
    })),
  });

  let identifyClose: { code: number; reason: string } | undefined;
  gateway.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    send(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
    socket.on('message', (data) => {
      const payload = JSON.parse(String(data)) as { op: number; d: any };
      if (payload.op === 1) send(socket, { op: 11 });
      if (payload.op === 2 && identifyClose) {
        identifies.push(payload.d);
        const { code, reason } = identifyClose;
        identifyClose = undefined;
        socket.close(code, reason);
      } else if (payload.op === 2) {
        identifies.push(payload.d);
        send(socket, {
          op: 0,
          t: 'READY',
          s: ++sequence,
          d: {
            v: 10,
            user: botUser,
            guilds: [{ id: options.guild.id, unavailable: true }],
            session_id: 'stand-in-session',
            resume_gateway_url: gatewayUrl,
            shard: [0, 1],
            application: { id: options.applicationId, flags: 0 },
            private_channels: [],
            presences: [],
          },
        });
        send(socket, { op: 0, t: 'GUILD_CREATE', s: ++sequence, d: guildCreate() });
      }
      notify();
    });
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const gatewayUrl = `ws://127.0.0.1:${port}`;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    calls,
    identifies,
    dispatch(event, data) {
      if (event === 'INTERACTION_CREATE' && typeof data.token === 'string') {
        const channel = data.channel as { id: string } | undefined;
        interactions.set(data.token, {
          channelId: channel?.id ?? '0',
          ...(typeof data.guild_id === 'string' ? { guildId: data.guild_id } : {}),
          dispatchedAt: now(),
          acknowledged: false,
        });
      }
      for (const socket of sockets) send(socket, { op: 0, t: event, s: ++sequence, d: data });
    },
    waitFor<T>(find: () => T | undefined | null | false): Promise<T> {
      return new Promise((resolve) => {
        const check = () => {
          const found = find();
          if (!found) return false;
          waiters.delete(check);
          resolve(found);
          return true;
        };
        if (!check()) waiters.add(check);
      });
    },
    callsSince(from) {
      return calls.slice(from).filter((call) => !call.path.endsWith('/typing'));
    },
    closeNextIdentify(code, reason) {
      identifyClose = { code, reason };
    },
    failNext(method, path, status, body) {
      failures.push({ method, path, status, body });
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
