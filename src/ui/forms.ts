import { SEVERITIES } from '../domain/config.js';
import type { HotfixState } from '../domain/fold.js';
import { IDENTIFIER_LIMIT, lengthProblem, TEXT_LIMIT } from '../domain/limits.js';
import { quoteTitles, type StepView } from '../domain/playbook.js';
import { formatUtc } from '../domain/time.js';
import type { FormState } from '../store/app-store.js';
import type { NoticeView } from '../store/view.js';

/** Every form the app opens: its title and fields. Pure: the keyboard hook decides which one, the controller what it does. */
export type FormSpec = Omit<FormState, 'index'>;

/** The report time as the edit form shows it, and as it compares the typed text to know whether it changed. */
export const reportedText = (hotfix: HotfixState): string => formatUtc(hotfix.reportedAt).replace(' UTC', '');

const choiceHint = (choices: readonly string[]): string => `← → ${choices.join(', ')}`;

/** `Summary is 10,001 characters; the limit is 10,000` for the first field longer than the journal keeps, else null. */
export function formProblem(form: Pick<FormSpec, 'fields'>): string | null {
  for (const field of form.fields) {
    const problem = lengthProblem(field.label, field.value, field.limit);
    if (problem) return problem;
  }
  return null;
}

export function hotfixOpenForm(componentNames: readonly string[]): FormSpec {
  return {
    kind: 'hotfix-open',
    title: 'Open a hotfix: its SLA clock starts at the report time',
    hotfixKey: null,
    stepId: '',
    fields: [
      { key: 'key', label: 'Tracking key', value: '', hint: 'e.g. HYPERFLEET-123', limit: IDENTIFIER_LIMIT },
      { key: 'severity', label: 'Severity', value: 'Blocker', hint: choiceHint(SEVERITIES), choices: SEVERITIES, limit: IDENTIFIER_LIMIT },
      {
        key: 'component',
        label: 'Component',
        value: componentNames[0] ?? '',
        hint: choiceHint(componentNames),
        choices: componentNames,
        limit: IDENTIFIER_LIMIT,
      },
      { key: 'affects', label: 'Affected release', value: '', hint: 'e.g. v0.3.1', limit: IDENTIFIER_LIMIT },
      { key: 'summary', label: 'Summary', value: '', hint: 'what the customer sees', limit: TEXT_LIMIT },
      { key: 'reported', label: 'Reported', value: 'now', hint: 'now, "2h ago" or "2026-11-22 03:10" (UTC)', limit: IDENTIFIER_LIMIT },
    ],
  };
}

export function hotfixEditForm(hotfix: HotfixState): FormSpec {
  return {
    kind: 'hotfix-edit',
    title: `${hotfix.key}: a severity change re-bases the deadline; both are recorded`,
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

export function hotfixCloseForm(hotfix: HotfixState): FormSpec {
  return {
    kind: 'hotfix-close',
    title: `Close ${hotfix.key}`,
    hotfixKey: hotfix.key,
    stepId: '',
    fields: [{ key: 'note', label: 'Note', value: '', hint: 'needed when steps are still open: why close anyway', limit: TEXT_LIMIT }],
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

export function taskForm(view: StepView, hotfixKey: string | null): FormSpec {
  return {
    kind: 'task',
    title: `${view.record ? 'Reopen' : 'Done'}: ${view.title}`,
    hotfixKey,
    stepId: view.step.id,
    fields: [
      {
        key: 'note',
        label: 'Note',
        value: '',
        hint:
          !view.record && view.waitsFor.length > 0
            ? `needed: it still waits for ${quoteTitles(view.waitsFor)}; say why it is done anyway`
            : 'optional: a link, a number, what you saw',
        limit: TEXT_LIMIT,
      },
    ],
  };
}

export function approveForm(view: StepView, hotfixKey: string | null): FormSpec {
  return {
    kind: 'approve',
    title: `Approve: ${view.title}`,
    hotfixKey,
    stepId: view.step.id,
    fields: [{ key: 'comment', label: 'Comment', value: '', hint: 'optional; recorded with what you see now', limit: TEXT_LIMIT }],
  };
}

export function waiveForm(view: StepView, hotfixKey: string | null, failing: readonly string[]): FormSpec {
  return {
    kind: 'waive',
    title: `Waive a layer of: ${view.title}`,
    hotfixKey,
    stepId: view.step.id,
    fields: [
      { key: 'layer', label: 'Layer', value: failing[0] ?? '', hint: `failing: ${failing.join(', ')}`, limit: IDENTIFIER_LIMIT },
      { key: 'tracking', label: 'Tracking issue', value: '', hint: 'e.g. HYPERFLEET-123 or GCP-334', limit: TEXT_LIMIT },
      { key: 'reason', label: 'Reason', value: '', limit: TEXT_LIMIT },
      { key: 'mitigation', label: 'Mitigation', value: '', limit: TEXT_LIMIT },
    ],
  };
}
