import { describe, expect, it } from 'vitest';
import { clientBucket } from '../../../../packages/collector/src/server/clientBucket.js';

describe('clientBucket', () => {
  it('keeps IPv4 addresses, unwraps v4-mapped IPv6, and cuts IPv6 to its /64', () => {
    expect(clientBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(clientBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientBucket('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(clientBucket('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientBucket('::1')).toBe('0:0:0:0::/64');
    expect(clientBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
