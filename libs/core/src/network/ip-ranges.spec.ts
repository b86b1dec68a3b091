import { ipInRange, normalizeIp, parseIpRange } from './ip-ranges.js';

describe('parseIpRange', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7/32'],
    ['203.0.113.7/24', '203.0.113.0/24'],
    [' 10.0.0.0/8 ', '10.0.0.0/8'],
    ['::ffff:198.51.100.4', '198.51.100.4/32'],
    ['2001:db8::1', '2001:db8::1/128'],
    ['2001:db8::1/32', '2001:db8::/32'],
  ])('reads %s as %s', (input, cidr) => {
    expect(parseIpRange(input)?.cidr).toBe(cidr);
  });

  it.each(['', 'localhost', '300.1.1.1', '10.0.0.0/33', '1.2.3.4/-1', "1.2.3.4' OR 1=1", '::1/129'])(
    'refuses %j',
    (input) => {
      expect(parseIpRange(input)).toBeNull();
    },
  );
});

describe('ipInRange', () => {
  const range = parseIpRange('203.0.113.0/24')!;

  it('matches addresses inside the network, IPv4-mapped ones too', () => {
    expect(ipInRange('203.0.113.200', range)).toBe(true);
    expect(ipInRange('::ffff:203.0.113.9', range)).toBe(true);
  });

  it('does not match outside addresses, other families or garbage', () => {
    expect(ipInRange('203.0.114.1', range)).toBe(false);
    expect(ipInRange('2001:db8::1', range)).toBe(false);
    expect(ipInRange('not-an-ip', range)).toBe(false);
  });
});

describe('normalizeIp', () => {
  it('unwraps IPv4-mapped IPv6 addresses', () => {
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIp('2001:0db8:0000::1')).toBe('2001:db8::1');
  });

  it('keeps canonical IPv4 addresses and anything unparsable as they are', () => {
    expect(normalizeIp('203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('0.0.0.0')).toBe('0.0.0.0');
    expect(normalizeIp('not-an-ip')).toBe('not-an-ip');
  });
});
