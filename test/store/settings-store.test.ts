import { describe, expect, it } from 'vitest';
import { memoryStore } from './store-test-kit.js';

describe('SqliteSettingsStore', () => {
  it('returns no settings for a scope never set', async () => {
    const { store } = memoryStore();
    expect(await store.settings.getSettings('discord:guild:1')).toEqual({});
    store.close();
  });

  it('sets, overwrites and deletes keys per scope, returning the result', async () => {
    const { store } = memoryStore();
    await store.settings.setSettings('discord:guild:1', { defaultPlace: 'phường An Hải', language: 'vi' });
    await store.settings.setSettings('discord:guild:2', { defaultPlace: 'xã An Lão' });
    expect(await store.settings.setSettings('discord:guild:1', { defaultPlace: 'phường Hòa Bình', language: null })).toEqual({ defaultPlace: 'phường Hòa Bình' });
    expect(await store.settings.getSettings('discord:guild:2')).toEqual({ defaultPlace: 'xã An Lão' });
    store.close();
  });

  it('stores text in NFC', async () => {
    const { store } = memoryStore();
    await store.settings.setSettings('scope', { place: 'phường Hòa Bình'.normalize('NFD') });
    expect((await store.settings.getSettings('scope')).place).toBe('phường Hòa Bình'.normalize('NFC'));
    store.close();
  });
});
