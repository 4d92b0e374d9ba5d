// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { collectorConfigSchema } from '../../../../packages/collector/src/config/configSchema.js';
import { createKeyring } from '../../../../packages/collector/src/ingest/createKeyring.js';

const config = collectorConfigSchema.parse({
  projects: [
    { id: 'a', writeKeys: ['wk_aaaa_1_public'], readKeys: ['rk_aaaa_1_secret'], origins: ['https://a.example'] },
    { id: 'b', writeKeys: ['wk_bbbb_1_public'], readKeys: ['rk_bbbb_1_secret'], origins: ['*'] },
  ],
});

describe('createKeyring', () => {
  const k = createKeyring(config);
  it('finds projects by write and read key, never across kinds', () => {
    expect(k.projectForWriteKey('wk_aaaa_1_public')?.id).toBe('a');
    expect(k.projectForReadKey('rk_bbbb_1_secret')?.id).toBe('b');
    expect(k.projectForReadKey('wk_aaaa_1_public')).toBeUndefined();
    expect(k.projectForWriteKey(undefined)).toBeUndefined();
  });
  it('checks origins per project, with * allowing any', () => {
    expect(k.originAllowed(config.projects[0]!, 'https://a.example')).toBe(true);
    expect(k.originAllowed(config.projects[0]!, 'https://b.example')).toBe(false);
    expect(k.originAllowed(config.projects[1]!, 'https://b.example')).toBe(true);
  });
});
