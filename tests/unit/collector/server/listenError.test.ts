// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { listenError } from '../../../../packages/collector/src/server/listenError.js';
import { StartError } from '../../../../packages/collector/src/server/StartError.js';

const sysError = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe('listenError', () => {
  it('turns each listen failure a user fixes into one line naming the address and the fix', () => {
    const cases: [string, string, RegExp][] = [
      ['EADDRINUSE', '127.0.0.1', /^\[sabu\] cannot listen on 127\.0\.0\.1:4318: the port is in use .*--port/],
      ['EACCES', '0.0.0.0', /^\[sabu\] cannot listen on 0\.0\.0\.0:4318: permission denied/],
      ['EADDRNOTAVAIL', '::1', /^\[sabu\] cannot listen on \[::1\]:4318: this machine has no such address/],
      ['ENOTFOUND', 'collector.internal', /^\[sabu\] cannot listen on collector\.internal:4318: unknown host name/],
      ['EAI_AGAIN', 'collector.internal', /could not be resolved/],
    ];
    for (const [code, host, message] of cases) {
      const e = listenError(sysError(code), host, 4318);
      expect(e, code).toBeInstanceOf(StartError);
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('leaves other errors alone: they are bugs, and their stack helps', () => {
    const bug = new TypeError('x is not a function');
    expect(listenError(bug, '127.0.0.1', 1)).toBe(bug);
  });
});
