import { describe, expect, it } from 'vitest';
import { parsePinLine, toPinLine } from '../../src/store/pin-lines.js';
import type { Pin } from '../../src/core/ports.js';

const defaults = { newId: () => 'new-id', createdAt: '2025-09-01T03:00:00.000Z', pinnedBy: 'Ban quản trị' };
const pin: Pin = {
  id: 'pin-1',
  question: 'Bí thư phường An Hải là ai?',
  alternatives: ['Ai là bí thư An Hải?'],
  answer: 'Đồng chí Chu Đức Anh.',
  citations: [{ id: 'phuong-an-hai-dai-hoi-2025', title: 'Đại hội', url: 'https://example.org/a', quote: '', published: '2025-08-15' }],
  pinnedBy: 'Chị Lan',
  channel: 'discord',
  channelRef: 'discord:1/2/3',
  createdAt: '2025-08-20T01:02:03.000Z',
  reviewBy: '2026-06-30',
  hits: 4,
};

describe('pin lines', () => {
  it('round-trips a pin through one JSON line', () => {
    const line = toPinLine(pin);
    expect(line).not.toContain('\n');
    expect(parsePinLine(line, defaults)).toEqual({ pin });
  });

  it('fills defaults for a minimal line', () => {
    expect(parsePinLine('{"question":"Giờ tiếp dân?","answer":"Sáng thứ Năm."}', defaults)).toEqual({
      pin: { id: 'new-id', question: 'Giờ tiếp dân?', alternatives: [], answer: 'Sáng thứ Năm.', citations: [], pinnedBy: 'Ban quản trị', channel: 'cli', createdAt: defaults.createdAt, hits: 0 },
    });
  });

  it.each([
    ['{"question": "Q?"', 'not valid JSON'],
    ['[1, 2]', 'not a JSON object'],
    ['{"answer": "A"}', '"question" is missing'],
    ['{"question": "Q?", "answer": ""}', '"answer" must be a non-empty string'],
    ['{"question": "Q?", "answer": "A", "reviewBy": "30/06/2026"}', '"reviewBy" must be a date written YYYY-MM-DD'],
    ['{"question": "Q?", "answer": "A", "channel": "fax"}', '"channel" must be one of'],
    ['{"question": "Q?", "answer": "A", "citations": [{"title": "no id"}]}', '"citations" must be a list of objects with a string "id"'],
    ['{"question": "Q?", "answer": "A", "hits": -1}', '"hits" must be a whole number'],
  ])('rejects %s, saying why', (line, reason) => {
    const parsed = parsePinLine(line, defaults);
    expect('error' in parsed && parsed.error).toContain(reason);
  });
});
