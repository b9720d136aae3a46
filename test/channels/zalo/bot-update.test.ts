import { describe, expect, it } from 'vitest';
import { readBotUpdates } from '../../../src/channels/zalo/bot-update.js';

const update = { event_name: 'message.text.received', message: { message_id: 'm', chat: { id: 'c' }, text: 'Chào' } };

describe('readBotUpdates', () => {
  it('accepts a bare update, one wrapped in {ok, result}, and a list', () => {
    expect(readBotUpdates(update)).toEqual([update]);
    expect(readBotUpdates({ ok: true, result: update })).toEqual([update]);
    expect(readBotUpdates({ ok: true, result: [update, update] })).toEqual([update, update]);
  });

  it('finds nothing in bodies that are not updates', () => {
    expect(readBotUpdates({ ok: false, error_code: 408 })).toEqual([]);
    expect(readBotUpdates(null)).toEqual([]);
    expect(readBotUpdates('text')).toEqual([]);
  });
});
