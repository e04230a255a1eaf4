import { Box } from 'ink';
import { ProgressBar } from '../components/ProgressBar.js';
import { StepDetail } from '../components/StepDetail.js';
import { StepList } from '../components/StepList.js';
import { useAppState } from '../hooks/store-context.js';
import { shownZone } from '../../store/selectors.js';
import { useFreeze, useNow, useReleasePhases } from '../hooks/use-views.js';
import { flatSteps } from '../../store/view.js';
import { stepExtraLines } from '../text/freeze-lines.js';
import { claimLines } from '../text/claim-lines.js';
import { stepClaimOf, streamClaims } from '../../store/team.js';

export const DETAIL_HEIGHT = 6;

/** The release playbook: phases with progress, steps with state, the selected step in detail. */
export function Checklist({ width, height }: { width: number; height: number }) {
  const phases = useReleasePhases();
  const cursor = useAppState((s) => s.cursor.checklist);
  const roles = useAppState((s) => s.config.roles);
  const now = useNow();
  const zone = useAppState(shownZone);
  const selected = flatSteps(phases)[cursor];
  const freeze = useFreeze();
  const policy = useAppState((s) => s.config.codeFreeze);
  const barWidth = Math.min(24, Math.floor(width / 3));
  const claims = useAppState((s) => streamClaims(s, null));
  const viewer = useAppState((s) => s.viewer);
  const claim = useAppState((s) => (selected ? stepClaimOf(s, selected, null) : null));
  const groups = phases.map((phase) => ({
    key: phase.id,
    title: phase.title,
    aside: <ProgressBar done={phase.done} total={phase.total} width={barWidth} />,
    asideWidth: barWidth,
    steps: phase.steps,
    claims,
  }));
  const detailHeight = Math.min(DETAIL_HEIGHT, Math.max(0, height - 4));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <StepList groups={groups} cursor={cursor} width={width} height={height - detailHeight} now={now} viewer={viewer} />
      <StepDetail
        view={selected}
        roles={roles}
        now={now}
        height={detailHeight}
        extra={[...claimLines(claim, viewer, now), ...stepExtraLines(freeze, policy, selected, null, { zone, now })]}
      />
    </Box>
  );
}
