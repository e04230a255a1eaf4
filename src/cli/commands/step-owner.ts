import type { StepOwner } from '../../app/controller.js';
import type { Session } from '../../app/session.js';
import { allSteps } from '../../domain/config.js';
import { UsageError } from '../../errors.js';

/** The playbook `tick`/`untick` act on: the release's, or that of the open hotfix `--for` names; the step must be in it. */
export function stepOwner(session: Session, step: string, forKey: string | undefined): StepOwner {
  const { config } = session.store.getState();
  const hotfix = forKey ? session.controller.hotfixes.find(forKey) : undefined;
  if (forKey && (!hotfix || hotfix.closedAt !== null))
    throw new UsageError(`no open hotfix ${forKey} in the journal; \`hotfix list\` shows the open ones`);
  const playbook = hotfix ? config.playbooks.hotfix : config.playbooks.release;
  const ids = allSteps(playbook).map((s) => s.id);
  if (!ids.includes(step)) {
    const where = hotfix ? `the runbook of ${hotfix.key}` : 'the release checklist';
    throw new UsageError(`no step "${step}" in ${where}; \`checklist${hotfix ? ` --for ${hotfix.key}` : ''}\` lists them`);
  }
  return hotfix ? { kind: 'hotfix', hotfix } : { kind: 'release' };
}
