import { allSteps, SEVERITIES } from '../domain/config.js';
import { hotfixStream, type EventBody } from '../domain/events.js';
import type { HotfixState } from '../domain/fold.js';
import { handoffMarkdown } from '../domain/handoff.js';
import {
  checkReportedTime,
  hotfixDeadline,
  hotfixKind,
  openedText,
  parseHotfixInput,
  parseSeverity,
  type HotfixInput,
} from '../domain/hotfix.js';
import { hotfixTimeline, type HotfixTimeline } from '../domain/timeline.js';
import { formatInZone } from '../domain/display-time.js';
import type { AppStore } from '../store/app-store.js';
import { done, failed, recorded, refused, type Outcome } from '../domain/outcome.js';
import { selectNotices, selectOpenHotfixes, shownZone } from '../store/selectors.js';
import { flatSteps, hotfixLive, hotfixPhases } from '../store/view.js';
import type { NoticeActions } from './notice-actions.js';
import { capitalise } from '../domain/sanitize.js';

export interface HotfixActionsDeps {
  readonly store: AppStore;
  /** Appends one event as the signed-in login: null once recorded, else why not. */
  readonly record: (stream: string, body: EventBody) => Promise<Outcome | null>;
  readonly notices: NoticeActions;
  readonly clock: () => number;
  /** Writes an export (the QE handoff) next to the journal; returns where it went. */
  readonly writeExport: (name: string, text: string) => Promise<string>;
}

/** Opening, re-grading, correcting and closing hotfixes; the QE handoff and the timeline. */
export class HotfixActions {
  constructor(private readonly deps: HotfixActionsDeps) {}

  private get state() {
    return this.deps.store.getState();
  }

  /** An instant as this person reads it, in what an action answers. */
  private shown = (at: number): string => formatInZone(at, shownZone(this.state), this.deps.clock());

  /** Any hotfix of the journal by key (open or closed), case-insensitively. */
  find(key: string): HotfixState | undefined {
    const wanted = key.trim().toUpperCase();
    return this.state.hotfixes.find((h) => h.key.toUpperCase() === wanted);
  }

  /** Opens a hotfix; its SLA clock starts at the report time. A refusal names the first field at fault. */
  async open(input: HotfixInput): Promise<Outcome> {
    const parsed = parseHotfixInput(input, this.state.config, this.deps.clock());
    if (!parsed.ok) return refused(`Cannot open the hotfix: ${parsed.problems.join('; ')}.`, parsed.fields[0]);
    const existing = this.find(parsed.facts.key);
    if (existing) {
      const how = existing.closedAt === null ? 'is already open' : `was closed ${this.shown(existing.closedAt)}`;
      return refused(`${parsed.facts.key} ${how}; use another tracking key.`, 'key');
    }
    const problem = await this.deps.record(hotfixStream(parsed.facts.key), { type: 'hotfix-opened', ...parsed.facts });
    const deadline = hotfixDeadline(parsed.facts, this.state.config);
    return recorded(problem, openedText(parsed.facts, this.shown(deadline), this.state.config.hotfix));
  }

  private openOne(key: string): HotfixState | Outcome {
    const hotfix = this.find(key);
    if (!hotfix) return refused(`No hotfix ${key} in the journal.`);
    if (hotfix.closedAt !== null) return refused(`${hotfix.key} is closed.`);
    return hotfix;
  }

  /** A severity change is recorded with its reason and re-bases the deadline on the report time. */
  async changeSeverity(key: string, severityText: string, reason: string): Promise<Outcome> {
    const hotfix = this.openOne(key);
    if ('kind' in hotfix) return hotfix;
    const severity = parseSeverity(severityText);
    if (!severity) return refused(`Severity should be one of ${SEVERITIES.join(', ')}.`, 'severity');
    if (severity === hotfix.severity) return refused(`${hotfix.key} is already ${severity}.`, 'severity');
    const body = { type: 'hotfix-severity-changed', severity, ...(reason.trim() ? { reason: reason.trim() } : {}) } as const;
    const problem = await this.deps.record(hotfixStream(hotfix.key), body);
    const deadline = hotfixDeadline({ ...hotfix, severity }, this.state.config);
    return recorded(problem, `${hotfix.key} is ${severity} now: patch due ${this.shown(deadline)}`);
  }

  /** Corrects when the issue was reported: the clock starts there. Recorded with its reason. */
  async correctReported(key: string, reportedText: string, reason: string): Promise<Outcome> {
    const hotfix = this.openOne(key);
    if ('kind' in hotfix) return hotfix;
    const checked = checkReportedTime(reportedText, this.deps.clock());
    if ('problem' in checked) return refused(`${capitalise(checked.problem)}.`, 'reported');
    const reportedAt = checked.at;
    if (reportedAt === hotfix.reportedAt) return refused(`${hotfix.key} was already reported at ${this.shown(reportedAt)}.`, 'reported');
    const body = { type: 'hotfix-reported-changed', reportedAt, ...(reason.trim() ? { reason: reason.trim() } : {}) } as const;
    return recorded(await this.deps.record(hotfixStream(hotfix.key), body), `${hotfix.key}: reported ${this.shown(reportedAt)}`);
  }

  /** Steps of an open hotfix not done yet, by the titles its runbook shows. */
  openSteps(hotfix: HotfixState): string[] {
    const view = selectOpenHotfixes(this.state).find((h) => h.hotfix.key === hotfix.key);
    return view
      ? flatSteps(view.phases)
          .filter((s) => s.state !== 'done')
          .map((s) => `"${s.title}"`)
      : [];
  }

  /** Closes a hotfix when every step is done; with steps open, only with a note saying why. */
  async close(key: string, note: string): Promise<Outcome> {
    const hotfix = this.openOne(key);
    if ('kind' in hotfix) return hotfix;
    const open = this.openSteps(hotfix);
    if (open.length > 0 && !note.trim()) {
      const listed = `${open.slice(0, 3).join(', ')}${open.length > 3 ? ', …' : ''}`;
      return refused(`${hotfix.key} has ${open.length} open step(s) (${listed}); give a note to close it anyway.`, 'note');
    }
    const body = { type: 'hotfix-closed', ...(note.trim() ? { note: note.trim() } : {}) } as const;
    return recorded(await this.deps.record(hotfixStream(hotfix.key), body), `Closed ${hotfix.key}.`);
  }

  /** The QE handoff package in Markdown, from the journal, live data and the qe-handoff notice's fields. */
  handoff(key: string): string | null {
    const hotfix = this.find(key);
    if (!hotfix) return null;
    const state = this.state;
    const live = hotfixLive(state.config, hotfix, state.snapshot);
    const notice = selectNotices(state).find((n) => n.owner === hotfix.key && n.template.kind === 'qe-handoff');
    const guard = allSteps(state.config.playbooks.hotfix).find((s) => s.scopeGuard);
    const attestation = guard ? hotfix.steps[guard.id] : undefined;
    return handoffMarkdown({
      hotfix,
      deadline: hotfixDeadline(hotfix, state.config),
      ...live,
      fields: notice ? this.deps.notices.fieldsOf(notice) : {},
      ...(attestation ? { attestation } : {}),
      generatedAt: this.deps.clock(),
    });
  }

  /** Saves the handoff next to the journal; done says where. */
  async saveHandoff(key: string): Promise<Outcome> {
    const markdown = this.handoff(key);
    if (markdown === null) return refused(`No hotfix ${key} in the journal.`);
    try {
      return done(`Saved the QE handoff to ${await this.deps.writeExport(`handoff-${this.find(key)!.key}.md`, markdown)}`);
    } catch (error) {
      return failed(`Could not save the handoff: ${(error as Error).message}`);
    }
  }

  /** Every event of a hotfix with elapsed times, and each deadline's outcome; open or closed. */
  timeline(key: string): HotfixTimeline | null {
    const hotfix = this.find(key);
    if (!hotfix) return null;
    const state = this.state;
    const stream = hotfixStream(hotfix.key);
    const live = hotfixLive(state.config, hotfix, state.snapshot);
    return hotfixTimeline({
      hotfix,
      events: state.log.filter((l) => l.stream === stream).map((l) => l.event),
      phases: hotfixPhases(state.config, hotfix, state.snapshot, state.now, live),
      ...live,
      deadline: hotfixDeadline(hotfix, state.config),
      sla: state.config.hotfix.sla[hotfix.severity],
      kind: hotfixKind(hotfix.severity, state.config.hotfix),
      now: state.now,
    });
  }
}
