import { PassThrough } from 'node:stream';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openServices, type Services } from '../../src/cli/open-services.js';
import { announcePostgresSkipped, createTestDatabase, queryDatabase, testDatabaseUrl } from '../support/postgres-database.js';

// Replicas sharing PostgreSQL: the leader's services ingest and publish; a follower's copy the newest publication into
// their own index folder and answer from it, without any articles of their own.

announcePostgresSkipped('published index versions');

function article(id: string, title: string, body: string): string {
  return `---\nid: ${id}\ntitle: "${title}"\nsource_url: https://example.gov.vn/${id}\npublished: 2025-08-15\nplace: "phường Thử Nghiệm, TP Hải Phòng"\n---\n\n${body}\n`;
}

const output = new PassThrough().resume();
const cleanups: Array<() => Promise<void>> = [];
let root: string;
let databaseUrl: string;

beforeEach(async () => {
  if (!testDatabaseUrl) return;
  root = await mkdtemp(join(tmpdir(), 'published-index-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const database = await createTestDatabase(testDatabaseUrl);
  cleanups.push(() => database.drop());
  databaseUrl = database.url;
  await mkdir(join(root, 'leader-articles'));
  await mkdir(join(root, 'follower-articles'));
  await writeFile(
    join(root, 'leader-articles', 'bi-thu.md'),
    article('bi-thu', 'Đại hội Đảng bộ phường Thử Nghiệm', 'Đồng chí Trần Văn Bình được bầu làm Bí thư Đảng ủy phường Thử Nghiệm nhiệm kỳ 2025 - 2030.'),
  );
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function replica(name: 'leader' | 'follower'): Promise<Services> {
  const config = loadConfig({ DATA_DIR: join(root, `${name}-articles`), INDEX_DIR: join(root, `${name}-index`), DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '3' });
  const services = await openServices(config, { output, log: () => {}, store: 'required', ingest: 'published' });
  cleanups.push(() => services.close());
  return services;
}

const sql = <T extends pg.QueryResultRow>(text: string) => queryDatabase<T>(databaseUrl, text);

const QUESTION = { text: 'Bí thư Đảng ủy phường Thử Nghiệm là ai?', channel: 'cli' as const };

describe.skipIf(!testDatabaseUrl)('a published index shared by replicas', () => {
  it('says the index is not ready, in the question\'s language, until a version is published', async () => {
    const follower = await replica('follower');
    expect(follower.indexReady).toBe(false);
    expect(await follower.ask.ask(QUESTION)).toMatchObject({ answered: false, reason: 'index-not-ready', answer: expect.stringContaining('chưa sẵn sàng') });
    expect(await follower.ask.ask({ text: 'Who is the party secretary of the ward?', channel: 'cli' })).toMatchObject({ reason: 'index-not-ready', language: 'en' });
    expect(await follower.takeUpNewer()).toBe(false);
  });

  it('answers on a replica without articles from what the leader published, facts included', async () => {
    const leader = await replica('leader');
    const follower = await replica('follower');
    leader.lead(true);
    await leader.refresh();
    expect(leader.publication).toBeDefined();
    expect(await follower.takeUpNewer()).toBe(true);
    expect(follower.indexReady).toBe(true);
    expect(follower.publication).toBe(leader.publication);
    expect(follower.index.articles().map((meta) => meta.id)).toEqual(['bi-thu']);
    expect(await follower.ask.ask(QUESTION)).toMatchObject({ answered: true, answer: expect.stringContaining('Trần Văn Bình') });
    // The fact sheets come with the version: the follower's articles folder is empty.
    expect((await follower.facts()).places()).toEqual(['phường Thử Nghiệm, TP Hải Phòng']);
    expect(await follower.takeUpNewer()).toBe(false);
  });

  it('publishes a new version when the articles change, and keeps only the newest two', async () => {
    const leader = await replica('leader');
    leader.lead(true);
    await leader.refresh();
    const first = leader.publication!;
    for (const id of ['dan-so', 'mot-cua']) {
      await writeFile(join(root, 'leader-articles', `${id}.md`), article(id, `Tin ${id}`, `Phường Thử Nghiệm có tin ${id} mới, số ${id.length} người.`));
      await leader.refresh();
    }
    expect(leader.publication).toBe(first + 2);
    // Nothing changed: nothing is published.
    await leader.refresh();
    expect(leader.publication).toBe(first + 2);
    expect((await sql<{ id: string }>('SELECT id FROM index_publications ORDER BY id')).map((row) => Number(row.id))).toEqual([first + 1, first + 2]);
  });

  it('keeps answering from the version it has when a published file arrives damaged', async () => {
    const leader = await replica('leader');
    const follower = await replica('follower');
    leader.lead(true);
    await leader.refresh();
    await follower.takeUpNewer();
    await writeFile(join(root, 'leader-articles', 'dan-so.md'), article('dan-so', 'Dân số phường Thử Nghiệm', 'Phường Thử Nghiệm có dân số 45.000 người.'));
    await leader.refresh();
    await sql(`UPDATE index_parts SET bytes = decode('00', 'hex') WHERE checksum IN (SELECT part FROM index_publication_parts WHERE publication_id = ${leader.publication} AND name = 'manifest.json')`);
    await expect(follower.takeUpNewer()).rejects.toMatchObject({ code: 'index-corrupt', message: expect.stringContaining('manifest.json') });
    expect(follower.index.articles().map((meta) => meta.id)).toEqual(['bi-thu']);
    expect(await follower.ask.ask(QUESTION)).toMatchObject({ answered: true });
  });
});
