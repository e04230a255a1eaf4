// Writes docs/report.schema.json and docs/checklist.schema.json from their zod schemas: `npm run schema`.
// Tests check that the committed files are what this writes, so the published schemas never drift.
import { writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { checklistSchema } from '../src/cli/checklist.js';
import { reportSchema } from '../src/cli/report.js';

for (const [name, schema] of [
  ['report', reportSchema],
  ['checklist', checklistSchema],
] as const) {
  writeFileSync(new URL(`../docs/${name}.schema.json`, import.meta.url), `${JSON.stringify(z.toJSONSchema(schema), null, 2)}\n`);
}
