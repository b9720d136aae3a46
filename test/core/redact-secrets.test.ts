import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/core/redact-secrets.js';

describe('redactSecrets', () => {
  it('masks the configured secrets by value, also URL-encoded', () => {
    const secret = 'zalo/refresh+token=1';
    expect(redactSecrets(`refreshing with ${secret} and ${encodeURIComponent(secret)}`, [secret])).toBe('refreshing with *** and ***');
  });

  it('masks credentials that merely look like credentials: user:pass@ in URLs, bearer tokens, OpenAI keys, Discord and Zalo bot tokens, secret-named fields', () => {
    const masked = redactSecrets(
      [
        'GET http://admin:hunter2@10.0.0.5:8000/v1 failed',
        'Authorization: Bearer abcdef123456',
        'key sk-proj-AbCdEf0123456789',
        'token MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123',
        'POST /bot123456:AbC-dEf_ghi/sendMessage',
        '{"access_token":"tok-42-xyz","expires_in":"90000"}',
        'refresh_token=rt-99-abc&app_id=1',
      ].join('\n'),
    );
    expect(masked).toBe(
      [
        'GET http://***@10.0.0.5:8000/v1 failed',
        'Authorization: *** ***',
        'key ***',
        'token ***',
        'POST /bot***/sendMessage',
        '{"access_token":"***","expires_in":"90000"}',
        'refresh_token=***&app_id=1',
      ].join('\n'),
    );
  });

  it('leaves ordinary text, short settings values and numbers alone', () => {
    const text = 'Set ZALO_OA_ACCESS_TOKEN in .env; 12 answers in 3 s; phường An Hải';
    expect(redactSecrets(text, ['abc', undefined])).toBe(text);
  });
});
