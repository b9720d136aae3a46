import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLogin } from '../../src/admin/admin-login.js';
import { adminCommand } from '../../src/cli/admin.js';
import { loadConfig } from '../../src/config.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { temporaryFolder, textSink } from '../store/store-test-kit.js';

let temporary: ReturnType<typeof temporaryFolder>;
let databases = 0;
beforeEach(() => {
  temporary = temporaryFolder();
});
afterEach(() => temporary.cleanup());

/** A fresh database file in this test's folder. */
const databasePath = () => join(temporary.folder, `store-${++databases}.sqlite`);

/** Runs `hoiphuong admin …` in-process against a database file. */
async function admin(path: string, args: string[], stdin = '') {
  const stdout = textSink();
  const stderr = textSink();
  const config = loadConfig({ DATABASE_PATH: path });
  try {
    const code = await adminCommand(args, { config, stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from([stdin]) });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } catch (error) {
    return { code: -1, stdout: stdout.text(), stderr: error instanceof Error ? error.message : String(error) };
  }
}

describe('hoiphuong admin', () => {
  it('adds an account whose password then logs in, keeping only its hash, and logs the change', async () => {
    const path = databasePath();
    const added = await admin(path, ['add', 'lan', '--password-stdin'], 'mật khẩu của Lan\n');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Đã thêm tài khoản lan');
    const store = SqliteStore.open({ path, pinMatchThreshold: 0.8 });
    try {
      expect((await store.admin.account('lan'))?.passwordHash).toMatch(/^scrypt\$/);
      expect(JSON.stringify(store.database.prepare('SELECT * FROM admin_accounts').all())).not.toContain('mật khẩu');
      expect(await checkLogin(store.admin, { name: 'lan', password: 'mật khẩu của Lan', visitor: '127.0.0.1' }, undefined)).toEqual({ kind: 'ok', account: 'lan' });
      expect(await checkLogin(store.admin, { name: 'lan', password: 'sai mật khẩu', visitor: '127.0.0.1' }, undefined)).toEqual({ kind: 'refused' });
      expect((await store.admin.auditLog(1))[0]).toMatchObject({ actor: 'cli', action: 'account.add', target: 'lan' });
    } finally {
      store.close();
    }
    expect((await admin(path, ['list'])).stdout).toMatch(/^lan\t/);
  });

  it('refuses a short password and a bad name, changing nothing', async () => {
    const path = databasePath();
    const short = await admin(path, ['add', 'lan', '--password-stdin'], 'ngan\n');
    expect(short.code).toBe(-1);
    expect(short.stderr).toContain('ít nhất 10 ký tự');
    const badName = await admin(path, ['add', 'chị Lan', '--password-stdin'], 'mật khẩu đủ dài\n');
    expect(badName.stderr).toContain('không hợp lệ');
    expect((await admin(path, ['list'])).stdout).toContain('Chưa có tài khoản nào');
  });

  it('asks for a terminal when the password is not piped in', async () => {
    const result = await admin(databasePath(), ['add', 'lan']);
    expect(result.stderr).toContain('--password-stdin');
  });

  it('removes an account and prints a hash for ADMIN_PASSWORD', async () => {
    const path = databasePath();
    await admin(path, ['add', 'minh', '--password-stdin'], 'mật khẩu của Minh\n');
    expect((await admin(path, ['remove', 'minh'])).code).toBe(0);
    expect((await admin(path, ['remove', 'minh'])).stderr).toContain('Không có tài khoản');
    const hash = await admin(path, ['hash', '--password-stdin'], 'mật khẩu quản trị\n');
    expect(hash.stdout).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+\n$/);
    const store = SqliteStore.open({ path, pinMatchThreshold: 0.8 });
    try {
      expect(await checkLogin(store.admin, { name: 'admin', password: 'mật khẩu quản trị', visitor: '::1' }, hash.stdout.trim())).toEqual({ kind: 'ok', account: 'admin' });
    } finally {
      store.close();
    }
  });
});
