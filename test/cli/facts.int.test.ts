import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the built CLI (npm test builds first) on the fact fixtures, with a private index.
let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'hoiphuong-facts-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/src/cli/main.js', ...args],
      { env: { PATH: process.env.PATH, INDEX_DIR: join(workDir, 'index'), ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('hoiphuong facts', () => {
  it('prints the current holders as of the newest article and, with --history, the earlier chair', async () => {
    const { code, stdout } = await runCli(['facts', 'phường Đông Hải, tỉnh Thanh Hóa', '--history', '--data', 'test/fixtures/facts-wards']);
    expect(code).toBe(0);
    expect(stdout).toContain('- Chủ tịch UBND: Nguyễn Thị Hoa — theo bài ngày 13/02/2026');
    expect(stdout.slice(stdout.indexOf('Trước đây:'))).toContain('- Chủ tịch UBND: Phạm Văn Cường — theo bài ngày 20/08/2025');
    expect(stdout).not.toContain('Lê Văn Tâm');
    expect(stdout).not.toContain('Nghệ An');
  });

  it('reads DATA_DIR and prints JSON with --json', async () => {
    const { code, stdout } = await runCli(['facts', 'Đông Hải, tỉnh Nghệ An', '--json'], { DATA_DIR: 'test/fixtures/facts-wards' });
    expect(code).toBe(0);
    const { places } = JSON.parse(stdout) as { places: Array<{ place: string; offices: Array<{ office: string; holders: Array<{ person: string }> }> }> };
    expect(places).toHaveLength(1);
    expect(places[0]?.place).toBe('phường Đông Hải, tỉnh Nghệ An');
    expect(places[0]?.offices[0]).toMatchObject({ office: 'Bí thư Đảng ủy', holders: [{ person: 'Hoàng Thị Lan' }] });
  });

  it('says briefly, in Vietnamese first, when no article is about the place', async () => {
    const { code, stdout, stderr } = await runCli(['facts', 'xã Không Có', '--data', 'test/fixtures/facts-wards']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Không có thông tin về "xã Không Có"/m);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
