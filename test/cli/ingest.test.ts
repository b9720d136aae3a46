import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { CommandContext, TextOutput } from '../../src/cli/command-context.js';
import { createIngestCommand, formatIngestSummary, runIngest } from '../../src/cli/ingest.js';
import { ProgressBar } from '../../src/cli/progress-bar.js';
import { FakeEmbedder } from '../fakes/fake-embedder.js';

/** A stream that keeps what was written, optionally pretending to be a terminal. */
function capture(isTTY = false): TextOutput & { text(): string } {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
  const parts: string[] = [];
  stream.on('data', (chunk: Buffer) => parts.push(chunk.toString('utf8')));
  stream.isTTY = isTTY;
  stream.columns = 60;
  return Object.assign(stream, { text: () => parts.join('') });
}

function article(id: string, body: string): string {
  return `---\nid: ${id}\ntitle: "Bài ${id}"\nsource_url: https://example.gov.vn/${id}\npublished: 2025-08-15\nplace: "phường Thử Nghiệm, TP Hải Phòng"\n---\n\n${body}\n`;
}

let root: string;
let dataDir: string;
let indexDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingest-command-'));
  dataDir = join(root, 'articles');
  indexDir = join(root, 'index');
  await mkdir(dataDir);
  await writeFile(join(dataDir, 'mot.md'), article('mot', 'Phường có dân số 45.000 người.'));
  await writeFile(join(dataDir, 'hai.md'), article('hai', 'Bộ phận một cửa tiếp nhận hồ sơ hành chính.'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function context(): CommandContext & { stdout: ReturnType<typeof capture>; stderr: ReturnType<typeof capture> } {
  return { config: loadConfig({ DATA_DIR: dataDir, INDEX_DIR: indexDir }), stdout: capture(), stderr: capture(), stdin: new PassThrough() };
}

describe('hoiphuong ingest', () => {
  it('prints a one-line summary of what changed and where the index went', async () => {
    const command = createIngestCommand(() => new FakeEmbedder());
    const first = context();
    expect(await command([], first)).toBe(0);
    expect(first.stdout.text()).toMatch(/^Ingested 2 articles \(2 added, 0 changed, 0 removed, 0 unchanged; 2 chunks embedded\) in \d+\.\d s → .*index\n$/);

    await writeFile(join(dataDir, 'hai.md'), article('hai', 'Bộ phận một cửa mở cửa cả thứ Bảy.'));
    const second = context();
    expect(await command([], second)).toBe(0);
    expect(second.stdout.text()).toContain('(0 added, 1 changed, 0 removed, 1 unchanged; 1 chunk embedded)');
    expect(second.stderr.text()).toBe('');
  });

  it('reports a file with bad front matter on its own line while the others ingest', async () => {
    await writeFile(join(dataDir, 'ba.md'), '---\nid: ba\ntitle: Bài ba\npublished: 15/8/2025\n---\nNội dung.');
    const run = context();
    expect(await createIngestCommand(() => new FakeEmbedder())([], run)).toBe(0);
    const lines = run.stderr.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Skipped ba\.md \(published\): .+/);
    expect(run.stdout.text()).toMatch(/^Ingested 2 articles/);
  });

  it('takes the folders from --data and --index over the settings', async () => {
    const otherIndex = join(root, 'other-index');
    const run = context();
    expect(await createIngestCommand(() => new FakeEmbedder())(['--data', dataDir, '--index', otherIndex], run)).toBe(0);
    expect(run.stdout.text()).toContain(`→ ${otherIndex}`);
  });

  it('fails with exit code 1 and says how to fix it when the articles folder is missing', async () => {
    const run = context();
    expect(await createIngestCommand(() => new FakeEmbedder())(['--data', join(root, 'missing')], run)).toBe(1);
    expect(run.stderr.text()).toMatch(/Article folder not found/);
    expect(run.stdout.text()).toBe('');
  });

  it('rejects an unknown option, pointing at the help', async () => {
    await expect(createIngestCommand(() => new FakeEmbedder())(['--bogus'], context())).rejects.toThrow("Unknown option '--bogus' — xem / see: hoiphuong ingest --help");
  });

  it('says why it rebuilt the index when the embedder changed', async () => {
    await runIngest({ dataDir, indexDir, embedder: new FakeEmbedder({ dimensions: 32 }), output: capture() });
    const output = capture();
    const summary = await runIngest({ dataDir, indexDir, embedder: new FakeEmbedder({ dimensions: 64 }), output });
    expect(summary.rebuilt).toBe(true);
    expect(output.text()).toMatch(/^Rebuilt the index: .*d32.*d64/m);
  });
});

describe('formatIngestSummary', () => {
  it('rounds the duration to a tenth of a second', () => {
    const line = formatIngestSummary(
      { articles: 9, added: 2, changed: 1, removed: 0, unchanged: 6, chunksEmbedded: 14, errors: [], rebuilt: false, seconds: 0.4321 },
      'data/index',
    );
    expect(line).toBe('Ingested 9 articles (2 added, 1 changed, 0 removed, 6 unchanged; 14 chunks embedded) in 0.4 s → data/index');
  });
});

describe('ProgressBar', () => {
  it('redraws in place only when the percentage changes and ends its line', () => {
    const output = capture(true);
    const bar = new ProgressBar(output, 'chunks');
    bar.update(0, 200);
    bar.update(1, 200);
    bar.update(2, 200);
    bar.update(200, 200);
    bar.finish();
    const frames = output.text().split('\r').filter(Boolean);
    expect(frames).toHaveLength(3);
    expect(frames[2]).toMatch(/^\[#+\] 100% 200\/200 chunks\n$/);
  });
});
