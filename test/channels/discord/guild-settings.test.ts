import { describe, expect, it } from 'vitest';
import { guildSettingsScope, loadGuildSettings, parseGuildSettings, saveGuildSettings } from '../../../src/channels/discord/guild-settings.js';
import { fakeDiscordServices } from '../../fakes/discord-services.js';

function store() {
  return fakeDiscordServices({ answer: () => { throw new Error('not asked'); } });
}

describe('guild settings', () => {
  it('stores a server\'s settings under discord:guild:<id> and reads them back', async () => {
    const services = store();
    const decomposed = 'phường Hòa Bình'.normalize('NFD');
    const saved = await saveGuildSettings(services.settings, '7', { defaultPlace: ` ${decomposed} `, language: 'en', channelIds: ['1', '2'] });
    expect(saved).toEqual({ defaultPlace: 'phường Hòa Bình', language: 'en', channelIds: ['1', '2'] });
    expect(services.settingsByScope.get(guildSettingsScope('7'))).toEqual({ defaultPlace: 'phường Hòa Bình', language: 'en', channelIds: '1,2' });
    expect(await loadGuildSettings(services.settings, '7')).toEqual(saved);
  });

  it('clears a value set to null and keeps the ones not mentioned', async () => {
    const services = store();
    await saveGuildSettings(services.settings, '7', { defaultPlace: 'xã Mẫu', language: 'vi', channelIds: ['1'] });
    expect(await saveGuildSettings(services.settings, '7', { language: null, channelIds: [] })).toEqual({ defaultPlace: 'xã Mẫu', channelIds: [] });
  });

  it('has no settings in a direct message', async () => {
    expect(await loadGuildSettings(store().settings, null)).toEqual({ channelIds: [] });
  });

  it('ignores a language it does not know', () => {
    expect(parseGuildSettings({ language: 'fr', channelIds: ' 1 ,, 2 ' })).toEqual({ channelIds: ['1', '2'] });
  });
});
