// Writes docs/report.schema.json, docs/checklist.schema.json and docs/schemas/*.schema.json (the
// configuration files') from their zod schemas: `npm run schema`.
// Tests check that the committed files are what this writes, so the published schemas never drift.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { checklistSchema } from '../src/cli/checklist.js';
import { reportSchema } from '../src/cli/report.js';
import { CONFIG_JSON_SCHEMAS, configJsonSchema } from '../src/config/json-schema.js';

const write = (path: string, schema: object) => writeFileSync(new URL(path, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);

for (const [name, schema] of [
  ['report', reportSchema],
  ['checklist', checklistSchema],
] as const) {
  write(`../docs/${name}.schema.json`, z.toJSONSchema(schema));
}
mkdirSync(new URL('../docs/schemas/', import.meta.url), { recursive: true });
for (const { file, schema } of CONFIG_JSON_SCHEMAS) write(`../docs/schemas/${file}`, configJsonSchema(schema));
