import { SEVERITIES } from '../domain/config.js';
import type { HotfixState } from '../domain/fold.js';
import { IDENTIFIER_LIMIT, lengthProblem, TEXT_LIMIT } from '../domain/limits.js';
import { quoteTitles, type StepView } from '../domain/playbook.js';
import { formatUtc } from '../domain/time.js';
import { checkReportedTime } from '../domain/hotfix.js';
import type { FormState } from '../store/app-store.js';
import type { NoticeView } from '../store/view.js';
import { heldFor, type StepClaim } from '../domain/step-claims.js';
import { oneLine } from '../domain/sanitize.js';

/** Every form the app opens: its title, fields and what sending it records. Pure: the keys decide which one, the controller what it does. */
export type FormSpec = Omit<FormState, 'index'>;

/** 'Cut release-0.4' as the footer quotes a step or notice. */
const quoted = (title: string): string => `'${title}'`;

/** The report time as the edit form shows it, and as it compares the typed text to know whether it changed. */
export const reportedText = (hotfix: HotfixState): string => formatUtc(hotfix.reportedAt).replace(' UTC', '');

const choiceHint = (choices: readonly string[]): string => `← → ${choices.join(', ')}`;

/**
 * Why the form cannot be sent as typed, and at which field: a required field left empty, an answer
 * longer than the journal keeps ("Summary is 10,001 characters; the limit is 10,000"), a report
 * time that does not parse. Null when it can be sent. The form stays open with what was typed.
 */
export function formProblem(form: Pick<FormSpec, 'fields'>, now: number): { field: string; text: string } | null {
  for (const field of form.fields) {
    const length = lengthProblem(field.label, field.value, field.limit);
    if (length) return { field: field.key, text: length };
    if (field.required && !field.value.trim())
      return { field: field.key, text: `${field.label} is needed${field.hint ? `: ${field.hint}` : '.'}` };
    if (field.key === 'reported' && field.value.trim()) {
      const checked = checkReportedTime(field.value, now);
      if ('problem' in checked) return { field: field.key, text: `${field.label}: ${checked.problem}` };
    }
  }
  return null;
}

export function hotfixOpenForm(componentNames: readonly string[]): FormSpec {
  return {
    kind: 'hotfix-open',
    title: 'Open a hotfix: its SLA clock starts at the report time',
    effect: 'open the hotfix',
    placement: 'body',
    hotfixKey: null,
    stepId: '',
    fields: [
      { key: 'key', label: 'Tracking key', value: '', hint: 'e.g. HYPERFLEET-123', limit: IDENTIFIER_LIMIT, required: true },
      { key: 'severity', label: 'Severity', value: 'Blocker', hint: choiceHint(SEVERITIES), choices: SEVERITIES, limit: IDENTIFIER_LIMIT },
      {
        key: 'component',
        label: 'Component',
        value: componentNames[0] ?? '',
        hint: choiceHint(componentNames),
        choices: componentNames,
        limit: IDENTIFIER_LIMIT,
      },
      { key: 'affects', label: 'Affected release', value: '', hint: 'e.g. v0.3.1', limit: IDENTIFIER_LIMIT, required: true },
      { key: 'summary', label: 'Summary', value: '', hint: 'what the customer sees', limit: TEXT_LIMIT, required: true },
      {
        key: 'reported',
        label: 'Reported',
        value: '',
        placeholder: 'now',
        hint: 'empty for now, "2h ago" or "2026-11-22 03:10" (UTC)',
        limit: IDENTIFIER_LIMIT,
      },
    ],
  };
}

export function hotfixEditForm(hotfix: HotfixState): FormSpec {
  return {
    kind: 'hotfix-edit',
    title: `${hotfix.key}: a severity change re-bases the deadline; both are recorded`,
    effect: `record the change to ${hotfix.key}`,
    placement: 'body',
    hotfixKey: hotfix.key,
    stepId: '',
    fields: [
      {
        key: 'severity',
        label: 'Severity',
        value: hotfix.severity,
        hint: choiceHint(SEVERITIES),
        choices: SEVERITIES,
        limit: IDENTIFIER_LIMIT,
      },
      { key: 'reported', label: 'Reported', value: reportedText(hotfix), hint: 'UTC, or "2h ago"', limit: IDENTIFIER_LIMIT },
      { key: 'reason', label: 'Reason', value: '', hint: 'why: recorded in the timeline', limit: TEXT_LIMIT },
    ],
  };
}

export function hotfixCloseForm(hotfix: HotfixState, openSteps: number): FormSpec {
  return {
    kind: 'hotfix-close',
    title: `Close ${hotfix.key}`,
    effect: `close ${hotfix.key}`,
    placement: 'footer',
    hotfixKey: hotfix.key,
    stepId: '',
    fields: [
      {
        key: 'note',
        label: 'note',
        value: '',
        hint: openSteps > 0 ? `needed: ${openSteps} step${openSteps === 1 ? ' is' : 's are'} still open; why close anyway` : 'optional',
        limit: TEXT_LIMIT,
        required: openSteps > 0,
      },
    ],
  };
}

/** A notice's free-text fields, as they will be sent; `title` says which notice (or the QE handoff). */
export function noticeForm(
  notice: NoticeView,
  current: Readonly<Record<string, string>>,
  title: string,
  hotfixKey: string | null,
): FormSpec {
  return {
    kind: 'notice',
    title,
    effect: 'keep these fields for the next send (nothing is posted)',
    placement: 'body',
    hotfixKey,
    stepId: notice.key,
    fields: notice.template.fields.map((f) => ({
      key: f.name,
      label: f.label,
      value: current[f.name] ?? '',
      hint: 'escaped when sent: mentions and links stay text',
      limit: TEXT_LIMIT,
    })),
  };
}

/**
 * Space on a task, asked in the footer. Ticking takes an optional note, or a required one when
 * the task still waits for steps it needs; unticking always takes a reason (the journal keeps both).
 */
export function taskForm(view: StepView, hotfixKey: string | null): FormSpec {
  const untick = Boolean(view.record);
  const outOfOrder = !untick && view.waitsFor.length > 0;
  return {
    kind: 'task',
    title: `${untick ? 'Reopen' : 'Done'}: ${view.title}`,
    effect: `${untick ? 'untick' : 'tick'} ${quoted(view.title)}${outOfOrder ? ' out of order' : ''}`,
    placement: 'footer',
    hotfixKey,
    stepId: view.step.id,
    fields: [
      {
        key: 'note',
        label: untick ? 'reason' : outOfOrder ? 'why' : 'note',
        value: '',
        hint: untick
          ? 'why it is not done after all'
          : outOfOrder
            ? `it still waits for ${quoteTitles(view.waitsFor)}; say why it is done anyway`
            : view.step.evidence === 'link'
              ? 'needed: a link to what you looked at (the query, the results)'
              : 'optional: a link, a number, what you saw',
        limit: TEXT_LIMIT,
        required: untick || outOfOrder || view.step.evidence === 'link',
      },
    ],
  };
}

/**
 * A gate signed by several roles asks which one (`roles`: those the viewer may sign now, the
 * first chosen), in the body; a one-role gate asks only for a comment, in the footer.
 */
export function approveForm(view: StepView, hotfixKey: string | null, viewer: string | null, roles: readonly string[] = []): FormSpec {
  const comment = { key: 'comment', label: 'comment', value: '', hint: 'optional; recorded with what you see now', limit: TEXT_LIMIT };
  const signoffs = view.gate?.signoffs ?? [];
  const as = viewer ? ` as @${viewer}` : '';
  if (signoffs.length <= 1) {
    return {
      kind: 'approve',
      title: `Approve: ${view.title}`,
      effect: `approve ${quoted(view.title)}${as}`,
      placement: 'footer',
      hotfixKey,
      stepId: view.step.id,
      fields: [comment],
    };
  }
  const missing = signoffs.filter((s) => s.approval.state !== 'valid').map((s) => s.title);
  return {
    kind: 'approve',
    title: `Sign off: ${view.title} (still to sign: ${missing.join(', ') || 'none'})`,
    effect: `sign ${quoted(view.title)}${as} for the role chosen`,
    placement: 'body',
    hotfixKey,
    stepId: view.step.id,
    fields: [
      {
        key: 'role',
        label: 'Role',
        value: roles[0] ?? '',
        hint: choiceHint(roles),
        choices: roles,
        limit: IDENTIFIER_LIMIT,
        required: true,
      },
      comment,
    ],
  };
}

export function waiveForm(view: StepView, hotfixKey: string | null, failing: readonly string[]): FormSpec {
  return {
    kind: 'waive',
    title: `Waive a layer of: ${view.title}`,
    effect: `waive the layer of ${quoted(view.title)}`,
    placement: 'body',
    hotfixKey,
    stepId: view.step.id,
    fields: [
      {
        key: 'layer',
        label: 'Layer',
        value: failing[0] ?? '',
        hint: `← → ${failing.join(', ')}`,
        choices: failing,
        limit: IDENTIFIER_LIMIT,
        required: true,
      },
      { key: 'tracking', label: 'Tracking issue', value: '', hint: 'e.g. HYPERFLEET-123 or GCP-334', limit: TEXT_LIMIT, required: true },
      { key: 'reason', label: 'Reason', value: '', hint: 'why the gap is known and accepted', limit: TEXT_LIMIT, required: true },
      { key: 'mitigation', label: 'Mitigation', value: '', hint: 'what covers it meanwhile', limit: TEXT_LIMIT, required: true },
    ],
  };
}

/** `c` on a step someone else is on: taking it over asks why, in the footer; the reason is recorded with the claim. */
export function takeoverForm(view: StepView, hotfixKey: string | null, claim: StepClaim, now: number): FormSpec {
  return {
    kind: 'takeover',
    title: `Take over: ${view.title}`,
    effect: `take over ${quoted(view.title)} from @${oneLine(claim.by)}`,
    placement: 'footer',
    hotfixKey,
    stepId: view.step.id,
    fields: [
      {
        key: 'reason',
        label: 'reason',
        value: '',
        hint: `@${oneLine(claim.by)} has been on it for ${heldFor(claim.since, now)}; say why you take it over`,
        limit: TEXT_LIMIT,
        required: true,
      },
    ],
  };
}
