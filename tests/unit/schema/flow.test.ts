// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flowSchema, flowsSchema } from '../../../packages/schema/src/flow';

describe('flow schema', () => {
  it('publishes flow.schema.json generated from the zod schema (run packages/schema/scripts/writeFlowSchema.mjs after a change)', () => {
    const file = JSON.parse(readFileSync(new URL('../../../packages/schema/flow.schema.json', import.meta.url), 'utf8'));
    const { $id, title, description, ...generated } = file;
    expect($id).toMatch(/flow\.schema\.json$/);
    expect(title && description).toBeTruthy();
    expect(generated).toEqual(z.toJSONSchema(flowsSchema, { io: 'input' }));
  });
  it('accepts the flow of the docs and names the field of an error', () => {
    const flow = { id: 'onboarding', name: 'Onboarding', timeoutMs: 600000, steps: [{ id: 'open', url: '/setup*' }, { id: 'connect', event: 'Source Connected' }, { id: 'invite', selector: '#invite' }] };
    expect(flowSchema.parse(flow)).toEqual(flow);
    const r = flowsSchema.safeParse([flow, { ...flow, steps: [{ id: 'a', event: 'X' }, { id: 'a', event: 'Y' }] }]);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual([1, 'steps', 1, 'id']);
  });
});
