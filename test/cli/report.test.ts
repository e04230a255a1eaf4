import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { buildReport, NOTES_SECTIONS, reportMarkdown, reportSchema, type Report } from '../../src/cli/report.js';
import { UTC_ZONE } from '../../src/domain/display-time.js';
import { releaseStream, type EventBody, type JournalEvent } from '../../src/domain/events.js';
import type { ManifestRead } from '../../src/domain/manifest.js';
import type { LayerResult, StatusSnapshot } from '../../src/domain/status.js';
import { DAY, HOUR } from '../../src/domain/time.js';
import { createAppStore } from '../../src/store/app-store.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld, repo } from '../helpers/fake-world.js';
import { manifestYaml } from '../../src/demo/world.js';
import { runCli, runCliAsync } from '../helpers/run-cli.js';

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
    const body = JSON.parse(run.stdout) as Report;
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    // The components' versions are the manifest's, never the tags': the matrix's, each component at its own.
    expect(body.matrix.why).toBeNull();
    expect(body.components.map((c) => [c.name, c.version])).toEqual(body.matrix.components.map((c) => [c.name, c.version]));
    // The demo froze at its gate's approval; #216 was merged into the adapter's own release branch since, with one approval.
    expect(body.codeFreeze.by).toBe('gate');
    expect(body.codeFreeze.exceptions).toMatchObject([{ number: 216, approvals: 1, flags: ['1 approval, needs 2'] }]);
    expect(body.components.map((c) => [c.name, c.version])).toEqual([
      // As the demo's manifest names them; hyperfleet-applier is not part of 0.4.
      ['hyperfleet-api', 'v0.4.0-rc1'],
      ['hyperfleet-sentinel', 'v0.3.2-rc1'],
      ['hyperfleet-adapter', 'v0.5.0-rc1'],
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
    expect(run.stdout).toMatch(/^\| hyperfleet-adapter \| v0\.5\.0-rc1 \(RC\) \| /m);
    expect(run.stdout).toMatch(/\| E2E tier1 \| — \| HyperFleet \| failed \| fail \| \[run\]\(http:\/\/127\.0\.0\.1:\d+\//);
    // The platforms the partner integrations ran on, from the config, listed as tested only when their run passed.
    expect(run.stdout).toMatch(/^HyperFleet v0\.4\.0.*; tested on ROSA, OpenShift 4\.17\.$/m);
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

describe('report: a GA tag made before the release gate was approved', () => {
  it('is a process violation, in the JSON (valid against the schema) and in the Markdown', async () => {
    const now = Date.now();
    const taggedAt = Math.floor((now - 2 * DAY) / 60_000) * 60_000;
    const approvedAt = now - DAY;
    const base = greenWorld(bundledConfig());
    const api = bundledConfig().components.find((c) => c.name === 'hyperfleet-api')!.repo;
    // Main's manifest names release 0.4 at the API's v0.4.0 (the other components' entries at theirs).
    const manifest = manifestYaml('0.4', 'main', { 'hyperfleet-api': 'v0.4.0-dev', 'hyperfleet-adapter': 'v0.4.0-dev' });
    const github = new FakeGitHub({
      ...base,
      repos: [
        ...base.repos.map((r) =>
          r.name === api ? { ...r, tags: [{ name: 'v0.4.0', oid: 'e'.repeat(40), at: taggedAt, annotated: true }, ...r.tags] } : r,
        ),
        { ...repo(bundledConfig().github.releaseRepo, []), files: { main: { 'RELEASE_MANIFEST.yaml': manifest } } },
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), 'hf-report-'));
    try {
      const event = (body: EventBody, at: number, actor: string) => ({ id: randomUUID(), at, actor, ...body }) as JournalEvent;
      await new FileJournalStore(dir).append(
        releaseStream('v0.4.0'),
        event({ type: 'release-planned', release: 'v0.4.0', milestones: { ga: now + HOUR } }, now - 20 * DAY, 'mbrudnoy'),
        event({ type: 'gate-approved', step: 'release-gate', comment: 'go' }, approvedAt, 'rh-amarin'),
      );
      const env = { HYPERFLEET_STATE_DIR: dir, HYPERFLEET_GITHUB_API: await github.start(), GITHUB_TOKEN: 'test-token-for-the-fake' };
      const json = await runCliAsync(['report', '--release', 'v0.4.0', '--format', 'json'], env);
      expect(json.stderr).toBe('');
      const body = JSON.parse(json.stdout) as { violations: unknown[] };
      const validate = new Ajv2020({ strict: false }).compile(committedSchema);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      const when = new Date(taggedAt).toISOString();
      const text = `v0.4.0 tagged ${when.slice(0, 16).replace('T', ' ')} UTC (hyperfleet-api) before its gate "All mandatory test layers pass on the release commit" was approved at ${new Date(approvedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      expect(body.violations).toEqual([
        {
          tag: 'v0.4.0',
          gate: 'release-gate',
          gateTitle: 'All mandatory test layers pass on the release commit',
          approvedAt: new Date(approvedAt).toISOString(),
          places: [{ component: 'hyperfleet-api', taggedAt: when }],
          text,
        },
      ]);
      const markdown = await runCliAsync(['report', '--release', 'v0.4.0'], env);
      expect(markdown.stdout).toContain(`- **Process violation**: ${text}\n`);
      // The summary (the Dashboard off a terminal) says it too.
      expect((await runCliAsync(['summary', '--release', 'v0.4.0'], env)).stdout).toContain(`Process violations:\n  ✗ ${text}\n`);
    } finally {
      await github.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('report: the compatibility matrix is the manifest on the release branch', () => {
  const now = Date.parse('2026-11-18T10:00:00Z');
  const config = bundledConfig();
  function reportWith(manifest: ManifestRead | undefined, rosa: 'passed' | 'failed'): Report {
    const layer = (id: string, state: LayerResult['state']): LayerResult => ({
      layer: id,
      component: null,
      state,
      finishedAt: now - HOUR,
      fetchedAt: now,
      source: 'prow',
      url: `https://prow.example/${id}`,
    });
    const snapshot: StatusSnapshot = {
      results: [layer('rosa', rosa), layer('e2e-tier0', 'passed')],
      repos: [
        { repo: 'hyperfleet-release', tags: [], ...(manifest ? { manifest: { release: manifest } } : {}) },
        { repo: 'hyperfleet-api', tags: ['v1.5.0', 'v1.5.0-rc2'] },
        { repo: 'hyperfleet-sentinel', tags: ['v1.4.2-rc1'] },
        { repo: 'hyperfleet-adapter', tags: [] },
      ],
      sources: [
        { source: 'github', ok: true, lastSuccessAt: now },
        { source: 'prow', ok: true, lastSuccessAt: now },
      ],
    };
    const report = buildReport(createAppStore({ config, release: 'v0.4.0', journalPlace: '-', now, snapshot }).getState());
    const validate = new Ajv2020({ strict: false }).compile(committedSchema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    return report;
  }
  const found = (components: Record<string, string>): ManifestRead => ({
    state: 'found',
    manifest: { release: '0.4', e2eRef: 'v1.5.0', components },
  });

  it('gives each listed component its own version, leaves out the one it does not list, and names the platforms whose run passed', () => {
    const report = reportWith(found({ 'hyperfleet-api': 'v1.5.0', 'hyperfleet-sentinel': 'v1.4.2' }), 'passed');
    expect(report.components.map((c) => [c.name, c.version, c.released])).toEqual([
      ['hyperfleet-api', 'v1.5.0', true],
      ['hyperfleet-sentinel', 'v1.4.2', false],
    ]);
    expect(report.matrix).toMatchObject({
      source: 'RELEASE_MANIFEST.yaml on release-0.4',
      why: null,
      stage: 'ga',
      notInRelease: ['hyperfleet-adapter', 'hyperfleet-applier'],
      sentence: 'HyperFleet v0.4.0 = api v1.5.0 + sentinel v1.4.2; tested on ROSA, OpenShift 4.17',
    });
    expect(report.matrix.platforms.map((p) => [p.layer, p.state, p.tested, p.url])).toEqual([
      ['rosa', 'passed', true, 'https://prow.example/rosa'],
      ['gcp', 'missing', false, null],
    ]);
    const markdown = reportMarkdown(report, UTC_ZONE);
    expect(markdown).toContain('\nHyperFleet v0.4.0 = api v1.5.0 + sentinel v1.4.2; tested on ROSA, OpenShift 4.17.\n');
    expect(markdown).toContain('\n_Versions from RELEASE_MANIFEST.yaml on release-0.4._\n');
    expect(markdown).toContain('\nNot in this release (the manifest does not list them): hyperfleet-adapter, hyperfleet-applier.\n');
    expect(markdown).toMatch(/\n\| hyperfleet-api \| v1\.5\.0 \| `quay\.io\/[^`]+` \(not checked\) \| — \| not checked \|\n/);
    expect(markdown).toMatch(/\n\| hyperfleet-sentinel \| v1\.4\.2 \(not tagged\) \| /);
    expect(markdown).not.toMatch(/\| hyperfleet-adapter \| .* \| `/);
  });

  it('says RC while the manifest names release candidates, and no platform while none has passed', () => {
    const report = reportWith(
      found({ 'hyperfleet-api': 'v1.5.0-rc2', 'hyperfleet-sentinel': 'v1.4.2', 'hyperfleet-adapter': 'v2.0.0' }),
      'failed',
    );
    expect(report.matrix.stage).toBe('rc');
    expect(report.matrix.sentence).toBe(
      'HyperFleet v0.4.0 (release candidate) = api v1.5.0-rc2 + sentinel v1.4.2 + adapter v2.0.0; no partner platform has passed yet',
    );
    // An RC's GA tag is not there to be looked for: it is not released.
    expect(report.components.map((c) => [c.name, c.released])).toEqual([
      ['hyperfleet-api', true],
      ['hyperfleet-sentinel', false],
      ['hyperfleet-adapter', false],
    ]);
    expect(reportMarkdown(report, UTC_ZONE)).toMatch(/\n\| hyperfleet-api \| v1\.5\.0-rc2 \(RC\) \| /);
  });

  it('names no version and says why when the manifest is not valid', () => {
    const report = reportWith({ state: 'invalid', problem: 'line 3: components must be a map' }, 'passed');
    expect(report.matrix).toMatchObject({
      source: null,
      stage: null,
      components: [],
      why: 'RELEASE_MANIFEST.yaml on release-0.4 is not valid: line 3: components must be a map',
    });
    // Every configured component, the applier too: without a manifest none can be left out.
    expect(report.components.map((c) => [c.version, c.released])).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
    const markdown = reportMarkdown(report, UTC_ZONE);
    expect(markdown).toContain(
      '\n_Component versions unknown: RELEASE_MANIFEST.yaml on release-0.4 is not valid: line 3: components must be a map._\n',
    );
    expect(markdown).toMatch(/\n\| hyperfleet-api \| unknown \| /);
  });
});

describe('report: code-freeze exceptions', () => {
  it('lists each PR merged into a release branch since the gate, flagged, its outside text stripped and escaped', async () => {
    const now = Date.now();
    const approvedAt = now - 5 * HOUR;
    const config = bundledConfig();
    const base = greenWorld(config);
    const api = config.components.find((c) => c.name === 'hyperfleet-api')!.repo;
    const hostile = 'fix \u001b]0;pwned\u0007| col \u001b[31mred';
    const github = new FakeGitHub({
      ...base,
      repos: base.repos.map((r) =>
        r.name === api
          ? {
              ...r,
              pullRequests: [
                {
                  number: 301,
                  title: hostile,
                  headRefName: 'fix-301',
                  baseRefName: 'release-0.4',
                  labels: [],
                  state: 'MERGED',
                  author: 'hf-developer',
                  mergedAt: now - HOUR,
                  checks: 'SUCCESS',
                  body: `## Justification\n${hostile}\n`,
                  reviews: [{ author: 'rafabene', state: 'APPROVED' }],
                },
              ],
            }
          : r,
      ),
    });
    const dir = mkdtempSync(join(tmpdir(), 'hf-report-'));
    try {
      const event = (body: EventBody, at: number, actor: string) => ({ id: randomUUID(), at, actor, ...body }) as JournalEvent;
      await new FileJournalStore(dir).append(
        releaseStream('v0.4.0'),
        event(
          { type: 'release-planned', release: 'v0.4.0', milestones: { 'code-freeze': now + DAY, ga: now + 2 * DAY } },
          now - 20 * DAY,
          'mbrudnoy',
        ),
        event({ type: 'gate-approved', step: 'code-freeze-gate', comment: 'frozen' }, approvedAt, 'rh-amarin'),
      );
      const env = { HYPERFLEET_STATE_DIR: dir, HYPERFLEET_GITHUB_API: await github.start(), GITHUB_TOKEN: 'test-token-for-the-fake' };
      const json = await runCliAsync(['report', '--release', 'v0.4.0', '--format', 'json'], env);
      expect(json.stderr).toBe('');
      const body = JSON.parse(json.stdout) as { codeFreeze: unknown };
      const validate = new Ajv2020({ strict: false }).compile(committedSchema);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      expect(body.codeFreeze).toMatchObject({
        since: new Date(approvedAt).toISOString(),
        by: 'gate',
        minApprovals: 2,
        exceptions: [
          {
            number: 301,
            component: 'hyperfleet-api',
            branch: 'release-0.4',
            approvals: 1,
            approvedBy: ['rafabene'],
            riskAssessment: null,
            flags: [
              '1 approval, needs 2',
              'no approval by the Release Owner (@rh-amarin)',
              'no risk assessment (no "Risk assessment" section)',
            ],
          },
        ],
      });
      const markdown = (await runCliAsync(['report', '--release', 'v0.4.0'], env)).stdout;
      expect(markdown).toContain('## Code freeze exceptions');
      expect(markdown).not.toContain('\u001b');
      const row = markdown.split('\n').find((l) => l.startsWith('| [#301]'))!;
      expect(row).toContain('fix \\| col red');
      expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
      expect(row).toContain('| 1 of 2 (@rafabene) |');
    } finally {
      await github.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
