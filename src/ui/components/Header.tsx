import { Box, Text } from 'ink';
import { cadencePosition, CADENCE_TITLES, MILESTONE_TITLES } from '../../domain/cadence.js';
import { GITHUB_SOURCE, staleSources } from '../../domain/snapshot.js';
import { formatAgo, formatSpan } from '../../domain/time.js';
import { releaseTitle } from '../../domain/version.js';
import { oneLine } from '../../domain/sanitize.js';
import { pendingText } from '../../domain/ledger.js';
import { TABS } from '../screens/tabs.js';
import { fit, stringWidth } from '../text/fit.js';
import { useTone } from '../theme.js';
import { Countdown, countdownText } from './Countdown.js';
import { hotfixClock } from '../../domain/hotfix.js';
import type { AppState } from '../../store/app-store.js';
import { useAppState } from '../hooks/store-context.js';
import { useOpenHotfixes } from '../hooks/use-views.js';
import { UTC_ZONE, zoneLabel } from '../../domain/display-time.js';
import { shownZone } from '../../store/selectors.js';

/** Release, cadence phase and the next milestone. */
function ReleaseLine({ width }: { width: number }) {
  const release = useAppState((s) => s.release);
  const milestones = useAppState((s) => s.releaseState.milestones);
  const now = useAppState((s) => s.now);
  const position = cadencePosition(milestones, now);
  const next = position.next ? ` · ${MILESTONE_TITLES[position.next.milestone]} in ${formatSpan(position.next.at - now)}` : '';
  return (
    <Text bold wrap="truncate">
      {fit(`${releaseTitle(release)} · ${release} · ${CADENCE_TITLES[position.phase]}${next}`, width)}
    </Text>
  );
}

/** Who the GitHub token says we are: the identity every recorded action carries. */
function Viewer() {
  const tone = useTone();
  const viewer = useAppState((s) => s.viewer);
  // Until GitHub's first answer, who we are is not known yet: not a sign-in problem to warn about.
  const asking = useAppState((s) => !s.snapshot?.sources.some((source) => source.source === GITHUB_SOURCE));
  if (viewer) return <Text color={tone('info')}>@{oneLine(viewer)}</Text>;
  return <Text color={tone(asking ? 'muted' : 'warn')}>{asking ? 'signing in…' : 'not signed in'}</Text>;
}

/** "3 events not yet shared": this machine's events the team cannot see yet. */
function LedgerPending() {
  const tone = useTone();
  const text = useAppState((s) => (s.ledger ? pendingText(s.ledger) : null));
  const readOnly = useAppState((s) => s.readOnly);
  const otherRules = useAppState((s) => s.releaseState.rulebook !== null && s.releaseState.rulebook.hash !== s.rulebook);
  return (
    <>
      {otherRules ? <Text color={tone('warn')}>not the release's rulebook (R) · </Text> : null}
      {text ? <Text color={tone('warn')}>{text} · </Text> : null}
      {readOnly ? <Text color={tone('info')}>read-only · </Text> : null}
    </>
  );
}

/** "times CET · ": which zone times are in, once it is not plain UTC (a person's zone, or UTC after `Z`). */
const timesZoneText = (s: AppState): string | null =>
  s.timesInUtc || s.displayZone !== UTC_ZONE ? `times ${zoneLabel(shownZone(s), s.now)} · ` : null;

function TimesZone() {
  const tone = useTone();
  const text = useAppState(timesZoneText);
  return text ? <Text color={tone('muted')}>{text}</Text> : null;
}

/** How wide the hotfix line's right side is: the zone, what is not shared yet, read-only, and who we are. */
const rightSideWidth = (s: AppState): number =>
  stringWidth(
    `${timesZoneText(s) ?? ''}${s.ledger && pendingText(s.ledger) ? `${pendingText(s.ledger)} · ` : ''}${s.readOnly ? 'read-only · ' : ''}${s.viewer ? `@${oneLine(s.viewer)}` : 'not signed in'}`,
  );

/** The SLA clock of every open hotfix, most urgent first; with several, key and clock only, so they fit in 80 columns. */
function HotfixClocks({ room }: { room: number }) {
  const tone = useTone();
  const hotfixes = useOpenHotfixes();
  const config = useAppState((s) => s.config);
  const now = useAppState((s) => s.now);
  if (hotfixes.length === 0) return <Text color={tone('muted')}>No open hotfixes</Text>;
  // One hotfix says its severity and component too, when that leaves its clock whole.
  const only = hotfixes.length === 1 ? hotfixes[0]!.hotfix : null;
  const one =
    only !== null &&
    stringWidth(
      `HOTFIX ${oneLine(only.key)} ${only.severity} ${oneLine(only.component)} ${countdownText(hotfixClock(only, config, now).remainingMs)}`,
    ) <= room;
  return (
    <Text wrap="truncate">
      <Text color={tone('bad')} bold>
        {only ? 'HOTFIX' : `${hotfixes.length} HOTFIXES`}
      </Text>
      {hotfixes.map(({ hotfix }, i) => (
        <Text key={hotfix.key}>
          {i > 0 ? ' · ' : ' '}
          {oneLine(hotfix.key)}
          {one ? ` ${hotfix.severity} ${oneLine(hotfix.component)}` : ''} <Countdown hotfix={hotfix} />
        </Text>
      ))}
    </Text>
  );
}

const TAB_LABELS = TABS.map(({ key, id, title }) => ({ id, text: ` ${key} ${title} `, short: ` ${key} ` }));
const TABS_WIDTH = stringWidth(TAB_LABELS.map((t) => t.text).join(''));

/**
 * Every tab's key and title; narrower than that, the open screen's title alone. The tabs keep to
 * their one row: wrapped onto a second, they would be drawn over the rows below.
 */
const tabLabels = (width: number, screen: string) =>
  TAB_LABELS.map((t) => ({ id: t.id, text: width >= TABS_WIDTH || t.id === screen ? t.text : t.short }));

/** How fresh the live status is, in the longest wording that fits `room` columns. */
function freshnessText(candidates: readonly string[], room: number): string {
  return candidates.find((c) => stringWidth(c) <= room) ?? candidates.at(-1)!;
}

/** Screen tabs, and on the right how fresh the live status is; the tabs never give way to it. */
function Tabs({ width }: { width: number }) {
  const tone = useTone();
  const screen = useAppState((s) => s.screen);
  const refreshing = useAppState((s) => s.refreshing);
  const snapshot = useAppState((s) => s.snapshot);
  const now = useAppState((s) => s.now);
  const connected = useAppState((s) => s.sourceNames.length > 0);
  const rateLimit = useAppState((s) => s.rateLimit);
  const stale = staleSources(snapshot);
  const lastSuccess = Math.max(0, ...(snapshot?.sources.map((s) => s.lastSuccessAt ?? 0) ?? [0]));
  const labels = tabLabels(width, screen);
  const tabsWidth = Math.min(width, stringWidth(labels.map((t) => t.text).join('')));
  const room = Math.max(0, width - tabsWidth - 1);
  // A stale mark stays until a good answer replaces it: a refresh in flight is said beside it, never instead.
  const staleness = stale.map((s) => `${s.source} ${s.ok ? 'partial' : 'failing'}`).join(', ');
  const asking = refreshing ? 'refreshing… · ' : '';
  const freshness = !connected
    ? { text: freshnessText(['live status not connected', 'not connected'], room), tone: 'warn' as const }
    : stale.length > 0
      ? {
          text: freshnessText(
            [
              `${asking}STALE: ${staleness}`,
              `${asking}STALE: ${stale.length} source${stale.length > 1 ? 's' : ''}`,
              `${asking}STALE`,
              'STALE',
            ],
            room,
          ),
          tone: 'bad' as const,
        }
      : refreshing
        ? { text: 'refreshing…', tone: 'info' as const }
        : lastSuccess > 0
          ? { text: `updated ${formatAgo(lastSuccess, now)}`, tone: 'muted' as const }
          : { text: 'no status yet', tone: 'warn' as const };
  const budget = rateLimit ? ` · GitHub ${rateLimit.remaining}/${rateLimit.limit}` : '';
  const showBudget = rateLimit && stringWidth(freshness.text) + stringWidth(budget) <= room;
  return (
    <Box width={width}>
      <Box flexShrink={0} width={tabsWidth}>
        <Text wrap="truncate">
          {labels.map(({ id, text }) => (
            <Text key={id} inverse={id === screen} color={id === screen ? undefined : tone('muted')}>
              {text}
            </Text>
          ))}
        </Text>
      </Box>
      <Box flexGrow={1} flexShrink={1} marginLeft={1} justifyContent="flex-end" overflow="hidden">
        <Text wrap="truncate">
          <Text color={tone(freshness.tone)}>{freshness.text}</Text>
          {showBudget ? <Text color={tone(rateLimit.remaining < rateLimit.limit / 10 ? 'warn' : 'muted')}>{budget}</Text> : null}
        </Text>
      </Box>
    </Box>
  );
}

export function Header({ width }: { width: number }) {
  const rightWidth = useAppState(rightSideWidth);
  return (
    <Box flexDirection="column" width={width}>
      <ReleaseLine width={width} />
      <Box justifyContent="space-between" width={width}>
        <Box flexShrink={1} overflow="hidden">
          <HotfixClocks room={width - 1 - rightWidth} />
        </Box>
        <Box flexShrink={0} marginLeft={1}>
          <TimesZone />
          <LedgerPending />
          <Viewer />
        </Box>
      </Box>
      <Tabs width={width} />
    </Box>
  );
}

export const HEADER_HEIGHT = 3;
