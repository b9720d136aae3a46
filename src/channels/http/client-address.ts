import { isIP } from 'node:net';

/**
 * The address a request came from: the socket's peer, or — only when `trustedHops` proxies sit in front of this server
 * (TRUST_PROXY) — the address those proxies recorded in `X-Forwarded-For`. Entries are read from the right, skipping
 * one per trusted proxy, so a client cannot pick its own address by sending the header itself.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const peer = canonicalAddress(socketAddress) ?? 'unknown';
  if (trustedHops <= 0 || forwardedFor === undefined) return peer;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // The chain as the last trusted proxy saw it: [client, proxy 1, …] and then the socket peer (the nearest proxy).
  const chain = [...forwarded, peer];
  let address = peer;
  for (let hop = 1; hop <= trustedHops && chain.length - 1 - hop >= 0; hop += 1) {
    const candidate = canonicalAddress(chain[chain.length - 1 - hop]);
    // A malformed entry cannot be trusted: the last good address (a trusted proxy's view) stands.
    if (candidate === undefined) break;
    address = candidate;
  }
  return address;
}

/**
 * The key one visitor's limits and votes are counted under: the IPv4 address, or the /64 network of an IPv6 address
 * (one household or phone gets a whole /64, so single IPv6 addresses are free to rotate).
 */
export function visitorKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The address in a stable spelling: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as IPv4, IPv6 in lower case; undefined when not an address. */
function canonicalAddress(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let address = raw.trim();
  // Proxies may add a port ("1.2.3.4:5678", "[::1]:5678").
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address.toLowerCase() : undefined;
}

function expandIpv6(address: string): string[] | undefined {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail takes two groups.
  const last = right.length ? right : left;
  const ipv4 = last[last.length - 1]?.includes('.') ? last.pop() : undefined;
  if (ipv4) {
    const bytes = ipv4.split('.').map(Number);
    last.push(((bytes[0]! << 8) | bytes[1]!).toString(16), ((bytes[2]! << 8) | bytes[3]!).toString(16));
  }
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 0) return undefined;
  return [...left, ...Array.from({ length: tail === undefined ? 0 : missing }, () => '0'), ...right].map((group) => group.padStart(4, '0'));
}
