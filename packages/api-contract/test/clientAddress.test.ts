import { describe, expect, it } from 'vitest';
import { truncateAddress } from '../src/clientAddress.js';

describe('truncateAddress', () => {
  it('keeps the /24 of an IPv4 address', () => {
    expect(truncateAddress('203.0.113.77')).toBe('203.0.113.0');
  });

  it('keeps the /48 of an IPv6 address', () => {
    expect(truncateAddress('2001:db8:abcd:12:34:56:78:9a')).toBe('2001:db8:abcd::');
  });

  it('treats an IPv4-mapped IPv6 address as IPv4', () => {
    expect(truncateAddress('::ffff:198.51.100.23')).toBe('198.51.100.0');
  });

  it('drops what is not an address instead of storing it', () => {
    expect(truncateAddress('not-an-ip')).toBeNull();
    expect(truncateAddress(undefined)).toBeNull();
  });
});
