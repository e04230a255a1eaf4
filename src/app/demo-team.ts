import type { AppConfig } from '../domain/config.js';
import type { JournalEvent } from '../domain/events.js';
import type { FakeWorld } from '../fakes/world.js';
import { ledgerCommit } from '../journal/ledger-store.js';

export type LedgerSpec = NonNullable<AppConfig['ledger']>;

/** The demo's ledger, when the configuration names none: a branch of the release repository, as a team would choose. */
export const DEMO_LEDGER: LedgerSpec = { repo: 'hyperfleet-release', branch: 'hyperfleet-tui/ledger' };

/** The token a person of the demo signs in to the fake GitHub with (the demo's colleagues, the sandbox's people). */
export const demoToken = (login: string): string => `demo-${login}`;

/** The demo's history as the commits its authors made on the ledger branch, oldest first. */
function ledgerSeed(streams: ReadonlyArray<{ readonly stream: string; readonly events: readonly JournalEvent[] }>) {
  return streams
    .flatMap(({ stream, events }) => events.map((event) => ({ stream, event })))
    .sort((a, b) => a.event.at - b.event.at)
    .map(({ stream, event }) => ({ ...ledgerCommit(stream, event), author: event.actor, at: event.at }));
}

export interface DemoTeam {
  readonly release: string;
  /** The ledger the team shares: the configuration's, else the demo's. */
  readonly spec: LedgerSpec;
  /** The journal's history, as the ledger branch holds it. */
  readonly history: ReturnType<typeof ledgerSeed>;
  /** What the fakes answer from: the demo's world, each person's token, the ledger branch with its history. */
  readonly fakes: FakeWorld;
  /** Everyone an approver of a role, with the titles of their roles, in the configuration's order. */
  readonly people: ReadonlyArray<{ readonly login: string; readonly roles: readonly string[] }>;
}

/**
 * The demo world as a team shares it: its history already on the ledger branch, each event
 * committed by its author, and every approver of a role able to sign in as themselves. The demo
 * and the sandbox start from it alike. Loaded on demand: only they need the demo's world.
 */
export async function demoTeam(config: AppConfig, startedAt: number): Promise<DemoTeam> {
  const { demoWorld } = await import('../demo/world.js');
  const world = demoWorld(config, startedAt);
  const spec = config.ledger ?? DEMO_LEDGER;
  const roles = Object.values(config.roles);
  const logins = [...new Set(roles.flatMap((r) => r.approvers))];
  const people = logins.map((login) => ({ login, roles: roles.filter((r) => r.approvers.includes(login)).map((r) => r.title) }));
  const history = ledgerSeed(world.streams);
  const tokens = Object.fromEntries(logins.map((login) => [demoToken(login), login]));
  const ledger = { repo: spec.repo, branch: spec.branch, commits: history };
  return { release: world.release, spec, history, people, fakes: { ...world.fakes, logins: tokens, ledger } };
}
