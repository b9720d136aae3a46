import { describe, expect, it } from 'vitest';
import { clientAddress, visitorKey } from '../../../src/channels/http/client-address.js';

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('::ffff:127.0.0.1', '10.1.1.1', 0)).toBe('127.0.0.1');
  });

  it('skips one entry from the right per trusted proxy', () => {
    expect(clientAddress('10.0.0.1', '1.1.1.1, 2.2.2.2, 3.3.3.3', 1)).toBe('3.3.3.3');
    expect(clientAddress('10.0.0.1', '1.1.1.1, 2.2.2.2, 3.3.3.3', 2)).toBe('2.2.2.2');
    expect(clientAddress('10.0.0.1', ['1.1.1.1', '2.2.2.2'], 5)).toBe('1.1.1.1');
  });

  it('stops at an entry that is not an address, and strips ports', () => {
    expect(clientAddress('10.0.0.1', 'evil, not-an-ip', 2)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '203.0.113.9:5555', 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '[2001:db8::1]:443', 1)).toBe('2001:db8::1');
  });
});

describe('visitorKey', () => {
  it('groups an IPv6 /64 into one visitor and keeps IPv4 addresses apart', () => {
    expect(visitorKey('2001:db8:1:2::1')).toBe(visitorKey('2001:db8:1:2:ffff::9'));
    expect(visitorKey('2001:db8:1:2::1')).not.toBe(visitorKey('2001:db8:1:3::1'));
    expect(visitorKey('::1')).toBe('0000:0000:0000:0000::/64');
    expect(visitorKey('192.0.2.1')).not.toBe(visitorKey('192.0.2.2'));
  });
});
