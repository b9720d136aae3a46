import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtSentence } from '../../src/channels/discord/cut-text.js';
import { clientAddress, visitorKey } from '../../src/channels/http/client-address.js';
import { constantTimeEqual } from '../../src/channels/zalo/constant-time-equal.js';
import { splitAtSentences } from '../../src/channels/zalo/format-reply.js';
import { oaSignature, verifyOaSignature } from '../../src/channels/zalo/oa-signature.js';
import { neutralizeDelimiters } from '../../src/core/answer-prompt.js';

const RUNS = { numRuns: 300 };
const WORDS = ['Bí', 'thư', 'Đảng', 'ủy', 'phường', 'An', 'Hải', 'là', 'đồng', 'chí', 'Chu', 'Đức', 'Anh', '2.883', 'TP.', 'v.v.', 'https://example.gov.vn/a', '😀', 'x'.repeat(300)];
const SEPARATORS = [' ', ' ', ' ', '. ', '! ', '? ', '\n', '\n\n', '; ', '… ', '  '];
const message = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 120 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));
const anyMessage = fc.oneof(message, fc.string({ unit: 'grapheme', maxLength: 400 }));
const limit = fc.integer({ min: 20, max: 2_000 });
const withoutSpace = (text: string) => text.replace(/\s+/g, '');

describe('message splitters (properties)', () => {
  it('Zalo: every piece is within the limit and the pieces hold all the text but whitespace, in order', () => {
    fc.assert(
      fc.property(anyMessage, limit, (text, max) => {
        const pieces = splitAtSentences(text, max);
        for (const piece of pieces) {
          expect(piece.length).toBeLessThanOrEqual(max);
          expect(piece).toBe(piece.trim());
          expect(piece.length).toBeGreaterThan(0);
        }
        expect(withoutSpace(pieces.join(''))).toBe(withoutSpace(text));
      }),
      RUNS,
    );
  });

  it('Discord: a cut text is within the limit, a prefix of the text, never splits a surrogate pair, and says when it cut', () => {
    fc.assert(
      fc.property(anyMessage, limit, fc.constantFrom('', '…', '(còn tiếp)'), (text, max, ending) => {
        const { text: kept, cut } = cutAtSentence(text, max, ending);
        expect(kept.length).toBeLessThanOrEqual(max);
        if (!cut) {
          expect(kept).toBe(text);
          return;
        }
        const body = ending && kept.endsWith(ending) ? kept.slice(0, kept.length - ending.length).trimEnd() : kept;
        expect(text.startsWith(body)).toBe(true);
        expect(body).not.toMatch(/[\uD800-\uDBFF]$/);
      }),
      RUNS,
    );
  });
});

describe('webhook verifiers (properties)', () => {
  const input = fc.record({
    appId: fc.string({ maxLength: 30 }),
    rawBody: fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.from(bytes)),
    timestamp: fc.string({ maxLength: 15 }),
    oaSecretKey: fc.string({ minLength: 1, maxLength: 40 }),
  });

  it('accepts the signature Zalo computes, in any letter case or with spaces around', () => {
    fc.assert(
      fc.property(input, (event) => {
        const signature = oaSignature(event);
        expect(verifyOaSignature(signature, event)).toBe(true);
        expect(verifyOaSignature(` ${signature.toUpperCase()} `, event)).toBe(true);
      }),
      RUNS,
    );
  });

  it('rejects the signature once any signed part changes, and never throws on any header', () => {
    fc.assert(
      fc.property(input, fc.nat(), fc.string({ maxLength: 100 }), (event, position, header) => {
        const signature = oaSignature(event);
        const body = Buffer.from(event.rawBody);
        if (body.length > 0) {
          const at = position % body.length;
          body[at] = body[at]! ^ 1;
          expect(verifyOaSignature(signature, { ...event, rawBody: body })).toBe(false);
        }
        expect(verifyOaSignature(signature, { ...event, timestamp: `${event.timestamp}0` })).toBe(false);
        expect(verifyOaSignature(signature, { ...event, oaSecretKey: `${event.oaSecretKey}x` })).toBe(false);
        expect(verifyOaSignature(header === signature ? undefined : header, event)).toBe(false);
      }),
      RUNS,
    );
  });

  it('constantTimeEqual says exactly whether two secrets are equal, for any strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), (left, right) => {
        expect(constantTimeEqual(left, right)).toBe(Buffer.from(left, 'utf8').equals(Buffer.from(right, 'utf8')));
        expect(constantTimeEqual(left, left)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('hostile-input helpers (properties)', () => {
  it('no prompt delimiter survives neutralising, whatever invisible characters are mixed in', () => {
    const invisible = fc.constantFrom('', '\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\uFEFF', '\u2061');
    const tagged = fc
      .tuple(fc.constantFrom('<', '＜', '﹤'), fc.constantFrom('', '/', ' /'), fc.constantFrom('question', 'passage', 'passages', 'QUESTION'), fc.array(invisible, { minLength: 9, maxLength: 9 }))
      .map(([open, slash, word, hidden]) => `${open}${hidden[0]}${slash}${[...word].map((letter, index) => letter + (hidden[index + 1] ?? '')).join('')}>`);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), tagged, fc.string({ maxLength: 40 }), (before, tag, after) => {
        const cleaned = neutralizeDelimiters(before + tag + after).replace(/\p{Cf}/gu, '');
        expect(cleaned).not.toMatch(/[<＜﹤]\s*\/?\s*(?:passages?|question)(?![\p{L}\p{N}_])/iu);
      }),
      RUNS,
    );
  });

  it('the client address is always the socket peer or a well-formed address, whatever X-Forwarded-For holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 20 })), { maxLength: 6 }), fc.nat(4), (peer, forwarded, hops) => {
        const address = clientAddress(peer, forwarded.join(', '), hops);
        if (hops === 0) expect(address).toBe(clientAddress(peer, undefined, 0));
        expect(visitorKey(address).length).toBeGreaterThan(0);
        expect(address).not.toMatch(/[,\s]/);
      }),
      RUNS,
    );
  });
});
