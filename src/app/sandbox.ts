import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../domain/config.js';
import { demoTeam, demoToken } from './demo-team.js';
import { LEDGER_VARIABLE, ledgerSetting } from './ledger-setting.js';

/** One person who can sign in to the sandbox: their token, roles, and a state directory of their own (their machine). */
export interface SandboxPerson {
  readonly login: string;
  readonly roles: readonly string[];
  readonly token: string;
  readonly stateDir: string;
}

export interface Sandbox {
  /** What another terminal needs, in order: the backends' URLs, the ledger, the configuration. */
  readonly environment: ReadonlyArray<readonly [name: string, value: string]>;
  readonly people: readonly SandboxPerson[];
  readonly release: string;
  /** Stops the fakes and removes every file the sandbox and its people wrote under its folder. */
  stop(): Promise<void>;
}

/**
 * The demo's world for a team to rehearse in: its fake GitHub (with the ledger branch and the
 * demo's history on it), Prow, registry and Slack on 127.0.0.1, in this process, and what each
 * person's terminal needs to use them. The world stays as the demo starts it: the people in it
 * make what changes.
 */
export async function startSandbox(config: AppConfig, configPath: string, now: number): Promise<Sandbox> {
  const [team, { fakesInThisThread }, { FAKE_SLACK_TOKEN }] = await Promise.all([
    demoTeam(config, now),
    import('../demo/launch-fakes.js'),
    import('../fakes/slack/server.js'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'hyperfleet-tui-sandbox-'));
  const fakes = fakesInThisThread(team.fakes, config);
  const stop = async () => {
    await fakes.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  let urls: string[];
  try {
    urls = await Promise.all([fakes.githubUrl, fakes.prowUrl, fakes.registryUrl, fakes.slackUrl]);
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  const [github, prow, registry, slack] = urls as [string, string, string, string];
  return {
    environment: [
      ['HYPERFLEET_GITHUB_API', github],
      ['HYPERFLEET_PROW_URL', prow],
      ['HYPERFLEET_REGISTRY_URL', registry],
      ['HYPERFLEET_SLACK_API', slack],
      // Not a secret: the fake Slack's own token, which no real workspace has.
      ['SLACK_BOT_TOKEN', FAKE_SLACK_TOKEN],
      [LEDGER_VARIABLE, ledgerSetting(team.spec)],
      // The world was built from this configuration: the people read it too.
      ['HYPERFLEET_CONFIG', configPath],
    ],
    // Each person is a machine of their own: a journal shared by two would share one outbox.
    people: team.people.map((p) => ({ ...p, token: demoToken(p.login), stateDir: join(dir, p.login) })),
    release: team.release,
    stop,
  };
}
