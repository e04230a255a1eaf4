// Writes docs/report.schema.json from the report's zod schema: `npm run schema`. A test checks
// that the committed file is what this writes, so the published schema never drifts.
import { writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { reportSchema } from '../src/cli/report.js';

writeFileSync(new URL('../docs/report.schema.json', import.meta.url), `${JSON.stringify(z.toJSONSchema(reportSchema), null, 2)}\n`);
