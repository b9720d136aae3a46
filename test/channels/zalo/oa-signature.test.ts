import { describe, expect, it } from 'vitest';
import { oaSignature, verifyOaSignature } from '../../../src/channels/zalo/oa-signature.js';
import { constantTimeEqual } from '../../../src/channels/zalo/constant-time-equal.js';
import { zaloOaSignature } from '../../support/zalo-stand-in.js';

const body = '{"app_id":"2553","event_name":"user_send_text","message":{"text":"Chào phường"},"timestamp":"1699003881354"}';
const input = { appId: '2553', rawBody: Buffer.from(body, 'utf8'), timestamp: '1699003881354', oaSecretKey: 'oa-secret' };

describe('OA webhook signature', () => {
  it('is mac= plus hex sha256 of app id, raw body, timestamp and OA secret key, as Zalo computes it', () => {
    expect(oaSignature(input)).toBe(zaloOaSignature('2553', body, '1699003881354', 'oa-secret'));
    expect(oaSignature(input)).toMatch(/^mac=[0-9a-f]{64}$/);
  });

  it('accepts the matching header (hex in either case) and rejects a missing, wrong or foreign one', () => {
    const header = oaSignature(input);
    expect(verifyOaSignature(header, input)).toBe(true);
    expect(verifyOaSignature(header.toUpperCase().replace('MAC=', 'mac='), input)).toBe(true);
    expect(verifyOaSignature(undefined, input)).toBe(false);
    expect(verifyOaSignature('mac=abc', input)).toBe(false);
    expect(verifyOaSignature(header, { ...input, oaSecretKey: 'app-secret' })).toBe(false);
    expect(verifyOaSignature(header, { ...input, timestamp: '1699003881355' })).toBe(false);
    expect(verifyOaSignature(header, { ...input, rawBody: Buffer.from(JSON.stringify(JSON.parse(body), null, 1)) })).toBe(false);
  });
});

describe('constantTimeEqual', () => {
  it('compares strings of any lengths', () => {
    expect(constantTimeEqual('bot-secret-token', 'bot-secret-token')).toBe(true);
    expect(constantTimeEqual('bot-secret', 'bot-secret-token')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
  });
});
