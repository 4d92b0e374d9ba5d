import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { _reset, init, track } from '../../../../../packages/sdk/src/api';
import { askSurvey, registerSurveys, survey } from '../../../../../packages/sdk/src/guidance/survey/survey';
import * as runtime from '../../../../../packages/sdk/src/guidance/survey/surveyRuntime';
import { _resetUI } from '../../../../../packages/sdk/src/guidance/shared/loadUI';
import type { SabuUI, SurveyViewProps } from '../../../../../packages/sdk/src/guidance/shared/uiContract';
import { fakePlatform } from '../../fakePlatform';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const NPS = { id: 'nps', kind: 'nps', question: 'How likely?', followUp: { question: 'Why?' }, triggers: [{ event: 'Report Published' }] };

let fake: ReturnType<typeof fakePlatform>;
let last: SurveyViewProps | undefined;
const ui = async () => ({ version: 'test', mountSurvey: (p: SurveyViewProps) => ((last = p), p.on.shown(), { update: (n: SurveyViewProps) => void (last = n), destroy: () => void (last = undefined) }) }) as unknown as SabuUI;
/** The runtime chunk arrives after this long (a slow network). */
let runtimeDelay = 0;
const load = vi.fn(async () => (await new Promise((r) => setTimeout(r, runtimeDelay)), runtime));

const surveyEvents = () => fake.sent.flatMap((s) => s.messages).filter((m: any) => m.type == 'track' && m.event.startsWith('Survey')).map((m: any) => [m.event, m.properties]);
const start = (config: Record<string, unknown> = {}) => {
  _reset(() => fake.platform);
  _resetUI();
  init({ writeKey: 'wk', endpoint: '/v1/batch', trackPages: false, ui, ...config } as never);
};

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  localStorage.clear();
  fake = fakePlatform();
  last = undefined;
  runtimeDelay = 0;
  load.mockClear();
  registerSurveys(load);
});
afterEach(() => {
  _reset();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('surveys through the public API', () => {
  it('loads the runtime only when surveys are configured', async () => {
    start();
    track('Report Published');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).not.toHaveBeenCalled();
    expect(last).toBeUndefined();
  });

  it('asks a survey on request (a playbook), still within its rules; false for an unknown one', async () => {
    start({ surveys: NPS });
    await vi.runAllTimersAsync();
    expect(askSurvey('nope')).toBe(false);
    expect(askSurvey('nps')).toBe(true);
    await vi.runAllTimersAsync();
    expect(last?.def.id).toBe('nps');
    last!.on.answer(9);
    last!.on.dismiss();
    expect(askSurvey('nps')).toBe(false); // answered: not again for 90 days
  });

  it('survey(id) shows it now because the user asked: no trigger, audience, sample or prompt budget; an unknown id is named once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Asked recently, sampled out and outside its audience: no trigger could ask it now.
    const narrow = { ...NPS, sampleRate: 0, audience: { traits: { plan: 'enterprise' } } };
    runtimeDelay = 500;
    start({ surveys: narrow });
    survey('nps'); // while the runtime still loads
    await vi.advanceTimersByTimeAsync(600);
    expect(last?.def.id).toBe('nps');
    last!.on.dismiss();
    track('Report Published'); // its own trigger still follows its rules: sampled out
    await vi.advanceTimersByTimeAsync(10_000);
    expect(last).toBeUndefined();
    survey('nope');
    expect(warn.mock.calls.flat().join('\n')).toContain('survey("nope"): no survey with this id is registered');
  });

  it('counts a trigger sent while the runtime was still loading', async () => {
    runtimeDelay = 2000;
    start({ surveys: [NPS] });
    track('Report Published'); // the runtime is not there yet
    await vi.advanceTimersByTimeAsync(2500);
    expect(load).toHaveBeenCalledTimes(1);
    expect(last?.def.id).toBe('nps');
  });

  it('sends the answers as ordinary events, through beforeSend (which can redact the comment)', async () => {
    start({
      surveys: NPS,
      beforeSend: (m: any) => (m.event == 'Survey Comment' ? { ...m, properties: { ...m.properties, comment: '[redacted]' } } : m),
    });
    track('Report Published');
    await vi.advanceTimersByTimeAsync(100);
    last!.on.answer(10);
    last!.on.comment('my email is ada@example.com');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(surveyEvents()).toEqual([
      ['Survey Shown', { survey: 'nps', kind: 'nps' }],
      ['Survey Answered', { survey: 'nps', kind: 'nps', score: 10, bucket: 'promoter' }],
      ['Survey Comment', { survey: 'nps', kind: 'nps', comment: '[redacted]' }],
    ]);
  });

  it('takes survey() before init, and reports invalid definitions with their path', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    _reset(() => fake.platform);
    survey({ ...NPS, triggers: [{ event: 'Report Published', delaySeconds: -1 }] });
    survey({ ...NPS, id: 'ok' });
    start();
    track('Report Published');
    await vi.advanceTimersByTimeAsync(100);
    expect(last?.def.id).toBe('ok');
    expect(err.mock.calls.map((c) => c[0])).toEqual([expect.stringContaining('survey: triggers[0].delaySeconds: expected a number of seconds from 0 to 3600; it is not shown.')]);
  });
});
