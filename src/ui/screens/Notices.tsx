import { Box, Text } from 'ink';
import { previewLines } from '../../domain/notices.js';
import { oneLine } from '../../domain/sanitize.js';
import { formatRelative } from '../../domain/time.js';
import { formatInZone } from '../../domain/display-time.js';
import { shownZone } from '../../store/selectors.js';
import { noticeState, type NoticeView } from '../../store/view.js';
import { Table, type Cell } from '../components/Table.js';
import { listWindow } from '../components/window.js';
import { useAppState, useController } from '../hooks/store-context.js';
import { useNow, useNotices } from '../hooks/use-views.js';
import { NOTICE_LOOK, useTone } from '../theme.js';
import { quoteTitles } from '../../domain/playbook.js';
import { CutToHeight } from '../components/CutToHeight.js';

/** The selected notice: exactly what would be posted, as Slack shows it (Enter: all of it; p: the exact payload). */
function Preview({ notice, width, height }: { notice: NoticeView | undefined; width: number; height: number }) {
  const tone = useTone();
  const controller = useController();
  const error = useAppState((s) => (notice ? s.noticeErrors[notice.key] : undefined));
  useAppState((s) => s.noticeEdits); // re-render when a field is edited
  const zone = useAppState(shownZone);
  const now = useNow();
  if (!notice || height <= 0) return null;
  const { rendered } = controller.notices.content(notice);
  const body = previewLines(rendered);
  const sent = notice.record?.sent;
  const status = sent
    ? `sent ${formatInZone(sent.at, zone, now)} by @${sent.by}${sent.permalink ? ` · ${sent.permalink}` : ''}`
    : notice.view.state === 'done'
      ? `closed by hand${notice.view.record?.note ? `: ${oneLine(notice.view.record.note)}` : ''}`
      : notice.view.waitsFor.length > 0
        ? `waits for ${quoteTitles(notice.view.waitsFor)}`
        : 'not sent';
  const room = Math.max(0, height - 2 - (error ? 1 : 0));
  return (
    <CutToHeight width={width} height={height}>
      <Text bold wrap="truncate">
        Preview · {notice.key} · {status} · to {notice.template.channel}
      </Text>
      {error ? (
        <Text color={tone('bad')} wrap="truncate">
          ✗ {error}
        </Text>
      ) : null}
      <Box
        flexDirection="column"
        borderStyle="single"
        borderLeft
        borderRight={false}
        borderTop={false}
        borderBottom={false}
        paddingLeft={1}
      >
        {body.slice(0, room).map((line, i) => (
          <Text key={i} wrap="truncate">
            {line || ' '}
          </Text>
        ))}
        {body.length > room && room > 0 ? (
          <Text color={tone('muted')}>↓ {body.length - room} more lines: Enter shows it all, p the exact payload</Text>
        ) : null}
      </Box>
    </CutToHeight>
  );
}

/** Every notice of the release and open hotfixes: deadline, state, and a preview of the selected one. */
export function Notices({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const notices = useNotices();
  const cursor = useAppState((s) => s.cursor.notices);
  // Each notice posts to its own channel, else slack.channel: the header names them all, the default first.
  const channels = useAppState((s) => [...new Set([s.config.slack.channel, ...s.config.slack.notices.map((n) => n.channel)])].join(', '));
  const live = useAppState((s) => s.slackLive);
  const errors = useAppState((s) => s.noticeErrors);
  const now = useNow();
  const listHeight = Math.min(notices.length + 1, Math.max(3, Math.floor((height - 2) / 2)));
  const { start, end, more } = listWindow(notices.length, cursor, listHeight - 1);
  const rows = notices.slice(start, end).map((notice): Cell[] => {
    const look = NOTICE_LOOK[noticeState(notice, errors[notice.key])];
    const due = notice.view.dueAt === undefined ? '—' : formatRelative(notice.view.dueAt, now);
    const mark = notice.template.contract ? '★ ' : '  ';
    return [`${mark}${notice.view.title}`, notice.owner, due, { text: `${look.glyph} ${look.word}`, tone: look.tone }];
  });
  const selected = notices[cursor];
  return (
    <CutToHeight width={width} height={height}>
      <Text color={tone(live ? 'muted' : 'warn')} wrap="truncate">
        {live ? `To ROSA and GCP in ${channels} · ★ contract notice` : `DRY RUN: SLACK_BOT_TOKEN is not set; previews and payloads only`}
      </Text>
      <Box height={listHeight} flexDirection="column">
        <Table
          columns={[
            { header: 'Notice', flex: 3 },
            { header: 'For', width: 15 },
            { header: 'Due', width: 12 },
            { header: 'State', width: 14 },
          ]}
          rows={rows}
          width={width}
          selected={cursor - start}
        />
        {more ? <Text color={tone('muted')}>{more}</Text> : null}
      </Box>
      <Preview notice={selected} width={width} height={height - listHeight - 1} />
    </CutToHeight>
  );
}
