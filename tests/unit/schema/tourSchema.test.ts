// @vitest-environment node
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guideSchema, toJsonSchema, tourSchema, validateDefinition } from '../../../packages/schema/src/index';
import { validateFile } from '../../../packages/collector/src/cli/validateFile';

const example = (name: string) => new URL(`../../../examples/tours/${name}`, import.meta.url);
const tour = (over: Record<string, unknown> = {}) => ({ id: 'welcome', steps: [{ id: 'a', text: 'Hi' }], ...over });
const guide = (over: Record<string, unknown> = {}) => ({ id: 'g', kind: 'banner', text: 'Hi', ...over });

describe('tour and guide schemas', () => {
  for (const kind of ['tour', 'guide'])
    it(`publishes ${kind}.schema.json in sync with the zod schema (UPDATE_SCHEMAS=1 rewrites it)`, () => {
      const file = new URL(`../../../packages/schema/${kind}.schema.json`, import.meta.url);
      const generated = JSON.stringify(toJsonSchema(kind), null, 2) + '\n';
      if (process.env.UPDATE_SCHEMAS) writeFileSync(file, generated);
      expect(readFileSync(file, 'utf8')).toBe(generated);
      expect(toJsonSchema(kind).$id).toBe(`https://sabu.dev/schema/${kind}.schema.json`);
    });

  it('tells editors that a trigger may be requested', () => {
    expect(JSON.stringify(toJsonSchema('tour'))).toContain('{"required":["requested"]}');
  });

  it('accepts the examples, and sabu validate detects their kind', () => {
    for (const [file, kind] of [['welcome-tour.json', 'tour'], ['hotspot-export.json', 'guide'], ['banner-maintenance.json', 'guide'], ['announcement-reports.json', 'guide']] as const) {
      const json = JSON.parse(readFileSync(example(file), 'utf8'));
      expect(validateDefinition(kind, json), file).toEqual({ ok: true, errors: [] });
      expect(validateFile(example(file).pathname), file).toEqual({ ok: true, kind, problems: [] });
    }
    expect(tourSchema.parse(JSON.parse(readFileSync(example('welcome-tour.json'), 'utf8'))).steps[2]!.advanceWhen).toEqual({ url: '/app/settings' });
  });

  it('sabu validate tells a tour (steps with text) from a flow, and names the field of each problem', () => {
    const path = '/tmp/sabu-tour-bad.json';
    writeFileSync(path, JSON.stringify(tour({ steps: [{ id: 'a', text: 'x', advance: 'click' }] })));
    expect(validateFile(path)).toEqual({ ok: false, kind: 'tour', problems: [expect.stringContaining('steps[0].advance')] });
  });

  it('names the JSON path and what was expected for each problem of a tour', () => {
    const r = validateDefinition('tour', tour({
      triggers: [{ requested: true, url: '/a' }, { requested: false }, { event: 'X', delaySeconds: 2 }],
      steps: [
        { id: 'a', text: '', placement: 'top' },
        { id: 'a', text: 'x', anchor: '#b', placement: 'middle', advanceWhen: { event: 'Y', url: '/z' } },
        { id: 'c', text: 'x', advance: 'tap' },
      ],
      anchorTimeoutSeconds: 500,
    }));
    expect(r.errors).toEqual([
      { path: 'triggers[0]', message: 'expected exactly one of event, sessions, daysAfterSignup, url, checklistCompleted, flowCompleted, flowAbandoned, friction, requested' },
      { path: 'triggers[1].requested', message: 'expected true' },
      { path: 'steps[0].text', message: 'expected a non-empty string' },
      { path: 'steps[0].placement', message: 'only allowed with an anchor' },
      { path: 'steps[1].placement', message: 'expected one of top, bottom, left, right' },
      { path: 'steps[1].advanceWhen', message: 'expected exactly one of event, url, click, visible, trait, all or any' },
      { path: 'steps[2].advance', message: 'expected "next", "click" or a condition such as {"event": "Project Created"}' },
      { path: 'anchorTimeoutSeconds', message: 'expected a number of seconds from 0 to 120' },
    ]);
  });

  it('reports a placement without an anchor, and duplicate step ids once the steps are valid', () => {
    expect(validateDefinition('tour', tour({ steps: [{ id: 'a', text: 'x', placement: 'top' }, { id: 'a', text: 'y' }] })).errors).toEqual([
      { path: 'steps[0].placement', message: 'only allowed with an anchor' },
      { path: 'steps[1].id', message: 'duplicate step id "a"' },
    ]);
    expect(validateDefinition('tour', tour({ steps: [] })).errors).toEqual([{ path: 'steps', message: 'expected an array of 1 to 30 steps' }]);
  });

  it('checks guides by kind: hotspots need an anchor, banners alone have a position, actions are safe', () => {
    expect(validateDefinition('guide', guide({ kind: 'hotspot' })).errors).toEqual([{ path: 'anchor', message: 'a hotspot needs an anchor (the CSS selector of the element it marks)' }]);
    expect(validateDefinition('guide', guide({ kind: 'announcement', position: 'top', anchor: '#a' })).errors).toEqual([
      { path: 'anchor', message: 'only allowed on a hotspot' },
      { path: 'position', message: 'only allowed on a banner' },
    ]);
    expect(validateDefinition('guide', guide({ action: { label: 'Go', url: 'javascript:alert(1)' } })).errors).toEqual([{ path: 'action.url', message: 'expected an http(s) or relative URL' }]);
    expect(validateDefinition('guide', guide({ action: { label: 'Go', url: '/a', tour: 'welcome' } })).errors).toEqual([{ path: 'action', message: 'expected exactly one of url or tour' }]);
    expect(validateDefinition('guide', guide({ kind: 'popup' })).errors).toEqual([{ path: 'kind', message: 'expected "hotspot", "banner" or "announcement"' }]);
    expect(guideSchema.parse(guide({ action: { label: 'Tour', tour: 'welcome' } })).action).toEqual({ label: 'Tour', tour: 'welcome' });
  });
});
