import type { Binding, InputContext, ModeId } from './binding.js';
import { displayKey } from './keys.js';
import { MODES, modeOf } from './dispatch.js';
import { GLOBAL_BINDINGS, LIST_BINDINGS } from './modes/normal.js';
import { screenOf } from '../screens/registry.js';

/** "↑ k" — every key of a binding as the help writes them. */
export const keysText = (binding: Binding): string => binding.keys.map(displayKey).join(' ');

export interface HelpSection {
  readonly title: string;
  readonly bindings: readonly Binding[];
}

/**
 * The help, generated from the bindings: the current screen's own keys, the list keys, the keys of
 * every screen, and each mode's keys (form, question, filter, pager). What a mode does not show
 * here, it does not handle.
 */
export function helpSections(ctx: InputContext, modes: readonly ModeId[] = ['form', 'question', 'filter', 'pager', 'help']): HelpSection[] {
  const screen = screenOf(ctx.store.getState().screen);
  const sections: HelpSection[] = [];
  if (screen.bindings.length > 0) sections.push({ title: `${screen.title} screen`, bindings: screen.bindings });
  if (screen.list) sections.push({ title: 'In a list', bindings: LIST_BINDINGS });
  sections.push({ title: 'Everywhere', bindings: GLOBAL_BINDINGS });
  for (const id of modes) {
    const bindings = modeBindingsForHelp(ctx, id);
    const other = MODES[id].otherwise;
    sections.push({ title: MODES[id].title, bindings: other ? [...bindings, other] : bindings });
  }
  return sections;
}

/** A mode's bindings as the help lists them; a mode that needs its state open (a form) shows a typical one. */
function modeBindingsForHelp(ctx: InputContext, id: ModeId): readonly Binding[] {
  const state = ctx.store.getState();
  if (modeOf(state) === id) return MODES[id].bindings(ctx);
  return HELP_EXAMPLES[id](ctx);
}

/** When a mode is not open, the help describes it from an example state of it. */
const HELP_EXAMPLES: Record<ModeId, (ctx: InputContext) => readonly Binding[]> = {
  normal: (ctx) => MODES.normal.bindings(ctx),
  help: (ctx) => MODES.help.bindings(ctx),
  filter: (ctx) => MODES.filter.bindings(ctx),
  question: (ctx) => withState(ctx, { question: { text: '', yes: 'yes: does it', run: () => {} } }, 'question'),
  pager: (ctx) => withState(ctx, { pager: { kind: 'handoff', title: '', lines: [], hotfixKey: 'KEY', scroll: 0 } }, 'pager'),
  form: (ctx) =>
    withState(
      ctx,
      {
        form: {
          kind: 'hotfix-open',
          title: '',
          effect: 'what the form records',
          placement: 'body',
          hotfixKey: null,
          stepId: '',
          index: 1,
          fields: [
            { key: 'a', label: 'a', value: '', limit: 1 },
            { key: 'b', label: 'b', value: '', limit: 1, choices: ['x', 'y'] },
          ],
        },
      },
      'form',
    ),
};

function withState(ctx: InputContext, patch: Partial<ReturnType<InputContext['store']['getState']>>, id: ModeId): readonly Binding[] {
  const state = { ...ctx.store.getState(), ...patch };
  const store = { ...ctx.store, getState: () => state };
  return MODES[id].bindings({ ...ctx, store });
}

/** The footer's keys for the open mode: its hinted bindings ("Enter records: tick 'X' · Esc cancel"). */
export function footerBindings(ctx: InputContext): readonly Binding[] {
  const mode = MODES[modeOf(ctx.store.getState())];
  return mode.bindings(ctx).filter((b) => b.hint);
}
