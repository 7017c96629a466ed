import ipaddr from 'ipaddr.js';

/**
 * The stored form of a client address: IPv4 cut to its /24 and IPv6 to its /48, which still tells
 * networks apart without identifying a person. Unparseable input is dropped rather than stored raw.
 */
export function truncateAddress(address: string | undefined): string | null {
  if (!address || !ipaddr.isValid(address)) return null;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const bytes = parsed.toByteArray();
  const keep = parsed.kind() === 'ipv4' ? 3 : 6;
  return ipaddr.fromByteArray(bytes.map((b, i) => (i < keep ? b : 0))).toString();
}
