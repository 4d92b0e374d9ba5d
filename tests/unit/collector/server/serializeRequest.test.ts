// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { redactKey } from '../../../../packages/collector/src/server/serializeRequest.js';

describe('redactKey', () => {
  it('replaces the key parameter wherever it is, and nothing else', () => {
    expect(redactKey('/v1/reports/ttv?key=rk_secret_value_1&by=plan')).toBe('/v1/reports/ttv?key=(redacted)&by=plan');
    expect(redactKey('/v1/project?by=x&KEY=rk_x#frag')).toBe('/v1/project?by=x&KEY=(redacted)#frag');
    expect(redactKey('/v1/events/recent?monkey=1&person=u1')).toBe('/v1/events/recent?monkey=1&person=u1');
    expect(redactKey('/dashboard/key=x')).toBe('/dashboard/key=x');
  });
});
