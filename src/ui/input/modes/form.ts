import { uiActions, type FormState } from '../../../store/app-store.js';
import { formProblem, reportedText } from '../../forms.js';
import type { Outcome } from '../../../domain/outcome.js';
import { showOutcome } from '../../outcome.js';
import type { Binding, InputContext, Mode } from '../binding.js';
import { ownerOf } from '../select.js';
import { showHandoff } from './pager.js';

const form = (ctx: InputContext): FormState => ctx.store.getState().form!;
const onLastField = (f: FormState): boolean => f.index === f.fields.length - 1;
const choose = (ctx: InputContext, delta: number) => uiActions.editForm(ctx.store, { type: 'choose', delta });
const move = (delta: number) => (ctx: InputContext) => uiActions.editForm(ctx.store, { type: 'move', delta });

/** What sending each kind of form asks of the app, with the values as typed; a notice's fields are kept here, nothing is asked. */
function sendForm(ctx: InputContext, f: FormState): Promise<Outcome | null> {
  const value = (key: string) => f.fields.find((field) => field.key === key)?.value ?? '';
  const owner = ownerOf(ctx, f.hotfixKey);
  const { actions } = ctx;
  switch (f.kind) {
    case 'task':
      return actions.toggleTask(owner, f.stepId, value('note'));
    case 'approve':
      return actions.approve(owner, f.stepId, value('comment'), value('role') || undefined);
    case 'waive':
      return actions.waive(owner, f.stepId, {
        layer: value('layer'),
        tracking: value('tracking'),
        reason: value('reason'),
        mitigation: value('mitigation'),
      });
    case 'hotfix-open':
      return actions.hotfixes.open({
        key: value('key'),
        severity: value('severity'),
        component: value('component'),
        affects: value('affects'),
        summary: value('summary'),
        reported: value('reported'),
      });
    case 'hotfix-edit':
      return editHotfix(ctx, f.hotfixKey ?? '', value('severity'), value('reported'), value('reason'));
    case 'hotfix-close':
      return actions.hotfixes.close(f.hotfixKey ?? '', value('note'));
    case 'takeover':
      return actions.claims.takeOver(owner, f.stepId, value('reason'));
    case 'notice':
      uiActions.editNotice(ctx.store, f.stepId, Object.fromEntries(f.fields.map((field) => [field.key, field.value])));
      return Promise.resolve(null);
  }
}

/** The edit form records what changed: the severity, the report time, or both. */
async function editHotfix(ctx: InputContext, key: string, severity: string, reported: string, reason: string): Promise<Outcome | null> {
  const hotfix = ctx.actions.hotfixes.find(key);
  if (!hotfix) return null;
  let outcome: Outcome | null = null;
  if (severity.trim().toLowerCase() !== hotfix.severity.toLowerCase()) {
    outcome = await ctx.actions.hotfixes.changeSeverity(key, severity, reason);
    if (outcome.kind !== 'done') return outcome;
  }
  if (reported.trim() !== reportedText(hotfix)) outcome = await ctx.actions.hotfixes.correctReported(key, reported, reason);
  return outcome;
}

/**
 * Sends the form: checked first (a required field, a length, a report time), then the action. A
 * refusal about one of its fields keeps the form open with everything typed and the field marked;
 * anything else closes it and says what happened.
 */
export async function submitForm(ctx: InputContext): Promise<void> {
  const f = ctx.store.getState().form;
  if (!f || f.busy) return;
  const problem = formProblem(f, ctx.store.getState().now);
  if (problem) return uiActions.markForm(ctx.store, { busy: false, error: problem });
  uiActions.markForm(ctx.store, { busy: true });
  const outcome = await sendForm(ctx, f);
  if (outcome?.kind === 'refused' && outcome.field && f.fields.some((field) => field.key === outcome.field)) {
    return uiActions.markForm(ctx.store, { busy: false, error: { field: outcome.field, text: outcome.reason } });
  }
  if (ctx.store.getState().form === f || ctx.store.getState().form?.busy) uiActions.closeForm(ctx.store);
  if (outcome) showOutcome(ctx.store, outcome);
  // Editing the handoff's fields from its pager shows the handoff again, with them.
  const pager = ctx.store.getState().pager;
  if (f.kind === 'notice' && pager?.kind === 'handoff' && pager.hotfixKey) showHandoff(ctx, pager.hotfixKey);
}

/** In a form, keys are text; these move, choose, send and cancel. */
export const formMode: Mode = {
  id: 'form',
  title: 'In a form',
  bindings(ctx) {
    const f = form(ctx);
    const choosing = Boolean(f.fields[f.index]?.choices);
    const bindings: Binding[] = [
      {
        keys: ['enter'],
        label: onLastField(f) ? `records: ${f.effect}` : 'next field',
        hint: true,
        run: (c) => (onLastField(form(c)) ? void submitForm(c) : move(1)(c)),
      },
      { keys: ['tab', 'down'], label: 'next field', hint: f.fields.length > 1, run: move(1) },
      { keys: ['shift-tab', 'up'], label: 'previous field', hint: false, run: move(-1) },
      ...(choosing
        ? [
            { keys: ['right'], label: 'next answer', hint: true, run: (c: InputContext) => choose(c, 1) },
            { keys: ['left'], label: 'previous answer', run: (c: InputContext) => choose(c, -1) },
          ]
        : []),
      { keys: ['backspace'], label: 'delete a character', run: (c) => uiActions.editForm(c.store, { type: 'backspace' }) },
      { keys: ['ctrl-u'], label: 'clear the field', run: (c) => uiActions.editForm(c.store, { type: 'clear' }) },
      { keys: ['escape', 'ctrl-c'], label: 'cancel', hint: true, run: (c) => uiActions.closeForm(c.store) },
    ];
    return bindings;
  },
  text: (ctx, text) => {
    if (form(ctx).busy) return;
    uiActions.editForm(ctx.store, { type: 'append', text });
  },
};
