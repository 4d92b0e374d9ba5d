import { afterEach, describe, expect, it } from 'vitest';
import { onErrors } from '../../../../packages/sdk/src/signals/onErrors';
import type { PluginApi } from '../../../../packages/sdk/src/types';

const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
let off = () => {};
afterEach(() => off());

describe('onErrors', () => {
  it('cuts long messages and stacks on code-point boundaries: no half emoji is sent', () => {
    const sent: [string, Record<string, any>][] = [];
    const api = { track: (e: string, p: Record<string, any>) => sent.push([e, p]) } as unknown as PluginApi;
    off = onErrors(api, { windowMs: 500, maxPerMinute: 10 });
    const error = new Error('m'.repeat(299) + '😀 tail');
    error.stack = 's'.repeat(999) + '😀 at x.js:1:1';
    window.dispatchEvent(new ErrorEvent('error', { message: error.message, error }));
    const [name, props] = sent[0]!;
    expect(name).toBe('Error');
    expect(props.message).toBe('m'.repeat(299));
    expect(props.stack).toBe('s'.repeat(999));
    expect(LONE.test(JSON.stringify(props) + props.message + props.stack)).toBe(false);
  });
});
