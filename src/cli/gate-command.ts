import type { Session } from '../app/session.js';
import type { CliOptions } from './args.js';
import { EXIT, UsageError } from '../errors.js';
import { printOutcome } from './print-outcome.js';
import { gateExitCode, gateJson, gateSteps, gateText } from './gate-report.js';

/** `gate`, `approve` and `waive`: the same gate rule, actions and refusals as the app. */
export async function runGateCommand(session: Session, options: CliOptions): Promise<number> {
  const [view] = gateSteps(session.store.getState(), options.step, options.forKey);
  const where = options.forKey ? `the runbook of open hotfix ${options.forKey}` : 'the release checklist';
  if (!view) throw new UsageError(`no gate step "${options.step ?? ''}" in ${where}`);
  const layers = view.step.check?.layers ?? [];
  if (options.command === 'waive' && !layers.includes(options.waiver!.layer)) {
    throw new UsageError(`--layer "${options.waiver!.layer}" is not a layer of ${view.step.id}; its layers are ${layers.join(', ')}`);
  }
  if (options.command === 'approve' || options.command === 'waive') {
    const hotfix = options.forKey ? session.controller.hotfixes.find(options.forKey) : undefined;
    const owner = hotfix ? ({ kind: 'hotfix', hotfix } as const) : ({ kind: 'release' } as const);
    const outcome =
      options.command === 'approve'
        ? await session.controller.approve(owner, view.step.id, options.comment ?? '', options.role)
        : await session.controller.waive(owner, view.step.id, options.waiver!);
    // What was recorded shows in the gate's report below; a refusal or failure is said on its own.
    if (outcome.kind === 'refused' && outcome.field === 'role')
      return printOutcome({ ...outcome, reason: `${outcome.reason} Name it with --role.` });
    if (outcome.kind !== 'done') return printOutcome(outcome);
  }
  const [after] = gateSteps(session.store.getState(), view.step.id, options.forKey);
  process.stdout.write(options.json ? gateJson(after!) : gateText(session.store.getState(), after!));
  // A recorded approval or waiver is said as the gate stands; exit 1 stays "refused" for them.
  if (options.command !== 'gate' && after!.gate?.layers.length === 0) return EXIT.ok;
  return gateExitCode(session.store.getState(), after!);
}
