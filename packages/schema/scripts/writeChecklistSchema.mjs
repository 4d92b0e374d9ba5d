// Writes checklist.schema.json (published with the package) from the zod schema in
// src/checklist.ts. Run after `npm run build`: node packages/schema/scripts/writeChecklistSchema.mjs
// tests/unit/schema/checklistSchema.test.ts fails while the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { toJsonSchema } from '../dist/index.js';

writeFileSync(new URL('../checklist.schema.json', import.meta.url), JSON.stringify(toJsonSchema('checklist'), null, 2) + '\n');
