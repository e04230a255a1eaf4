import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hf-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What bash offers for `words` (the last one being completed), with the script sourced as a user would. */
function complete(script: string, ...words: string[]): string[] {
  const line = ['hyperfleet-tui', ...words].map((w) => `'${w}'`).join(' ');
  const probe = `source ${script}
COMP_WORDS=(${line}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
_hyperfleet_tui
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', probe], {
    encoding: 'utf8',
    // hyperfleet-tui on PATH is the built bundle, as once installed.
    env: { PATH: `${dirname(BIN)}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: dir, HYPERFLEET_STATE_DIR: join(dir, 'state') },
  });
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter(Boolean);
}

describe('completion', () => {
  const script = join(dir, 'hyperfleet-tui.bash');

  it('bash: the script is valid bash, and completes command names, flags, step ids and hotfix keys when sourced', () => {
    const run = runCli(['completion', 'bash']);
    expect(run.code).toBe(0);
    writeFileSync(script, run.stdout);
    expect(spawnSync('bash', ['-n', script]).status).toBe(0);
    expect(complete(script, 'ti')).toEqual(['tick']);
    expect(complete(script, 'unt')).toEqual(['untick']);
    expect(complete(script, 'tick', 'prs-')).toEqual(['prs-merged']);
    expect(complete(script, '--demo', 'tick', '--for', 'HYPERFLEET-901', 'attest-')).toEqual(['attest-scope']);
    expect(complete(script, 'untick', '--rea')).toEqual(['--reason']);
    expect(complete(script, 'hotfix', 'ti')).toEqual(['timeline']);
    expect(complete(script, '')).toContain('checklist');
    expect(complete(script, '')).not.toContain('__complete');
  });

  it('hotfix keys come from the journal at completion time', () => {
    const state = join(dir, 'state');
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, 'hotfix-HYPERFLEET-960.jsonl'), '');
    expect(complete(script, 'tick', 'attest-scope', '--for', 'HYPERFLEET-9')).toEqual(['HYPERFLEET-960']);
  });

  it('zsh and fish scripts name every command; an unknown shell is a usage error', () => {
    for (const shell of ['zsh', 'fish']) {
      const run = runCli(['completion', shell]);
      expect(run.code).toBe(0);
      for (const name of ['checklist', 'tick', 'untick', 'hotfix', 'notify']) expect(run.stdout).toContain(name);
    }
    expect(runCli(['completion', 'tcsh'])).toMatchObject({
      code: 2,
      stderr: 'hyperfleet-tui: completion needs a shell: bash, zsh, fish\n',
    });
  });
});
