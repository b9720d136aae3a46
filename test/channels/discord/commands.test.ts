import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, OPTION_NAMES, discordCommands } from '../../../src/channels/discord/commands.js';

describe('discordCommands', () => {
  it('defines /hoi with a Vietnamese câu-hỏi option and English localisations', () => {
    const ask = discordCommands().find((command) => command.name === COMMAND_NAMES.ask);
    expect(ask?.name_localizations?.['en-US']).toBe('ask');
    expect(ask && 'options' in ask ? ask.options?.[0] : undefined).toMatchObject({ name: OPTION_NAMES.question, required: true, name_localizations: { 'en-US': 'question' } });
  });
});
