// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkCollectorConfig } from '../../../../packages/collector/src/config/checkCollectorConfig.js';
import { identityVerified, signUserId } from '../../../../packages/collector/src/state/identitySignature.js';

const project = (identitySecrets: unknown) => ({ projects: [{ id: 'acme', writeKeys: ['wk_test_0001_public'], readKeys: ['rk_test_0001_secret'], identitySecrets }] });

describe('identitySecrets', () => {
  it('must be strong and never equal to a key (write keys ship in pages)', () => {
    expect(checkCollectorConfig(project(['idsec_0123456789abcdef'])).ok).toBe(true);
    const weak = checkCollectorConfig(project(['short']));
    expect(!weak.ok && weak.problems[0]).toMatch(/^projects\[0\]\.identitySecrets\[0\]: keys must be at least 16/);
    const reused = checkCollectorConfig(project(['wk_test_0001_public']));
    expect(!reused.ok && reused.problems).toEqual(['projects[0].identitySecrets[0]: the same value is already used at projects[0].writeKeys[0]; an identity secret must be unique and never a key']);
  });
});

describe('identityVerified', () => {
  // RFC 4231 test case 2: HMAC-SHA256 with key "Jefe" of "what do ya want for nothing?".
  it('is the hex HMAC-SHA256 of the user id (RFC 4231 vector), in either case', () => {
    const mac = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(signUserId('Jefe', 'what do ya want for nothing?')).toBe(mac);
    expect(identityVerified(['Jefe'], 'what do ya want for nothing?', mac.toUpperCase())).toBe(true);
    expect(identityVerified(['other', 'Jefe'], 'what do ya want for nothing?', mac)).toBe(true);
    expect(identityVerified(['Jefe'], 'what do ya want for nothing!', mac)).toBe(false);
    expect(identityVerified(['Jefe'], 'what do ya want for nothing?', mac + '00')).toBe(false);
    expect(identityVerified(['Jefe'], 'what do ya want for nothing?', undefined)).toBe(false);
  });
});
