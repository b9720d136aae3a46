import { describe, expect, it } from 'vitest';
import { loadConfig, readConfig } from '../src/config.js';
import { ConfigError } from '../src/core/errors.js';

describe('loadConfig', () => {
  it('runs offline with no settings at all', () => {
    const config = loadConfig({});
    expect(config.openai.enabled).toBe(false);
    expect(config.discord.enabled).toBe(false);
    expect(config.zaloOa.enabled).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('data/articles');
    expect(Object.isFrozen(config.openai)).toBe(true);
  });

  it('turns LLM mode on with only a base URL (a self-hosted model)', () => {
    const config = loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1/' });
    expect(config.openai.enabled).toBe(true);
    expect(config.openai.baseUrl).toBe('http://127.0.0.1:8080/v1');
  });

  it('reports every malformed setting at once, naming each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', OPENAI_BASE_URL: 'not a url', DISCORD_TOKEN: 'x', ZALO_BOT_MODE: 'carrier-pigeon' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as Error).message;
    for (const name of ['PORT', 'OPENAI_BASE_URL', 'DISCORD_APPLICATION_ID', 'ZALO_BOT_MODE']) expect(text).toContain(name);
    expect(text).toContain('.env.example');
  });

  it('never prints credentials embedded in a malformed URL setting', () => {
    expect(() => loadConfig({ OPENAI_BASE_URL: 'http://admin:s3cret-pass@llm.internal:99999/v1' })).toThrow(/OPENAI_BASE_URL="http:\/\/\*\*\*@llm\.internal:99999\/v1"/);
    expect(() => loadConfig({ OPENAI_BASE_URL: 'http://admin:s3cret-pass@llm.internal:99999/v1' })).not.toThrow(/s3cret/);
  });

  it('reads the limits of issue 15 with safe defaults and refuses a nonsense TRUST_PROXY', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ trustProxy: 0, maxConcurrentAnswers: 8, maxConnections: 512, maxArticleBytes: 4 * 1024 * 1024 });
    expect(config.store.answerLogDays).toBe(180);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('takes ZALO_DOMAIN_VERIFICATION as the code alone and refuses a pasted meta tag', () => {
    expect(loadConfig({ ZALO_DOMAIN_VERIFICATION: 'MeVd6Dce_Sp-9' }).zaloOa.domainVerification).toBe('MeVd6Dce_Sp-9');
    expect(() => loadConfig({ ZALO_DOMAIN_VERIFICATION: '<meta property="zalo-platform-site-verification" content="x" />' })).toThrow(/ZALO_DOMAIN_VERIFICATION must be the code alone/);
  });

  it('keeps the ward time zone from TZ, Asia/Ho_Chi_Minh by default, and accepts the POSIX ":Area/City" form', () => {
    expect(loadConfig({}).timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(loadConfig({ TZ: 'Europe/Paris' }).timeZone).toBe('Europe/Paris');
    expect(loadConfig({ TZ: ':Asia/Bangkok' }).timeZone).toBe('Asia/Bangkok');
    expect(() => loadConfig({ TZ: 'Mars/Olympus' })).toThrow(/TZ="Mars\/Olympus" is not a time zone; use an IANA name such as Asia\/Ho_Chi_Minh/);
  });

  it('names the setting of each problem and keeps the default in its place, so commands that do not use it can run', () => {
    const { config, problems } = readConfig({ PORT: 'abc', TZ: 'nowhere', DISCORD_TOKEN: 'x' });
    expect(problems.map((problem) => problem.setting).sort()).toEqual(['DISCORD_APPLICATION_ID', 'PORT', 'TZ']);
    expect(problems.find((problem) => problem.setting === 'PORT')?.text).toBe('PORT="abc" must be a number from 0 to 65535, e.g. PORT=3000');
    expect(config.port).toBe(3000);
    expect(config.timeZone).toBe('Asia/Ho_Chi_Minh');
  });
});

describe('console and widget settings', () => {
  it('reads ALLOWED_ORIGINS as origins and names an entry that is not one', () => {
    const { config, problems } = readConfig({ ALLOWED_ORIGINS: 'https://phuong.example.gov.vn, http://127.0.0.1:8080/, ftp://x.example, https://a.example/path' });
    expect(config.allowedOrigins).toEqual(['https://phuong.example.gov.vn', 'http://127.0.0.1:8080']);
    expect(problems.map((problem) => problem.setting)).toEqual(['ALLOWED_ORIGINS', 'ALLOWED_ORIGINS']);
    expect(problems[1]!.text).toContain('https://a.example/path');
  });

  it('wants ADMIN_PASSWORD long, unless it is a hash', () => {
    expect(readConfig({ ADMIN_PASSWORD: 'short' }).problems.map((problem) => problem.setting)).toEqual(['ADMIN_PASSWORD']);
    expect(readConfig({ ADMIN_PASSWORD: 'scrypt$32768$8$1$a$b' }).problems).toEqual([]);
    expect(readConfig({}).config.admin).toEqual({ password: undefined, sessionHours: 8 });
  });
});
