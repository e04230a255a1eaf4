import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { NOTES_SECTIONS, reportSchema } from '../../src/cli/report.js';
import { runCli } from '../helpers/run-cli.js';

const SCHEMA_PATH = resolve(import.meta.dirname, '../../docs/report.schema.json');
const committedSchema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object;

describe('report', () => {
  it('the committed JSON schema is the one the code produces (run `npm run schema` after changing it)', () => {
    expect(committedSchema).toEqual(z.toJSONSchema(reportSchema));
  });

  it('--format json for the demo release validates against docs/report.schema.json', () => {
    const run = runCli(['report', '--demo', '--format', 'json']);
    expect(run.code).toBe(0);
    const validate = new Ajv2020({ strict: false }).compile(committedSchema);
    const body = JSON.parse(run.stdout) as {
      components: Array<{ name: string; version: string | null }>;
      gates: Array<{ step: string; verdict: string }>;
    };
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.components.map((c) => [c.name, c.version])).toEqual([
      ['hyperfleet-api', 'v0.4.0-rc1'],
      ['hyperfleet-sentinel', 'v0.4.0-rc1'],
      ['hyperfleet-adapter', 'v0.4.0-rc1'],
    ]);
    expect(body.gates.find((g) => g.step === 'release-gate')!.verdict).toBe('fail');
  });

  it('the Markdown has every section of the release notes and well-formed tables', () => {
    const run = runCli(['report', '--demo']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('# HyperFleet Release 0.4 (v0.4.0)');
    for (const section of NOTES_SECTIONS) expect(lines).toContain(`## ${section}`);
    // Every table row has as many cells as its header.
    let columns = 0;
    for (const line of lines) {
      if (!line.startsWith('|')) {
        columns = 0;
        continue;
      }
      const cells = line.split(/(?<!\\)\|/).length - 2;
      if (columns === 0) columns = cells;
      expect(cells, line).toBe(columns);
    }
    expect(run.stdout).toMatch(/\| hyperfleet-adapter \| v0\.4\.0-rc1 \(not GA\) \|/);
    expect(run.stdout).toMatch(/\| E2E tier1 \| — \| HyperFleet \| failed \| fail \| \[run\]\(http:\/\/127\.0\.0\.1:\d+\//);
    // The platforms the partner integrations ran on, from the config, listed as tested only when their run passed.
    expect(run.stdout).toContain('Tested on: ROSA, OpenShift 4.17.');
    expect(run.stdout).toMatch(/\| GCP integration \| GCP \(GKE\), version TBD \(GCP-334\) \| GCP \| missing \| advisory \| — \|/);
  });

  it('--format takes md or json, and only with report', () => {
    expect(runCli(['report', '--format', 'pdf'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: --format expects md or json, got "pdf"\n',
    });
    expect(runCli(['status', '--format', 'md'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: --format goes with the report and hotfix timeline commands\n',
    });
  });
});
