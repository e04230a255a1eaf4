import type { AppConfig } from '../domain/config.js';
import { UsageError } from '../errors.js';
import type { LedgerSpec } from './demo-team.js';

/** `HYPERFLEET_LEDGER=REPO@BRANCH`: the shared ledger for this shell, over hyperfleet.yaml's `ledger:`. */
export const LEDGER_VARIABLE = 'HYPERFLEET_LEDGER';

/** `hyperfleet-release@hyperfleet-tui/ledger`: the form the variable takes and `ledger status` prints. */
export const ledgerSetting = (spec: LedgerSpec): string => `${spec.repo}@${spec.branch}`;

/**
 * The ledger this run shares: the environment's when set (the sandbox's terminals, a rehearsal
 * beside the team's configuration: the configuration and its hash stay the team's), else the
 * configuration's. A repository name has no `@`, so the first one ends it; the branch is checked
 * as hyperfleet.yaml's is.
 */
export function ledgerOf(config: AppConfig, env: NodeJS.ProcessEnv): LedgerSpec | undefined {
  const value = env[LEDGER_VARIABLE]?.trim();
  if (!value) return config.ledger;
  const at = value.indexOf('@');
  const repo = value.slice(0, at);
  const branch = value.slice(at + 1);
  if (at < 1 || !/^[A-Za-z0-9._-]+$/.test(repo) || !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(branch))
    throw new UsageError(
      `${LEDGER_VARIABLE}: expected REPO@BRANCH, a repository of ${config.github.org} and a branch of it (e.g. hyperfleet-release@hyperfleet-tui/ledger), got "${value.slice(0, 200)}"`,
    );
  return { repo, branch };
}
