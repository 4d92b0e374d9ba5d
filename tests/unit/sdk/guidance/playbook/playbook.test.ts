import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { _reset, init, track } from '../../../../../packages/sdk/src/api';
import { playbook, registerPlaybooks } from '../../../../../packages/sdk/src/guidance/playbook/playbook';
import * as runtime from '../../../../../packages/sdk/src/guidance/playbook/playbookRuntime';
import { fakePlatform } from '../../fakePlatform';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const HELP = { id: 'export-help', when: { event: 'Export Failed', count: 2 }, do: { event: 'Needs Help', properties: { area: 'export' } } };

let fake: ReturnType<typeof fakePlatform>;
/** The runtime chunk arrives after this long (a slow network). */
const load = vi.fn(async () => (await new Promise((r) => setTimeout(r, 300)), runtime));
const sent = () => fake.sent.flatMap((s) => s.messages).filter((m: any) => m.type == 'track').map((m: any) => [m.event, m.properties]);
const start = (config: Record<string, unknown> = {}) => {
  _reset(() => fake.platform);
  init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false, ...config } as never);
};

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  localStorage.clear();
  fake = fakePlatform();
  load.mockClear();
  registerPlaybooks(load);
});
afterEach(() => {
  _reset();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the playbook starter', () => {
  it('loads the runtime only when playbooks are configured', async () => {
    start();
    track('Export Failed');
    await vi.runAllTimersAsync();
    expect(load).not.toHaveBeenCalled();
  });

  it('takes config.playbooks (data-playbooks) and counts events sent while the runtime was loading', async () => {
    start({ playbooks: [HELP] });
    track('Export Failed'); // the runtime is still loading
    track('Export Failed');
    await vi.runAllTimersAsync();
    expect(load).toHaveBeenCalledOnce();
    expect(sent().filter(([e]) => e != 'Export Failed')).toEqual([
      ['Playbook Triggered', { playbook: 'export-help', reason: 'event', counts: { count: 2, withinSeconds: 60 } }],
      ['Needs Help', { area: 'export' }],
      ['Playbook Action Shown', { playbook: 'export-help', action: 'event' }],
    ]);
  });

  it('takes playbook() before and after init()', async () => {
    playbook(HELP);
    start();
    playbook({ ...HELP, id: 'second', do: { event: 'Second' } });
    await vi.runAllTimersAsync();
    track('Export Failed');
    track('Export Failed');
    await vi.runAllTimersAsync();
    expect(sent().filter(([e]) => e == 'Playbook Triggered').map(([, p]) => p.playbook)).toEqual(['export-help', 'second']);
  });
});
