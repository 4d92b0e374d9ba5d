import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULTS, validateConfig } from '../../../../packages/sdk/src/core/validateConfig';
import type { SabuConfig } from '../../../../packages/sdk/src/types';
import { signals } from '../../../../packages/sdk/src/signals/index';

const base = { writeKey: 'wk', endpoint: '/v1/batch' };
afterEach(() => vi.restoreAllMocks());

describe('validateConfig', () => {
  it('applies defaults to a minimal config', () => {
    expect(validateConfig(base)).toMatchObject({ ...DEFAULTS, ...base, headers: {}, plugins: [] });
  });

  it('keeps defaults where a field is given as undefined', () => {
    expect(validateConfig({ ...base, batchSize: undefined })!.batchSize).toBe(20);
  });

  it.each([
    [{ endpoint: '/x' }, 'config.writeKey must be a non-empty string (got undefined)'],
    [{ writeKey: '', endpoint: '/x' }, 'config.writeKey must be a non-empty string (got "")'],
    [{ writeKey: 'wk' }, 'config.endpoint must be a URL string (got undefined)'],
    [{ ...base, batchSize: 0 }, 'config.batchSize must be an integer from 1 to 500 (got 0)'],
    [{ ...base, batchSize: 501 }, 'config.batchSize must be an integer from 1 to 500 (got 501)'],
    [{ ...base, batchSize: 2.5 }, 'config.batchSize must be an integer from 1 to 500 (got 2.5)'],
    [{ ...base, flushInterval: -1 }, 'config.flushInterval must be an integer from 0 to 600000 (ms) (got -1)'],
    [{ ...base, sessionTimeout: 999 }, 'config.sessionTimeout must be an integer of at least 1000 (ms) (got 999)'],
    [{ ...base, trackPages: 'no' }, 'config.trackPages must be true or false (got "no")'],
    [{ ...base, headers: { a: 1 } }, 'config.headers must be an object of string values (got {"a":1})'],
    [{ ...base, format: 'amplitude' }, `config.format must be 'segment', a function (posthog from '@sabu/sdk/posthog') or, with the script tag, 'posthog' (got "amplitude")`],
    // npm: the core carries no PostHog format unless it is imported.
    [{ ...base, format: 'posthog' }, `config.format must be 'segment', a function (posthog from '@sabu/sdk/posthog') or, with the script tag, 'posthog' (got "posthog")`],
    [{ ...base, consent: 'maybe' }, `config.consent must be 'pending' or 'granted' (got "maybe")`],
    [{ ...base, plugins: [{}] }, 'config.plugins must be an array of plugin objects, as in [signals()] (got [{}])'],
    // A factory passed uncalled has a name too: it used to pass, and do nothing.
    [{ ...base, plugins: [function signals() {}] }, 'config.plugins must be an array of plugin objects, as in [signals()]'],
  ])('refuses %j naming the field', (config, text) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(validateConfig(config)).toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('[sabu] init(): ' + text));
  });

  it('a plugin factory passed uncalled fails to type-check (and is refused at run time, above)', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // @ts-expect-error signals is a factory: plugins: [signals()]
    const config: SabuConfig = { ...base, plugins: [signals] };
    expect(validateConfig(config)).toBeNull();
    expect(validateConfig({ ...base, plugins: [signals()] } satisfies SabuConfig)).not.toBeNull();
  });

  it('accepts the boundaries', () => {
    expect(validateConfig({ ...base, batchSize: 1, flushInterval: 0, sessionTimeout: 1000 })).not.toBeNull();
    expect(validateConfig({ ...base, batchSize: 500, flushInterval: 600_000 })).not.toBeNull();
  });

  it('refuses a non-object', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(validateConfig('wk')).toBeNull();
    expect(error.mock.calls[0]![0]).toContain('[sabu] init(): config.writeKey must be a non-empty string in an object');
  });

  it('warns about an unknown option but starts; lets module options through', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(validateConfig({ ...base, batchsize: 5, signals: {} })).not.toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('config.batchsize is unknown and ignored');
  });
});

describe('named formats', () => {
  it("resolves a format the bundle registered by name (the script tag's 'posthog') to its function", async () => {
    const { FORMATS } = await import('../../../../packages/sdk/src/core/validateConfig');
    const { posthog } = await import('../../../../packages/sdk/src/posthog');
    FORMATS.posthog = posthog;
    try {
      expect(validateConfig({ writeKey: 'wk', endpoint: '/v1/batch', format: 'posthog' })!.format).toBe(posthog);
      expect(validateConfig({ writeKey: 'wk', endpoint: '/v1/batch', format: posthog })!.format).toBe(posthog);
      expect(validateConfig({ writeKey: 'wk', endpoint: '/v1/batch' })!.format).toBe('segment');
    } finally {
      delete FORMATS.posthog;
    }
  });
});
