import { Box, Text } from 'ink';
import { formatRelative } from '../../domain/time.js';
import { Table, type Cell } from '../components/Table.js';
import { useAppState } from '../hooks/store-context.js';
import { useMinute, useNotices } from '../hooks/use-views.js';
import { STEP_LOOK, TIMING_LOOK, useTone } from '../theme.js';

/** Every notice of the release and open hotfixes, with its deadline and whether it went out. */
export function Notices({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const notices = useNotices();
  const cursor = useAppState((s) => s.cursor.notices);
  const channel = useAppState((s) => s.config.slack.channel);
  const now = useMinute();
  const rows = notices.map(({ owner, view }): Cell[] => {
    const timing = TIMING_LOOK[view.timing];
    const look = view.state === 'done' ? { glyph: '✓', word: 'sent', tone: 'good' as const } : (timing ?? STEP_LOOK[view.state]);
    const due = view.dueAt === undefined ? '—' : formatRelative(view.dueAt, now);
    return [view.title, owner, due, { text: `${look.glyph} ${look.word}`, tone: look.tone }];
  });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={tone('muted')} wrap="truncate">
        Notices to the ROSA and GCP teams in {channel}
      </Text>
      <Table
        columns={[
          { header: 'Notice', flex: 3 },
          { header: 'For', width: 16 },
          { header: 'Due', width: 14 },
          { header: 'State', width: 10 },
        ]}
        rows={rows}
        width={width}
        selected={cursor}
      />
    </Box>
  );
}
