import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBody, JournalEvent } from '../../src/domain/events.js';
import { DAY } from '../../src/domain/time.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { encodeEvent } from '../../src/journal/codec.js';
import { bundledConfig } from '../helpers/demo-session.js';
import { greenWorld, status, T0 } from '../helpers/fake-world.js';
import { runCliAsync } from '../helpers/run-cli.js';

/**
 * Outside text carrying what JSON.stringify and the old stripping let through: a one-byte CSI
 * (U+009B), NEL (U+0085), a right-to-left override (U+202E) and an isolate (U+2066).
 */
const HOSTILE = 'A\u009b31mB\u202eC\u2066D\u0085E';
/** The same text as every text output must show it: the controls gone, the letters kept. */
const STRIPPED = 'ABCDE';
const RAW = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

const config = bundledConfig();
const [first] = config.components;
let dir: string;
let github: FakeGitHub;
let env: Record<string, string>;

const line = (body: EventBody, id: string, actor = 'rh-amarin') => encodeEvent({ id, at: T0 - DAY, actor, ...body } as JournalEvent);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hf-hostile-'));
  const world = greenWorld(config);
  github = new FakeGitHub({
    ...world,
    repos: world.repos.map((repo) =>
      repo.name !== first!.repo
        ? repo
        : {
            ...repo,
            branches: {
              ...repo.branches,
              main: {
                ...repo.branches.main!,
                checks: [
                  status('ci/prow/unit', 'FAILURE', T0 - 3600_000, { description: `check ${HOSTILE}` }),
                  status('ci/prow/presubmits-integration', 'SUCCESS'),
                ],
              },
            },
            pullRequests: [{ number: 31, title: `HYPERFLEET-960 pr ${HOSTILE}`, headRefName: 'fix-960', baseRefName: 'main', labels: [] }],
          },
    ),
  });
  const at = T0 - DAY;
  const release = [
    line({ type: 'release-planned', release: 'v0.4.0', milestones: { ga: T0 + 10 * DAY } }, 'r1'),
    line({ type: 'step-completed', step: 'prs-merged', note: `note ${HOSTILE}` }, 'r2'),
    line(
      {
        type: 'gate-waived',
        step: 'release-gate',
        layer: 'unit',
        tracking: 'HYPERFLEET-1',
        reason: `reason ${HOSTILE}`,
        mitigation: `mitigation ${HOSTILE}`,
      },
      'r3',
    ),
    line({ type: 'notice-sent', step: 'notice-rc', key: 'v0.4.0/rc-available', ts: '1.2' }, 'r4', `actor${HOSTILE}`),
  ];
  const hotfix = line(
    {
      type: 'hotfix-opened',
      key: 'HYPERFLEET-960',
      severity: 'Major',
      component: first!.name,
      affects: 'v0.3.1',
      summary: `summary ${HOSTILE}`,
      reportedAt: at,
    },
    'h1',
  );
  writeFileSync(join(dir, 'release-v0.4.0.jsonl'), `${release.join('\n')}\n`);
  writeFileSync(join(dir, 'hotfix-HYPERFLEET-960.jsonl'), `${hotfix}\n`);
  env = {
    HYPERFLEET_STATE_DIR: dir,
    HYPERFLEET_GITHUB_API: await github.start(),
    GITHUB_TOKEN: 'test-token-for-the-fake',
    XDG_CACHE_HOME: join(dir, 'cache'),
  };
});
afterAll(async () => {
  await github.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every string anywhere in a parsed JSON value. */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value as Record<string, unknown>).flatMap(stringsOf)
      : [];

describe('outside text with C1 and bidi controls', () => {
  it.each([
    [['status', '--json'], `check ${HOSTILE}`],
    [['gate', '--json'], `reason ${HOSTILE}`],
    [['report', '--format', 'json'], `mitigation ${HOSTILE}`],
    [['hotfix', 'list', '--json'], `summary ${HOSTILE}`],
    [['hotfix', 'timeline', 'HYPERFLEET-960', '--format', 'json'], `summary ${HOSTILE}`],
    [['notify', '--list', '--json'], `actor${HOSTILE}`],
  ])('%j: escaped as \\u009b…, never raw; the JSON is valid and reads back the very text', async (args, expected) => {
    const run = await runCliAsync(args, env);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stdout).not.toMatch(RAW);
    expect(run.stdout).toContain('\\u009b31mB\\u202eC\\u2066D\\u0085E');
    expect(stringsOf(JSON.parse(run.stdout)).some((s) => s.includes(expected))).toBe(true);
  });

  it.each([
    [['status'], `check ${STRIPPED}`],
    [['summary'], `check ${STRIPPED}`],
    [['gate'], `reason ${STRIPPED}`],
    [['report'], `mitigation ${STRIPPED}`],
    [['hotfix', 'timeline', 'HYPERFLEET-960'], `summary ${STRIPPED}`],
    [['hotfix', 'handoff', 'HYPERFLEET-960'], `pr ${STRIPPED}`],
  ])('%j (text and Markdown): the controls are stripped, the text around them kept', async (args, expected) => {
    const run = await runCliAsync(args, env);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stdout).toContain(expected);
    expect(run.stdout + run.stderr).not.toMatch(RAW);
  });

  it('the Slack payload (notify --dry-run) carries none of them, in a filled field or in journal text', async () => {
    for (const args of [
      ['notify', 'code-freeze', '--dry-run', '--set', `note=field ${HOSTILE}`],
      ['notify', 'hotfix-alert', '--for', 'HYPERFLEET-960', '--dry-run'],
    ]) {
      const run = await runCliAsync(args, env);
      expect(run.code).toBe(0);
      const texts = stringsOf(JSON.parse(run.stdout));
      expect(texts.filter((t) => RAW.test(t))).toEqual([]);
      expect(texts.some((t) => t.includes(`field ${STRIPPED}`) || t.includes(`summary ${STRIPPED}`))).toBe(true);
    }
  });
});

describe('one serializer', () => {
  it('every JSON the command line and the app print goes through safeJson, never JSON.stringify', () => {
    const src = resolve(import.meta.dirname, '../../src');
    const printing = [
      'cli.tsx',
      ...readdirSync(join(src, 'cli')).map((f) => `cli/${f}`),
      ...readdirSync(join(src, 'ui'), { recursive: true, encoding: 'utf8' }).map((f) => `ui/${f}`),
    ];
    const offenders = printing.filter((f) => /\.tsx?$/.test(f) && /JSON\.stringify\(/.test(readFileSync(join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
