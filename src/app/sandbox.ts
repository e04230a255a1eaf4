import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../domain/config.js';
import type { DemoStory } from '../demo/scenario.js';
import { demoTeam, demoToken } from './demo-team.js';
import { LEDGER_VARIABLE, ledgerSetting } from './ledger-setting.js';

/** One person who can sign in to the sandbox: their token, roles, and a state directory of their own (their machine). */
export interface SandboxPerson {
  readonly login: string;
  readonly roles: readonly string[];
  readonly token: string;
  readonly stateDir: string;
}

/** What `advance` played: the event's title; for a colleague's action, who is to do it (the story does not). */
export type SandboxStep = { readonly title: string; readonly leftTo?: string } | null;

export interface Sandbox {
  /** What another terminal needs, in order: the backends' URLs, the ledger, the configuration. */
  readonly environment: ReadonlyArray<readonly [name: string, value: string]>;
  readonly people: readonly SandboxPerson[];
  readonly release: string;
  /**
   * `--story`: the next event of the demo's release or hotfix story, in the world (a re-run
   * nightly, tags pushed, images built); an action of a colleague's in it (a sign-off) is left
   * to whoever plays that role. Null once the story is over.
   */
  advance(story: DemoStory): Promise<SandboxStep>;
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
  const [team, { fakesInThisThread }, { FAKE_SLACK_TOKEN }, { DEMO_STORIES }] = await Promise.all([
    demoTeam(config, now),
    import('../demo/launch-fakes.js'),
    import('../fakes/slack/server.js'),
    import('../demo/scenario.js'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'hyperfleet-tui-sandbox-'));
  // A person who forgot their `demo-<login>` token is refused, not signed in as someone else.
  const fakes = fakesInThisThread({ ...team.fakes, onlyLogins: true }, config);
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
  const played: Record<DemoStory, number> = { release: 0, hotfix: 0 };
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
    advance: async (story) => {
      const index = played[story];
      const event = DEMO_STORIES[story][index];
      if (!event) return null;
      played[story] = index + 1;
      if (event.apply) await fakes.advance(Date.now(), story, index);
      const colleague = event.colleague?.(config);
      return { title: event.title, ...(colleague ? { leftTo: `@${colleague.actor}` } : {}) };
    },
    stop,
  };
}
