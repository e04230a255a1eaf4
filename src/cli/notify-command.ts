import type { Session } from '../app/session.js';
import { oneLine, safeJson } from '../domain/sanitize.js';
import { isoOrNull } from '../domain/time.js';
import { formatInZone } from '../domain/display-time.js';
import { uiActions } from '../store/app-store.js';
import { refused } from '../domain/outcome.js';
import { sentPhrase } from '../app/notice-actions.js';
import { printOutcome } from './print-outcome.js';
import { selectNotices, shownTimes } from '../store/selectors.js';
import { noticeState, type NoticeView } from '../store/view.js';
import type { CliOptions } from './args.js';
import { EXIT, UsageError } from '../errors.js';

function listText(notices: readonly NoticeView[], errors: Readonly<Record<string, string>>): string {
  const rows = notices.map((n) => {
    const due = isoOrNull(n.view.dueAt)?.slice(0, 16).replace('T', ' ') ?? '—';
    const permalink = n.record?.sent?.permalink ? `  ${n.record.sent.permalink}` : '';
    const error = errors[n.key] ? `  (${oneLine(errors[n.key]!)})` : '';
    return `${n.key.padEnd(34)} ${due.padEnd(17)} ${noticeState(n, errors[n.key]).padEnd(13)} ${oneLine(n.view.title)}${permalink}${error}`;
  });
  return `${['KEY'.padEnd(34), 'DUE (UTC)'.padEnd(17), 'STATE'.padEnd(13), 'NOTICE'].join(' ')}\n${rows.join('\n')}\n`;
}

function listJson(notices: readonly NoticeView[], errors: Readonly<Record<string, string>>): string {
  const rows = notices.map((n) => ({
    key: n.key,
    kind: n.template.kind,
    title: n.view.title,
    for: n.owner,
    contract: n.template.contract,
    step: n.view.step.id,
    due: isoOrNull(n.view.dueAt),
    state: noticeState(n, errors[n.key]),
    sentAt: isoOrNull(n.record?.sent?.at),
    sentBy: n.record?.sent?.by ?? null,
    permalink: n.record?.sent?.permalink ?? null,
    error: errors[n.key] ?? null,
  }));
  return `${safeJson(rows)}\n`;
}

/** The notice a command line names: by key, or by kind for the release (or the hotfix given with --for). */
function pick(notices: readonly NoticeView[], options: CliOptions): NoticeView {
  const wanted = options.notice!;
  const byKey = notices.find((n) => n.key === wanted);
  if (byKey) return byKey;
  const candidates = notices.filter((n) => n.template.kind === wanted && (!options.forKey || n.owner === options.forKey));
  const kinds = [...new Set(notices.map((n) => n.template.kind))].join(', ');
  if (candidates.length === 0)
    throw new UsageError(`no notice "${wanted}"${options.forKey ? ` for ${options.forKey}` : ''}; notices are ${kinds}`);
  const release = candidates.find((n) => n.subject.kind === 'release');
  if (release && !options.forKey) return release;
  if (candidates.length > 1)
    throw new UsageError(`"${wanted}" is due for ${candidates.map((n) => n.owner).join(' and ')}: name one with --for`);
  return candidates[0]!;
}

/** `notify --list` and `notify KIND`: list, preview (dry run), or send exactly once. */
export async function runNotifyCommand(session: Session, options: CliOptions): Promise<number> {
  const { controller, store } = session;
  if (controller.notices.live && !options.dryRun) await controller.notices.reconcile();
  const notices = selectNotices(store.getState());
  if (options.list) {
    const { noticeErrors } = store.getState();
    process.stdout.write(options.json ? listJson(notices, noticeErrors) : listText(notices, noticeErrors));
    return EXIT.ok;
  }
  const notice = pick(notices, options);
  const unknown = Object.keys(options.fields).filter((name) => !notice.template.fields.some((f) => f.name === name));
  if (unknown.length > 0) {
    const names = notice.template.fields.map((f) => f.name).join(', ') || 'none';
    throw new UsageError(`notice ${notice.template.kind} has no field ${unknown.join(', ')}; its fields: ${names}`);
  }
  if (Object.keys(options.fields).length > 0) uiActions.editNotice(store, notice.key, options.fields);
  const { payload } = controller.notices.content(notice);

  if (options.dryRun || !controller.notices.live) {
    const why = options.dryRun ? '--dry-run' : 'SLACK_BOT_TOKEN is not set';
    process.stderr.write(`hyperfleet-tui: dry run (${why}): this is the exact chat.postMessage payload; nothing was posted or recorded\n`);
    process.stdout.write(`${safeJson(payload)}\n`);
    return EXIT.ok;
  }
  // --edit agrees to edit the message this run sees as sent: one sent meanwhile by another run is not edited.
  const editing = options.edit ? notice.record?.sent?.ts : undefined;
  const onWait = (holder: string) => process.stderr.write(`hyperfleet-tui: ${oneLine(holder)}…\n`);
  const result = await controller.notices.send(notice.key, { onWait, ...(editing ? { editing } : {}) });
  const { zone, now } = shownTimes(store.getState());
  if (result.alreadySent) {
    const edit = 'To edit that message in place, run again with --edit';
    return printOutcome(refused(`${notice.key} was ${sentPhrase(result.alreadySent, zone, now)}; nothing was changed. ${edit}`));
  }
  if (result.kind !== 'done' || !result.delivery) return printOutcome(result);
  const { delivery } = result;
  const verb =
    delivery.outcome === 'sent-elsewhere'
      ? `was sent by another run (@${delivery.sent.by}, ${formatInZone(delivery.sent.at, zone, now)}) while this one waited; not posted twice`
      : { posted: 'posted', found: 'was already in the channel; marked sent', updated: 'edited in place' }[delivery.outcome];
  process.stdout.write(`${notice.key} ${verb} (ts ${delivery.ts})${delivery.permalink ? ` ${delivery.permalink}` : ''}\n`);
  return EXIT.ok;
}
