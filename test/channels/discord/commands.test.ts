import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, OPTION_NAMES, discordCommands } from '../../../src/channels/discord/commands.js';

describe('discordCommands', () => {
  it('defines /hoi with a Vietnamese câu-hỏi option and English localisations', () => {
    const ask = discordCommands().find((command) => command.name === COMMAND_NAMES.ask);
    expect(ask?.name_localizations?.['en-US']).toBe('ask');
    expect(ask && 'options' in ask ? ask.options?.[0] : undefined).toMatchObject({ name: OPTION_NAMES.question, required: true, name_localizations: { 'en-US': 'question' } });
  });
});

describe('discordCommands limits and scopes', () => {
  it('keeps every name and description within Discord limits, in English too', () => {
    for (const command of discordCommands()) {
      const descriptions = 'description' in command && command.description ? [command.description, ...Object.values(command.description_localizations ?? {})] : [];
      for (const description of descriptions) expect(description?.length).toBeLessThanOrEqual(100);
      for (const name of [command.name, ...Object.values(command.name_localizations ?? {})]) expect(name?.length).toBeLessThanOrEqual(32);
    }
  });

  it('offers the "Ghim câu trả lời" message menu and keeps pinning and settings to servers', () => {
    const commands = discordCommands();
    expect(commands.find((command) => command.name === COMMAND_NAMES.pinMessage)).toMatchObject({ type: 3, contexts: [0], name_localizations: { 'en-US': 'Pin answer' } });
    for (const name of [COMMAND_NAMES.pin, COMMAND_NAMES.unpin, COMMAND_NAMES.settings, COMMAND_NAMES.addArticle]) {
      expect(commands.find((command) => command.name === name)?.contexts).toEqual([0]);
    }
  });

  it('shows /caidat only to members with Manage Server by default', () => {
    expect(discordCommands().find((command) => command.name === COMMAND_NAMES.settings)?.default_member_permissions).toBe(String(1 << 5));
  });
});
