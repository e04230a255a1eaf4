import { Box, Text } from 'ink';
import { HOTFIX_KIND_TITLE, hotfixKind } from '../../domain/hotfix.js';
import { oneLine } from '../../domain/sanitize.js';
import { StepDetail } from '../components/StepDetail.js';
import { StepList } from '../components/StepList.js';
import { useAppState } from '../hooks/store-context.js';
import { useNow, useOpenHotfixes } from '../hooks/use-views.js';
import { useTone } from '../theme.js';
import { Countdown } from '../components/Countdown.js';
import { DETAIL_HEIGHT } from './Checklist.js';
import { fixLines } from '../text/fix-lines.js';
import { claimLines } from '../text/claim-lines.js';
import { stepClaimOf } from '../../store/team.js';
import { hotfixSteps } from '../input/select.js';
import { hotfixStream } from '../../domain/events.js';
import { NO_CLAIMS } from '../../domain/step-claims.js';

const CLOCK_WIDTH = 20;

/** Open hotfixes, most urgent first; each with its fix on both branches and its runbook steps. */
export function Hotfix({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const hotfixes = useOpenHotfixes();
  const cursor = useAppState((s) => s.cursor.hotfix);
  const roles = useAppState((s) => s.config.roles);
  const policy = useAppState((s) => s.config.hotfix);
  const now = useNow();
  const viewer = useAppState((s) => s.viewer);
  const stepClaims = useAppState((s) => s.stepClaims);
  const selectedClaim = useAppState((s) => {
    const picked = hotfixSteps(s)[s.cursor.hotfix];
    return picked ? stepClaimOf(s, picked.view, picked.hotfix.key) : null;
  });
  if (hotfixes.length === 0) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        <Text>No open hotfixes. n opens one.</Text>
        <Text color={tone('muted')}>A hotfix is a patch to existing function, never a new feature.</Text>
      </Box>
    );
  }
  const groups = hotfixes.map((view) => ({
    key: view.hotfix.key,
    title: oneLine(
      `${view.hotfix.key} · ${view.hotfix.severity}${hotfixKind(view.hotfix.severity, policy) === 'scheduled' ? ` (${HOTFIX_KIND_TITLE.scheduled.toLowerCase()})` : ''} · ${view.hotfix.component} ${view.hotfix.affects} · ${view.hotfix.summary}`,
    ),
    aside: <Countdown hotfix={view.hotfix} width={CLOCK_WIDTH} />,
    asideWidth: CLOCK_WIDTH,
    notes: fixLines(view.live),
    steps: view.phases.flatMap((p) => p.steps),
    claims: stepClaims[hotfixStream(view.hotfix.key)] ?? NO_CLAIMS,
  }));
  const detailHeight = Math.min(DETAIL_HEIGHT, Math.max(0, height - 4));
  const selected = groups.flatMap((g) => g.steps)[cursor];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <StepList groups={groups} cursor={cursor} width={width} height={height - detailHeight} now={now} viewer={viewer} />
      <StepDetail view={selected} roles={roles} now={now} height={detailHeight} extra={claimLines(selectedClaim, viewer, now)} />
    </Box>
  );
}
