import { describe, expect, it } from 'vitest';
import { hashPassword, sameSecret, verifyPassword } from '../../src/admin/password-hash.js';

describe('password hashes', () => {
  it('accepts the password it was made from and nothing else', async () => {
    const stored = await hashPassword('mật khẩu đủ dài');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('mật khẩu');
    expect(await verifyPassword('mật khẩu đủ dài', stored)).toBe(true);
    expect(await verifyPassword('mật khẩu đủ dài ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('compares Vietnamese passwords whatever their Unicode form', async () => {
    const stored = await hashPassword('phường Đông Hải'.normalize('NFD'));
    expect(await verifyPassword('phường Đông Hải'.normalize('NFC'), stored)).toBe(true);
  });

  it('salts each hash, so the same password never hashes the same twice', async () => {
    expect(await hashPassword('correct-horse-1')).not.toBe(await hashPassword('correct-horse-1'));
  });

  it('turns down a malformed stored hash instead of throwing', async () => {
    for (const broken of ['', 'plain-text', 'scrypt$1$2', 'scrypt$x$8$1$AAAA$BBBB', 'bcrypt$10$abc$def$ghi$jkl']) {
      expect(await verifyPassword('anything', broken)).toBe(false);
    }
  });

  it('compares CSRF tokens exactly', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
  });
});
