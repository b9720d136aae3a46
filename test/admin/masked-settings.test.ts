import { describe, expect, it } from 'vitest';
import { maskedSettings } from '../../src/admin/masked-settings.js';
import { loadConfig } from '../../src/config.js';

describe('maskedSettings', () => {
  it('never shows a secret, only that it is set', () => {
    const secrets = { ADMIN_PASSWORD: 'a-long-admin-password', OPENAI_API_KEY: 'sk-secret-key', DISCORD_TOKEN: 'discord-token', DISCORD_APPLICATION_ID: '1', USER_KEY_SALT: 'salt-value' };
    const shown = maskedSettings(loadConfig({ ...secrets, OPENAI_BASE_URL: 'http://user:pw@127.0.0.1:8000/v1' }));
    const text = JSON.stringify(shown);
    for (const value of Object.values(secrets).filter((value) => value !== '1')) expect(text).not.toContain(value);
    expect(shown.find((setting) => setting.name === 'ADMIN_PASSWORD')).toMatchObject({ value: '••••••', secret: true });
    expect(shown.find((setting) => setting.name === 'OPENAI_BASE_URL')?.value).toBe('http://***@127.0.0.1:8000/v1');
    expect(shown.find((setting) => setting.name === 'ZALO_BOT_TOKEN')?.value).toBe('–');
  });

  it('shows the time zone and the allowed origins', () => {
    const shown = maskedSettings(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443' }));
    expect(shown.find((setting) => setting.name === 'ALLOWED_ORIGINS')?.value).toBe('https://a.example, https://b.example:8443');
    expect(shown.find((setting) => setting.name === 'TZ')?.value).toBe('Asia/Ho_Chi_Minh');
  });
});
