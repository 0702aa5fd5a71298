import { isIPv4, isIPv6 } from 'node:net';

/**
 * True when a host name or address only ever reaches this machine: `localhost`, 127.0.0.0/8, `::1`
 * (bracketed or not) and IPv4-mapped 127.x. Anything else — `0.0.0.0` and `::` included, which
 * listen on every interface — is not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  if (isIPv4(bare)) return bare.startsWith('127.');
  // IPv6: ::1 in its short and long forms, and IPv4-mapped 127.x (as written, or as URL parsing prints it).
  if (isIPv6(bare))
    return /^(::1|(0+:){7}0*1|::ffff:127\.\d+\.\d+\.\d+|::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(bare);
  return false;
}
