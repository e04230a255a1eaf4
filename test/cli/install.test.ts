import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
/** What a fresh clone has: everything but what `npm install` and the build make, and git's own. */
const NOT_IN_A_CLONE = new Set(['node_modules', 'dist', '.git']);

type Version = readonly [number, number, number];
const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Whether `version` satisfies an `engines.node` range as packages write them (">=20",
 * ">= 14.6", "^20.19.0 || >=22.12.0", "~14.17"); a form it does not know fails the test.
 */
function accepts(range: string, version: Version): boolean {
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/([<>=^~]+)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => {
        const m = /^(>=|>|<=|<|\^|~|=)?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(comparator);
        if (!m) throw new Error(`engines range "${range}": cannot read "${comparator}"`);
        const [, op = '=', major, minor, patch] = m;
        const low: Version = [Number(major), Number(minor ?? 0), Number(patch ?? 0)];
        const order = compare(version, low);
        if (op === '>=') return order >= 0;
        if (op === '>') return order > 0;
        if (op === '<=') return order <= 0;
        if (op === '<') return order < 0;
        if (op === '^') return order >= 0 && (low[0] > 0 ? version[0] === low[0] : version[1] === low[1]);
        if (op === '~') return order >= 0 && version[0] === low[0] && (minor === undefined || version[1] === low[1]);
        // "20" is any 20.x.x, "20.1" any 20.1.x.
        return version[0] === low[0] && (minor === undefined || version[1] === low[1]) && (patch === undefined || version[2] === low[2]);
      }),
  );
}

let work: string;
let clone: string;

/** A run with nothing of this test run's npm in its environment (npm_config_*, npm_lifecycle_*…). */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...clean, npm_config_update_notifier: 'false', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hf-install-'));
  clone = join(work, 'clone');
  cpSync(ROOT, clone, { recursive: true, filter: (path) => path === ROOT || !NOT_IN_A_CLONE.has(basename(path)) });
  // The build tools `npm install` would put there; linked, so no network is needed.
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('set-up and install', () => {
  it('every package `npm install` installs supports the oldest Node that package.json claims (no EBADENGINE)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    const oldest = /^>=\s*(\d+)\.(\d+)$/.exec(manifest.engines.node);
    expect(oldest, 'engines.node is written ">=MAJOR.MINOR"').not.toBeNull();
    const version: Version = [Number(oldest![1]), Number(oldest![2]), 0];
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines?.node && !accepts(entry.engines.node, version))
      .map(([path, entry]) => `${path} (${entry.engines!.node})`);
    expect(refusing).toEqual([]);
  });

  it('before a build, bin/hyperfleet-tui says in one line how to build, exit 2, no stack', () => {
    const start = run(process.execPath, [join(clone, 'bin', 'hyperfleet-tui'), '--version'], clone);
    expect(start).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'hyperfleet-tui: not built yet: run `npm run build` (or `npm start`) first, then try again\n',
    });
  });

  it('a fresh clone packs into a package that, installed globally from its tarball, runs as `hyperfleet-tui`', () => {
    // `npm pack` builds dist/ first (the `prepare` script), as an install from git does.
    const pack = run('npm', ['pack', '--pack-destination', work, '--loglevel=error'], clone);
    expect(pack.stderr).toBe('');
    expect(pack.code).toBe(0);
    const tarball = join(
      work,
      readdirSync(work).find((f) => f.endsWith('.tgz'))!,
    );

    // Offline, with an empty cache: what runs at run time travels in the tarball (bundleDependencies).
    const prefix = join(work, 'prefix');
    const install = run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], work, {
      npm_config_cache: join(work, 'npm-cache'),
      HOME: work,
    });
    expect(install.stderr).not.toMatch(/EBADENGINE|ERR!|npm error/);
    expect(install.code).toBe(0);

    const bin = join(prefix, 'bin', 'hyperfleet-tui');
    const home = { HOME: work, XDG_CACHE_HOME: join(work, 'cache'), XDG_STATE_HOME: join(work, 'state') };
    expect(run(bin, ['--version'], work, home)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^hyperfleet-tui \d+\.\d+\.\d+\n$/),
    });
    const summary = run(bin, ['summary', '--demo'], work, home);
    expect(summary.stdout).toContain('HyperFleet Release 0.4 · v0.4.0');
    expect(summary.code).toBe(0);
    // A build, a pack and an install: well within a minute, though more than the usual 20 s on a busy machine.
  }, 60_000);
});
