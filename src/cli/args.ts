import { parseArgs } from 'node:util';
import { parseAffectedRelease, type HotfixInput } from '../domain/hotfix.js';
import { UsageError } from '../errors.js';
import { checkFlagLengths } from './input-limits.js';
import { tzFlag } from './display-zone.js';
import type { DisplayZone } from '../domain/display-time.js';

export const COMMANDS = ['tui', 'summary', 'status', 'gate', 'approve', 'waive', 'report', 'plan', 'notify', 'hotfix'] as const;
export const HOTFIX_ACTIONS = ['list', 'open', 'severity', 'reported', 'close', 'timeline', 'handoff'] as const;
export type HotfixAction = (typeof HOTFIX_ACTIONS)[number];

/** `hotfix ACTION [KEY] [VALUE]` and its options. */
export interface HotfixOptions {
  readonly action: HotfixAction;
  readonly key?: string;
  /** `severity`: the new severity; `reported`: the report time. */
  readonly value?: string;
  readonly open?: HotfixInput;
  readonly reason?: string;
  readonly note?: string;
  readonly out?: string;
}
export type CommandName = (typeof COMMANDS)[number];

export interface CliOptions {
  readonly command: CommandName;
  readonly help: boolean;
  readonly version: boolean;
  readonly demo: boolean;
  readonly readOnly?: boolean;
  readonly config?: string;
  readonly release?: string;
  readonly tz?: DisplayZone;
  readonly json: boolean;
  readonly format: 'text' | 'md' | 'json';
  /** The step of `gate` (optional), `approve` and `waive`. */
  readonly step?: string;
  readonly comment?: string;
  /** `approve`: the role to sign a gate signed by several roles as (needed when the login holds more than one unsigned). */
  readonly role?: string;
  /** `plan`: the GA day, YYYY-MM-DD. */
  readonly ga?: string;
  readonly waiver?: { readonly layer: string; readonly tracking: string; readonly reason: string; readonly mitigation: string };
  /** `notify`: the notice kind (or key), --list, --dry-run, --edit, --for a hotfix, --set field=value. */
  readonly notice?: string;
  readonly list: boolean;
  readonly dryRun: boolean;
  /** `notify`: a notice already sent may be edited in place; without it, a sent notice is left as it is. */
  readonly edit: boolean;
  readonly forKey?: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly hotfix?: HotfixOptions;
}

/** What --help says after the commands (generated from the registry, commands/index.ts). */
export const HELP_AFTER_COMMANDS = `Options
  --demo            run on the built-in demo world (no token, no network)
  --read-only       observe: every recording key and command is refused; others' events still arrive
  --config PATH     hyperfleet.yaml to use (default: $HYPERFLEET_CONFIG, else the bundled config)
  --release VER     the release to show, e.g. v0.4.0 (default: the newest in the journal)
  --tz ZONE         show times in this IANA zone, e.g. Europe/Berlin (default: display.timeZone in
                    the config, else $TZ, else UTC); Z switches the app to UTC; JSON is always UTC
  --json            machine-readable output (status, gate, checklist, notify --list, hotfix list)
  --format FMT      md or json (report, hotfix timeline)
  --dry-run         notify: print the payload, post nothing, record nothing
  --edit            notify: edit the message of a notice already sent, in place
  -h, --help        show this help
  -V, --version     show the version

Environment
  GITHUB_TOKEN / GH_TOKEN   GitHub token (else \`gh auth token\`); identity for approvals
  HYPERFLEET_CONFIG         path of hyperfleet.yaml
  TZ                        the zone times are shown in, after --tz and display.timeZone
  HYPERFLEET_STATE_DIR      where the journal lives (default: $XDG_STATE_HOME/hyperfleet-tui)
  HYPERFLEET_GITHUB_API     GitHub API base URL (GitHub Enterprise: https://HOST/api)
  HYPERFLEET_PROW_URL       Prow's URL (default: prow.url in the config)
  HYPERFLEET_REGISTRY_URL   one registry (a mirror) to ask for every image and chart
  SLACK_BOT_TOKEN           Slack bot token (xoxb-…) for notices; without it notices run dry
  HYPERFLEET_SLACK_API      Slack API base URL (default: Slack's)
  HYPERFLEET_LEDGER         the shared ledger as REPO@BRANCH, over the config's ledger:
  NO_COLOR                  turn colour off
  FORCE_HYPERLINK           1 or 0: run links as terminal hyperlinks or plain URLs
  HYPERFLEET_DEBUG          print the stack of an internal error
  XDG_CACHE_HOME            where a validated configuration is remembered (…/hyperfleet-tui)
  DISPLAY / WAYLAND_DISPLAY o opens a link in the browser on it; without one, the link is shown

Exit codes
  0 ok · 1 a check or gate failed · 2 usage or config error · 3 a backend unreachable · 4 internal error`;

/** Parses argv (without node and script). Throws UsageError with a one-line reason. */
export function parseCli(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
        demo: { type: 'boolean' },
        'read-only': { type: 'boolean' },
        config: { type: 'string' },
        release: { type: 'string' },
        tz: { type: 'string' },
        json: { type: 'boolean' },
        comment: { type: 'string' },
        role: { type: 'string' },
        format: { type: 'string' },
        ga: { type: 'string' },
        layer: { type: 'string' },
        tracking: { type: 'string' },
        reason: { type: 'string' },
        mitigation: { type: 'string' },
        list: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        edit: { type: 'boolean' },
        for: { type: 'string' },
        set: { type: 'string', multiple: true },
        key: { type: 'string' },
        severity: { type: 'string' },
        component: { type: 'string' },
        affects: { type: 'string' },
        summary: { type: 'string' },
        reported: { type: 'string' },
        note: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(`${message} (see --help)`);
  }
  checkFlagLengths(parsed.values);
  const [command = 'tui', ...extra] = parsed.positionals;
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command "${command}" (see --help)`);
  const hotfix = hotfixOptions(command, extra, parsed.values);
  const takesStep = command === 'gate' || command === 'approve' || command === 'waive' || command === 'notify';
  const [step, ...rest] = takesStep ? extra : [undefined, ...(command === 'hotfix' ? [] : extra)];
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" (see --help)`);
  if ((command === 'approve' || command === 'waive') && !step)
    throw new UsageError(`${command} needs the gate step, e.g. \`${command} release-gate\``);
  const {
    help = false,
    version = false,
    demo = false,
    json = false,
    config,
    release,
    comment,
    role,
    layer,
    tracking,
    reason,
    mitigation,
    format = command === 'report' ? 'md' : 'text',
    ga,
  } = parsed.values;
  if (command === 'plan' && (!release || !ga)) throw new UsageError('plan needs --release vX.Y.Z and --ga YYYY-MM-DD');
  if (ga !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(ga) || Number.isNaN(Date.parse(`${ga}T00:00:00Z`)))) {
    throw new UsageError(`--ga expects a date like 2026-12-11, got "${ga}"`);
  }
  if (!['text', 'md', 'json'].includes(format)) throw new UsageError(`--format expects md or json, got "${format}"`);
  if (parsed.values.format !== undefined && command !== 'report' && hotfix?.action !== 'timeline')
    throw new UsageError('--format goes with the report and hotfix timeline commands');
  if (role !== undefined && command !== 'approve') throw new UsageError('--role goes with the approve command');
  let waiver: CliOptions['waiver'];
  if (command === 'waive') {
    const fields = { layer, tracking, reason, mitigation };
    const missing = Object.entries(fields)
      .filter(([, v]) => !v?.trim())
      .map(([k]) => `--${k}`);
    if (missing.length > 0)
      throw new UsageError(`waive needs ${missing.join(', ')} (a waiver records the tracking issue, the reason and the mitigation)`);
    waiver = fields as NonNullable<CliOptions['waiver']>;
  }
  if (release !== undefined && !/^v\d+\.\d+\.\d+$/.test(release))
    throw new UsageError(`--release expects a version like v0.4.0, got "${release}"`);
  if (json && command !== 'status' && command !== 'gate' && command !== 'notify' && hotfix?.action !== 'list')
    throw new UsageError(`--json goes with the status, gate, notify and hotfix list commands`);
  const notify = notifyOptions(command, step, parsed.values);
  const tz = tzFlag(parsed.values.tz);
  return {
    command: command as CommandName,
    help,
    version,
    demo,
    ...(parsed.values['read-only'] === true ? { readOnly: true } : {}),
    json,
    format: format as CliOptions['format'],
    ...(config ? { config } : {}),
    ...(release ? { release } : {}),
    ...(tz ? { tz } : {}),
    ...(step && command !== 'notify' ? { step } : {}),
    ...notify,
    ...(ga ? { ga } : {}),
    ...(comment ? { comment } : {}),
    ...(role ? { role } : {}),
    ...(waiver ? { waiver } : {}),
    ...(hotfix ? { hotfix } : {}),
  };
}

type HotfixValues = {
  key?: string;
  severity?: string;
  component?: string;
  affects?: string;
  summary?: string;
  reported?: string;
  reason?: string;
  note?: string;
  out?: string;
};

/** `hotfix ACTION …`: which arguments each action takes; the rest is checked when it runs. */
function hotfixOptions(command: string, args: readonly string[], values: HotfixValues): HotfixOptions | undefined {
  const { key, severity, component, affects, summary, reported, reason, note, out } = values;
  const openFlags = { key, severity, component, affects, summary, reported };
  const given = (flags: Record<string, string | undefined>) => Object.entries(flags).find(([, v]) => v !== undefined);
  if (command !== 'hotfix') {
    const stray = given({ ...openFlags, note, out });
    if (stray) throw new UsageError(`--${stray[0]} goes with the hotfix command`);
    return undefined;
  }
  const [action, ...rest] = args;
  if (!action || !(HOTFIX_ACTIONS as readonly string[]).includes(action))
    throw new UsageError(`hotfix needs an action: ${HOTFIX_ACTIONS.join(', ')} (see --help)`);
  const positionals: Record<HotfixAction, number> = { list: 0, open: 0, severity: 2, reported: 2, close: 1, timeline: 1, handoff: 1 };
  const wanted = positionals[action as HotfixAction];
  if (rest.length !== wanted) {
    const shape = { 0: '', 1: ' KEY', 2: action === 'severity' ? ' KEY SEVERITY' : ' KEY TIME' }[wanted];
    throw new UsageError(
      `hotfix ${action} takes${shape || ' no arguments'}${rest.length > wanted ? `; unexpected "${rest[wanted]}"` : ''}`,
    );
  }
  if (action === 'open') {
    const fields = { key, severity, component, affects, summary };
    const missing = Object.entries(fields)
      .filter(([, v]) => !v?.trim())
      .map(([k]) => `--${k}`);
    if (missing.length > 0) throw new UsageError(`hotfix open needs ${missing.join(', ')}`);
    if (!parseAffectedRelease(affects!))
      throw new UsageError(`--affects expects the released version with the bug, like v0.3.1, got "${affects}"`);
    return { action, open: { ...(fields as Record<keyof typeof fields, string>), reported: reported ?? 'now' } };
  }
  if (given(openFlags)) throw new UsageError(`--key, --severity, --component, --affects, --summary and --reported go with hotfix open`);
  if (note !== undefined && action !== 'close') throw new UsageError('--note goes with hotfix close');
  if (out !== undefined && action !== 'handoff') throw new UsageError('--out goes with hotfix handoff');
  if (reason !== undefined && action !== 'severity' && action !== 'reported')
    throw new UsageError('--reason goes with hotfix severity and reported');
  return {
    action: action as HotfixAction,
    ...(rest[0] ? { key: rest[0] } : {}),
    ...(rest[1] ? { value: rest[1] } : {}),
    ...(reason ? { reason } : {}),
    ...(note ? { note } : {}),
    ...(out ? { out } : {}),
  };
}

function notifyOptions(
  command: string,
  notice: string | undefined,
  values: { list?: boolean; 'dry-run'?: boolean; edit?: boolean; for?: string; set?: string[] },
): Pick<CliOptions, 'list' | 'dryRun' | 'edit' | 'fields' | 'notice' | 'forKey'> {
  const { list = false, 'dry-run': dryRun = false, edit = false, for: forKey, set = [] } = values;
  if (command !== 'notify') {
    const gateCommand = command === 'gate' || command === 'approve' || command === 'waive';
    const stray = list
      ? '--list'
      : dryRun
        ? '--dry-run'
        : edit
          ? '--edit'
          : forKey !== undefined && !gateCommand
            ? '--for'
            : set.length
              ? '--set'
              : null;
    if (stray) throw new UsageError(`${stray} goes with the notify command${stray === '--for' ? ' (and gate, approve, waive)' : ''}`);
    return { list, dryRun, edit, fields: {}, ...(forKey ? { forKey } : {}) };
  }
  if (!list && !notice) throw new UsageError('notify needs a notice kind (e.g. `notify rc-available`), or --list');
  if (list && notice) throw new UsageError('notify --list takes no notice kind');
  if (list && edit) throw new UsageError('notify --list takes no --edit: name the notice to edit, e.g. `notify rc-available --edit`');
  const fields: Record<string, string> = {};
  for (const pair of set) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--set expects FIELD=TEXT, got "${pair}"`);
    fields[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { list, dryRun, edit, fields, ...(notice ? { notice } : {}), ...(forKey ? { forKey } : {}) };
}
