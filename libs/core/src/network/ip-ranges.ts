import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** An IP network in canonical form: `203.0.113.0/24`, `2001:db8::/32`, a single host as `/32` or `/128`. */
export interface IpRange {
  readonly cidr: string;
  readonly address: Address;
  readonly prefix: number;
}

/** `::ffff:1.2.3.4` (how Node reports IPv4 peers on dual-stack sockets) becomes `1.2.3.4`. */
function parseAddress(text: string): Address {
  return ipaddr.process(text);
}

/**
 * Parses an address or a CIDR into its canonical network (host bits cleared, as PostgreSQL's `cidr`
 * type requires). Returns null for anything else.
 */
export function parseIpRange(text: string): IpRange | null {
  const input = text.trim();
  try {
    if (input.includes('/')) {
      if (!ipaddr.isValidCIDR(input)) return null;
      const [parsed, prefix] = ipaddr.parseCIDR(input);
      const network =
        parsed.kind() === 'ipv4'
          ? ipaddr.IPv4.networkAddressFromCIDR(input)
          : ipaddr.IPv6.networkAddressFromCIDR(input);
      return { cidr: `${network.toString()}/${prefix}`, address: network, prefix };
    }
    if (!ipaddr.isValid(input)) return null;
    const address = parseAddress(input);
    const prefix = address.kind() === 'ipv4' ? 32 : 128;
    return { cidr: `${address.toString()}/${prefix}`, address, prefix };
  } catch {
    return null;
  }
}

/** True when `ip` (a client address as Fastify reports it) lies in `range`. */
export function ipInRange(ip: string, range: IpRange): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const address = parseAddress(ip);
  if (address.kind() !== range.address.kind()) return false;
  return address.match(range.address, range.prefix);
}

/** Dotted decimal without leading zeros: already canonical (the usual peer address, checked on every request). */
const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** The canonical text of a client address (IPv4-mapped IPv6 unwrapped), or the input when unparsable. */
export function normalizeIp(ip: string): string {
  if (CANONICAL_IPV4.test(ip)) return ip;
  return ipaddr.isValid(ip) ? parseAddress(ip).toString() : ip;
}
