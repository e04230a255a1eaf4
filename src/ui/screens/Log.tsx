import { Text } from 'ink';
import { useMemo } from 'react';
import { streamStepTitles } from '../../store/view.js';
import { describeEvent } from '../../domain/timeline.js';
import { oneLine } from '../../domain/sanitize.js';
import { Table, type Cell } from '../components/Table.js';
import { listWindow } from '../components/window.js';
import { useAppState } from '../hooks/store-context.js';
import { useTone } from '../theme.js';
import { CutToHeight } from '../components/CutToHeight.js';
import { formatStamp, zoneTitle } from '../../domain/display-time.js';
import { shownZone } from '../../store/selectors.js';

/** A stream's step titles as its checklist shows them: the release's, or the hotfix's (its affected release). */
function useStepTitles(): (stream: string) => (id: string) => string {
  const config = useAppState((s) => s.config);
  const release = useAppState((s) => s.release);
  const hotfixes = useAppState((s) => s.hotfixes);
  return useMemo(() => streamStepTitles(config, release, hotfixes), [config, release, hotfixes]);
}

/** The journal, newest first, with any lines that could not be read. */
export function Log({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const log = useAppState((s) => s.log);
  const warnings = useAppState((s) => s.journalWarnings);
  const place = useAppState((s) => s.journalPlace);
  const cursor = useAppState((s) => s.cursor.log);
  const zone = useAppState(shownZone);
  const now = useAppState((s) => s.now);
  const titlesOf = useStepTitles();
  const byId = useMemo(() => new Map(log.map((l) => [l.event.id, l.event])), [log]);
  const shownWarnings = warnings.slice(0, 3);
  const tableHeight = Math.max(1, height - 2 - shownWarnings.length);
  const { start, end, more } = listWindow(log.length, cursor, tableHeight);
  const rows = log
    .slice(start, end)
    .map(({ stream, event }): Cell[] => [
      formatStamp(event.at, zone),
      stream.replace(/^(release|hotfix)-/, ''),
      oneLine(event.actor),
      oneLine(describeEvent(event, titlesOf(stream), (id) => byId.get(id))),
    ]);
  return (
    <CutToHeight width={width} height={height}>
      {/* The counts first: a narrow terminal cuts the journal's path, not them. */}
      <Text color={tone('muted')} wrap="truncate">
        {log.length} events, times in {zoneTitle(zone, now)} · journal: {place}
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
          { header: 'What', flex: 1 },
        ]}
        rows={rows}
        width={width}
        selected={cursor - start}
      />
      {more ? <Text color={tone('muted')}>{more}</Text> : null}
    </CutToHeight>
  );
}
