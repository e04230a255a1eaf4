import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_JSON_SCHEMAS, configJsonSchema } from '../../src/config/json-schema.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SHIPPED = [
  { path: 'config/hyperfleet.yaml', schema: 'hyperfleet.schema.json' },
  { path: 'config/notices.yaml', schema: 'notices.schema.json' },
  { path: 'config/playbooks/release.yaml', schema: 'playbook.schema.json' },
  { path: 'config/playbooks/hotfix.yaml', schema: 'playbook.schema.json' },
];
const committed = (file: string): object => JSON.parse(readFileSync(resolve(ROOT, 'docs/schemas', file), 'utf8')) as object;
const validatorFor = (file: string) => new Ajv2020({ strict: false, validateFormats: false }).compile(committed(file));

describe('the configuration files’ JSON Schemas', () => {
  it.each(CONFIG_JSON_SCHEMAS.map((s) => [s.file, s.schema] as const))(
    'docs/schemas/%s is current (run npm run schema)',
    (file, schema) => {
      expect(committed(file), `docs/schemas/${file} is out of date: run npm run schema`).toEqual(configJsonSchema(schema));
    },
  );

  it.each(SHIPPED)('$path names $schema on its first line and validates against it', ({ path, schema }) => {
    const text = readFileSync(resolve(ROOT, path), 'utf8');
    const named = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(named && resolve(ROOT, path, '..', named)).toBe(resolve(ROOT, 'docs/schemas', schema));
    const validate = validatorFor(schema);
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('an editor flags a misspelt key, a wrong enum value and a missing key', () => {
    const config = parse(readFileSync(resolve(ROOT, 'config/hyperfleet.yaml'), 'utf8')) as Record<string, any>;
    const validate = validatorFor('hyperfleet.schema.json');
    expect(validate({ ...config, cadence: { ...config.cadence, sprintLenght: '3w' } })).toBe(false);
    expect(validate({ ...config, layers: [{ ...config.layers[0], gate: 'sometimes' }] })).toBe(false);
    const { prow: _prow, ...withoutProw } = config;
    expect(validate(withoutProw)).toBe(false);
  });

  it('a notice block is "divider" or one of header:, section:, context:', () => {
    const notices = parse(readFileSync(resolve(ROOT, 'config/notices.yaml'), 'utf8')) as { notices: Array<Record<string, unknown>> };
    const validate = validatorFor('notices.schema.json');
    const withBlocks = (blocks: unknown[]) => ({ notices: [{ ...notices.notices[0], blocks }] });
    expect(validate(withBlocks(['divider', { header: 'Release' }]))).toBe(true);
    expect(validate(withBlocks([{ header: 'Release', section: 'two at once' }]))).toBe(false);
    expect(validate(withBlocks(['rule']))).toBe(false);
  });
});
