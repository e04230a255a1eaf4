import type { Key } from 'ink';
import { uiActions, type AppState } from '../../store/app-store.js';
import { say } from '../outcome.js';
import type { InputContext, Mode, ModeId } from './binding.js';
import { pressedKeys, type Keypress } from './keys.js';
import { filterMode } from './modes/filter.js';
import { formMode } from './modes/form.js';
import { helpMode } from './modes/help.js';
import { normalMode } from './modes/normal.js';
import { pagerMode } from './modes/pager.js';
import { questionMode } from './modes/question.js';

export const MODES: Readonly<Record<ModeId, Mode>> = {
  normal: normalMode,
  form: formMode,
  question: questionMode,
  filter: filterMode,
  pager: pagerMode,
  help: helpMode,
};

/** The mode that takes the keys: whatever is open on top, else the screen. */
export function modeOf(state: AppState): ModeId {
  if (state.form) return 'form';
  if (state.question) return 'question';
  if (state.filtering) return 'filter';
  if (state.pager) return 'pager';
  if (state.helpOpen) return 'help';
  return 'normal';
}

/**
 * One keypress, in whatever mode is open when it comes: the first binding that lists it (a
 * screen's own come before the global ones), else text for a form or the filter, else nothing.
 */
export function handleKey(ctx: InputContext, key: Keypress): void {
  const mode = MODES[modeOf(ctx.store.getState())];
  const binding = mode.bindings(ctx).find((b) => b.keys.includes(key.name));
  if (binding) {
    const why = binding.disabledReason?.(ctx);
    if (why) return say(ctx.store, 'warn', why);
    return binding.run(ctx);
  }
  if (mode.text && key.text && !/[\u0000-\u001f\u007f]/.test(key.text)) return mode.text(ctx, key.text);
  mode.otherwise?.run(ctx);
}

/**
 * Everything Ink hands over for one chunk of input, key by key and in order. Each key is looked
 * up in the mode open when it comes, so the keys after one that opens a form are typed into it.
 */
export function handleInput(ctx: InputContext, input: string, key: Key): void {
  if (ctx.store.getState().flash) uiActions.flash(ctx.store, null);
  for (const pressed of pressedKeys(input, key)) handleKey(ctx, pressed);
}
