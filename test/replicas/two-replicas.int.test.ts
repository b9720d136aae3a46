import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordStandIn, type DiscordStandIn } from '../support/discord-stand-in.js';
import { announcePostgresSkipped, createTestDatabase, testDatabaseUrl } from '../support/postgres-database.js';
import { sendOaEvent, startZaloStandIn, type ZaloStandIn } from '../support/zalo-stand-in.js';
import { keys } from '../channels/zalo/zalo-test-kit.js';

// Two `hoiphuong serve` processes (the built CLI, as `npm start` runs it) sharing one PostgreSQL database, with the
// Discord and Zalo stand-ins on loopback. Each replica has its own articles and index folders: the leader ingests its
// articles and publishes the index in the database; the other has no articles at all and answers from the published
// version. Run by `npm run test:replicas` with TEST_DATABASE_URL.
const CLI = resolve('dist/src/cli/main.js');
const ARTICLES = resolve('test/fixtures/articles-mixed');
const EVENTS = 2_000;
const CONCURRENCY = 50;
const FAILOVER_BOUND_MS = 15_000;

announcePostgresSkipped('two replicas on PostgreSQL');

/** A running replica and what it printed. */
interface Replica {
  name: string;
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

const cleanups: Array<() => Promise<void>> = [];
let env: NodeJS.ProcessEnv;
let discord: DiscordStandIn;
let zalo: ZaloStandIn;
const replicas: Record<'a' | 'b', Replica | undefined> = { a: undefined, b: undefined };
/** Each replica's own articles and index folders. */
const folders: Record<'a' | 'b', { data: string; index: string }> = { a: { data: '', index: '' }, b: { data: '', index: '' } };

/** An article about a ward no fixture names, in front matter like a source's saved page. */
function wardArticle(id: string, ward: string, sentence: string): string {
  return `---\nid: ${id}\ntitle: "${ward} công bố kết quả"\nsource_url: https://example.gov.vn/tin-tuc/${id}\npublished: 2026-11-20\nplace: "${ward}, tỉnh Mẫu"\n---\n\n${sentence}\n`;
}

function startReplica(name: 'a' | 'b'): Promise<Replica> {
  const { data, index } = folders[name];
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', data, '--index', index], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return new Promise((ready, fail) => {
    const onData = (part: Buffer) => {
      output += part.toString('utf8');
      const match = /Hỏi Phường is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match && /Press Ctrl\+C to stop\./.test(output)) ready({ name, child, url: match[1]!, output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => fail(new Error(`replica ${name} exited (${code}) before serving:\n${output}`)));
  });
}

function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (part: Buffer) => (output += part.toString('utf8')));
  child.stderr.on('data', (part: Buffer) => (output += part.toString('utf8')));
  return new Promise((done) => child.on('exit', (code) => done({ code, output })));
}

interface Health {
  role: string;
  store: string;
  articles: number;
  indexPublication: number | null;
}

async function health(replica: Replica): Promise<Health> {
  return (await (await fetch(`${replica.url}/healthz`)).json()) as Health;
}

async function ask(replica: Replica, question: string): Promise<{ mode: string; answer: string; answered: boolean; reason?: string }> {
  const response = await fetch(`${replica.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });
  expect(response.status).toBe(200);
  return (await response.json()) as { mode: string; answer: string; answered: boolean; reason?: string };
}

/** Resolves with the replica's health once `until` holds (polled on a promise chain, not slept on). */
async function healthWhen(replica: Replica, until: (health: Health) => boolean): Promise<Health> {
  for (;;) {
    const current = await health(replica);
    if (until(current)) return current;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves once the replica holds the leader lock (the lock is taken within a few seconds; /healthz is polled on a promise chain, not slept on). */
async function untilLeader(replica: Replica): Promise<void> {
  while ((await health(replica)).role !== 'leader') await new Promise((resolve) => setTimeout(resolve, 100));
}

describe.skipIf(!testDatabaseUrl)('two replicas sharing PostgreSQL', () => {
  beforeAll(async () => {
    const database = await createTestDatabase(testDatabaseUrl as string);
    cleanups.push(() => database.drop());
    const workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-replicas-'));
    cleanups.push(() => rm(workDir, { recursive: true, force: true }));
    discord = await startDiscordStandIn({
      applicationId: '900000000000000001',
      bot: { id: '900000000000000002', username: 'hoiphuong' },
      guild: { id: '1', name: 'Phường', channels: [{ id: '10', name: 'hoi-dap', type: 0 }] },
    });
    cleanups.push(() => discord.close());
    zalo = await startZaloStandIn({ appId: keys.appId, appSecretKey: keys.appSecretKey, accessToken: keys.accessToken, refreshToken: keys.refreshToken, botToken: keys.botToken });
    cleanups.push(() => zalo.close());
    env = {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '8',
      INDEX_DIR: join(workDir, 'cli-index'),
      SYNC_INTERVAL_MINUTES: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      ADMIN_PASSWORD: 'mat-khau-quan-tri',
      DISCORD_TOKEN: 'replica-test-token',
      DISCORD_APPLICATION_ID: '900000000000000001',
      DISCORD_API_URL: discord.apiUrl,
      ZALO_OA_APP_ID: keys.appId,
      ZALO_OA_SECRET_KEY: keys.oaSecretKey,
      ZALO_APP_SECRET_KEY: keys.appSecretKey,
      ZALO_OA_ACCESS_TOKEN: keys.accessToken,
      ZALO_OA_REFRESH_TOKEN: keys.refreshToken,
      ZALO_OA_API_BASE_URL: zalo.baseUrl,
      ZALO_OAUTH_BASE_URL: zalo.baseUrl,
    };
    // A has the fixtures and one article no other folder holds; B has no articles at all.
    folders.a = { data: join(workDir, 'a-articles'), index: join(workDir, 'a-index') };
    folders.b = { data: join(workDir, 'b-articles'), index: join(workDir, 'b-index') };
    await cp(ARTICLES, folders.a.data, { recursive: true });
    await writeFile(join(folders.a.data, 'xa-ben-tre-moi.md'), wardArticle('xa-ben-tre-moi', 'xã Bến Trúc', 'Năm 2026, xã Bến Trúc khánh thành cầu Bến Trúc dài 120 mét nối hai thôn.'));
    await mkdir(folders.b.data);
    replicas.a = await startReplica('a');
    await untilLeader(replicas.a);
    await healthWhen(replicas.a, (state) => state.indexPublication !== null);
    replicas.b = await startReplica('b');
  });

  afterAll(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });

  it('lets exactly one replica lead and open the Discord gateway; both serve HTTP', async () => {
    const a = replicas.a!;
    const b = replicas.b!;
    expect(await health(a)).toMatchObject({ role: 'leader', store: 'postgres' });
    expect(await health(b)).toMatchObject({ role: 'follower', store: 'postgres' });
    await discord.waitFor(() => discord.identifies.length >= 1);
    expect(discord.identifies).toHaveLength(1);
    expect((await ask(b, 'Lịch tiếp dân thế nào?')).mode).not.toBe('pinned');
  });

  it('answers on the replica without articles from the version the leader published', async () => {
    const a = replicas.a!;
    const b = replicas.b!;
    const [leader, follower] = [await health(a), await health(b)];
    expect(follower.indexPublication).toBe(leader.indexPublication);
    expect(follower.articles).toBe(leader.articles);
    const reply = await ask(b, 'Cầu Bến Trúc dài bao nhiêu mét?');
    expect(reply.answered, JSON.stringify(reply)).toBe(true);
    expect(reply.answer).toContain('120 mét');
  });

  it('switches the follower to a newly published version with no failed request while it switches', async () => {
    const a = replicas.a!;
    const b = replicas.b!;
    const before = (await health(b)).indexPublication!;
    await writeFile(join(folders.a.data, 'xa-ben-truc-cho.md'), wardArticle('xa-ben-truc-cho', 'xã Bến Trúc', 'Chợ Bến Trúc mở cửa từ 5 giờ sáng đến 18 giờ hằng ngày.'));
    // Ingested on A's machine by the command line, as staff would: the leader publishes what it finds committed.
    const ingest = await runCli(['ingest', '--data', folders.a.data, '--index', folders.a.index]);
    expect(ingest.code, ingest.output).toBe(0);
    const failures: string[] = [];
    const seen = new Set<boolean>();
    let asked = 0;
    // Four clients ask B the new article's question until B answers it from the new version.
    const client = async () => {
      while (!seen.has(true)) {
        const response = await fetch(`${b.url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Chợ Bến Trúc mở cửa mấy giờ?' }) });
        const body = (await response.json()) as { answered: boolean; answer: string; reason?: string };
        asked += 1;
        if (response.status !== 200 || body.reason === 'error' || body.reason === 'index-not-ready') failures.push(`${response.status} ${JSON.stringify(body)}`);
        seen.add(body.answered && body.answer.includes('5 giờ'));
      }
    };
    await Promise.all([client(), client(), client(), client()]);
    expect(failures).toEqual([]);
    process.stderr.write(`[replicas] ${asked} questions asked of the follower while it switched versions, none failed\n`);
    const after = await health(b);
    expect(after.indexPublication).toBeGreaterThan(before);
    expect(after.indexPublication).toBe((await health(a)).indexPublication);
    // The older article is still answered from the new version.
    expect((await ask(b, 'Cầu Bến Trúc dài bao nhiêu mét?')).answer).toContain('120 mét');
  });

  it('keeps a staff console login made on one replica on the other, and logs the change there', async () => {
    const a = replicas.a!;
    const b = replicas.b!;
    const login = await fetch(`${a.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'admin', password: 'mat-khau-quan-tri' }).toString(),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    const cookie = /hp_admin=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeDefined();
    const audit = await fetch(`${b.url}/admin/audit`, { headers: { cookie: cookie! }, redirect: 'manual' });
    expect(audit.status).toBe(200);
    expect(await audit.text()).toContain('login');
    // Without the cookie B sends the visitor to its login page.
    expect((await fetch(`${b.url}/admin/audit`, { redirect: 'manual' })).status).toBe(303);
  });

  it('serves a pin added on one replica from the other', async () => {
    const question = 'Số điện thoại đường dây nóng của phường là gì?';
    const answer = 'Đường dây nóng của phường: 0225 3 123 456 (giờ hành chính).';
    expect((await ask(replicas.b!, question)).mode).not.toBe('pinned');
    // Pinned with replica A's command line and settings, as a moderator on A's machine would.
    const pinned = await runCli(['pins', 'add', '--question', question, '--answer', answer, '--by', 'Chị Lan']);
    expect(pinned.code, pinned.output).toBe(0);
    expect(await ask(replicas.b!, question)).toMatchObject({ mode: 'pinned', answer });
    expect(await ask(replicas.a!, 'so dien thoai duong day nong cua phuong la gi')).toMatchObject({ mode: 'pinned', answer });
  });

  it(`opens the Discord gateway on the other replica within ${FAILOVER_BOUND_MS / 1000} s when the leader is killed`, async () => {
    const a = replicas.a!;
    const b = replicas.b!;
    const identifiesBefore = discord.identifies.length;
    const killedAt = performance.now();
    a.child.kill('SIGKILL');
    await a.exited;
    const identified = discord.waitFor(() => discord.identifies.length > identifiesBefore);
    const bound = new Promise<'late'>((done) => setTimeout(() => done('late'), FAILOVER_BOUND_MS).unref());
    expect(await Promise.race([identified.then(() => 'identified' as const), bound])).toBe('identified');
    const seconds = (performance.now() - killedAt) / 1000;
    process.stderr.write(`[replicas] the follower opened the Discord gateway ${seconds.toFixed(1)} s after the leader was killed\n`);
    expect(await health(b)).toMatchObject({ role: 'leader' });
    // The killed replica comes back as a follower: leadership stays where it is. The new leader has no articles, so it
    // keeps the published version rather than publishing an empty one.
    replicas.a = await startReplica('a');
    expect(await health(replicas.a)).toMatchObject({ role: 'follower' });
    expect((await ask(replicas.a, 'Cầu Bến Trúc dài bao nhiêu mét?')).answer).toContain('120 mét');
    expect((await ask(b, 'Cầu Bến Trúc dài bao nhiêu mét?')).answer).toContain('120 mét');
  });

  it(`answers each of ${EVENTS} Zalo events exactly once when they reach both replicas (round-robin, ${CONCURRENCY} at a time, every fourth delivered to both)`, async () => {
    const targets = [replicas.a!, replicas.b!];
    const timestamp = String(Date.now());
    const deliveries: Array<{ replica: Replica; index: number }> = [];
    for (let index = 0; index < EVENTS; index++) {
      deliveries.push({ replica: targets[index % 2]!, index });
      // Zalo retries when it did not see a 200 in time: the same event again, here to the other replica.
      if (index % 4 === 0) deliveries.push({ replica: targets[(index + 1) % 2]!, index });
    }
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < deliveries.length) {
        const { replica, index } = deliveries[next++]!;
        const event = {
          app_id: keys.appId,
          event_name: 'user_send_text',
          sender: { id: `84${String(index).padStart(6, '0')}` },
          recipient: { id: '1199001' },
          message: { text: 'Lịch tiếp dân thế nào?', msg_id: `replica-msg-${index}` },
          timestamp,
        };
        const response = await sendOaEvent(`${replica.url}/webhooks/zalo-oa`, event, { appId: keys.appId, oaSecretKey: keys.oaSecretKey });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker)).catch((error: unknown) => {
      // What each replica logged last says whether one of them failed, or the connection did.
      for (const replica of targets) process.stderr.write(`[replicas] ${replica.name} logged:\n${replica.output().slice(-3000)}\n`);
      throw error;
    });
    expect(statuses).toHaveLength(deliveries.length);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    // A graceful stop finishes every reply in progress, so what the Zalo stand-in holds afterwards is final.
    for (const replica of targets) replica.child.kill('SIGTERM');
    expect(await Promise.all(targets.map((replica) => replica.exited))).toEqual([0, 0]);
    const byMessage = new Map<string, string[]>();
    for (const sent of zalo.oaMessages) {
      if (!sent.messageId?.startsWith('replica-msg-')) continue;
      byMessage.set(sent.messageId, [...(byMessage.get(sent.messageId) ?? []), sent.text]);
    }
    expect(byMessage.size).toBe(EVENTS);
    const replies = [...byMessage.values()];
    // The same question gets the same reply: every message got exactly that one reply, none twice.
    const first = replies[0]!;
    expect(first.length).toBeGreaterThan(0);
    expect(replies.filter((texts) => JSON.stringify(texts) !== JSON.stringify(first))).toEqual([]);
  });
});
