import * as z from 'zod/mini';
import { hyperfleetSchema, noticesSchema, playbookSchema } from './schema.js';

/**
 * The JSON Schemas editors validate and complete the YAML files with (docs/schemas, `npm run schema`).
 * They describe what a person writes (the input side): a duration is a string, a notice block's
 * "divider" shorthand is allowed; checks only code can make (a duration's value, a time zone) stay the loader's.
 */
export const CONFIG_JSON_SCHEMAS = [
  { file: 'hyperfleet.schema.json', schema: hyperfleetSchema },
  { file: 'playbook.schema.json', schema: playbookSchema },
  { file: 'notices.schema.json', schema: noticesSchema },
] as const;

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown> };

/**
 * A notice block is read through a transform zod cannot describe: the schema says here what
 * the transform accepts, "divider" or a mapping with exactly one of its keys.
 */
function describeBlock(json: JsonSchema): void {
  if (!json.properties?.divider || !json.properties.header) return;
  const mapping = { ...json, minProperties: 1, maxProperties: 1 };
  for (const key of Object.keys(json)) delete json[key];
  json.anyOf = [{ const: 'divider' }, mapping];
}

export function configJsonSchema(schema: z.ZodMiniType): object {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => describeBlock(jsonSchema as JsonSchema),
  });
}
