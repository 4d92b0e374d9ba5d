// Writes flow.schema.json (published with the package) from the zod schema in src/flow.ts.
// Run after `npm run build`: node packages/schema/scripts/writeFlowSchema.mjs
// tests/unit/schema/flow.test.ts fails while the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { flowsSchema } from '../dist/index.js';

export const flowJsonSchema = () => ({
  $id: 'https://sabu.dev/schema/flow.schema.json',
  title: 'Sabu flows',
  description: 'Flows tracked by the Sabu SDK (config.flows). See docs/signals.md#flows.',
  ...z.toJSONSchema(flowsSchema, { io: 'input' }),
});

if (import.meta.url == `file://${process.argv[1]}`) {
  writeFileSync(new URL('../flow.schema.json', import.meta.url), JSON.stringify(flowJsonSchema(), null, 2) + '\n');
}
