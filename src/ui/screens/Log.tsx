import { Box, Text } from 'ink';
import type { JournalEvent } from '../../domain/events.js';
import { oneLine } from '../../domain/sanitize.js';
import { Table, type Cell } from '../components/Table.js';
import { visibleWindow } from '../components/window.js';
import { useAppState } from '../hooks/store-context.js';
import { useTone } from '../theme.js';

function detailOf(event: JournalEvent): string {
  switch (event.type) {
    case 'release-planned':
      return event.release;
    case 'step-completed':
    case 'step-reopened':
      return event.note ? `${event.step} — ${event.note}` : event.step;
    case 'gate-approved':
      return event.comment ? `${event.step} — ${event.comment}` : event.step;
    case 'gate-waived':
      return `${event.step}: ${event.layer} waived (${event.tracking}) — ${event.reason}; mitigation: ${event.mitigation}`;
    case 'notice-intended':
      return `${event.step}: about to post ${event.key}`;
    case 'notice-sent':
      return [event.step, event.reconciled ? 'found in the channel after a restart' : '', event.permalink ?? '']
        .filter(Boolean)
        .join(' — ');
    case 'notice-updated':
      return `${event.step}: edited in Slack`;
    case 'hotfix-opened':
      return `${event.severity} ${event.component} ${event.affects}: ${event.summary}`;
    case 'hotfix-severity-changed':
      return event.severity;
    case 'hotfix-closed':
      return event.note ?? '';
  }
}

const stamp = (at: number): string => new Date(at).toISOString().slice(5, 16).replace('T', ' ');

/** The journal, newest first, with any lines that could not be read. */
export function Log({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const log = useAppState((s) => s.log);
  const warnings = useAppState((s) => s.journalWarnings);
  const place = useAppState((s) => s.journalPlace);
  const cursor = useAppState((s) => s.cursor.log);
  const shownWarnings = warnings.slice(0, 3);
  const tableHeight = Math.max(1, height - 2 - shownWarnings.length);
  const { start, end } = visibleWindow(log.length, cursor, tableHeight);
  const rows = log
    .slice(start, end)
    .map(({ stream, event }): Cell[] => [
      stamp(event.at),
      stream.replace(/^(release|hotfix)-/, ''),
      oneLine(event.actor),
      event.type,
      oneLine(detailOf(event)),
    ]);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text color={tone('muted')} wrap="truncate">
        Journal: {place} · {log.length} events (times in UTC)
      </Text>
      {shownWarnings.map((w, i) => (
        <Text key={i} color={tone('warn')} wrap="truncate">
          ⚠ {oneLine(w.message)}
        </Text>
      ))}
      <Table
        columns={[
          { header: 'When', width: 11 },
          { header: 'Stream', width: 14 },
          { header: 'Who', width: 14 },
          { header: 'Event', width: 15 },
          { header: 'Detail', flex: 1 },
        ]}
        rows={rows}
        width={width}
        selected={cursor - start}
      />
    </Box>
  );
}
