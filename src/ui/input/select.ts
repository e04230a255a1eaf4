import type { StepOwner } from '../../app/controller.js';
import type { HotfixState } from '../../domain/fold.js';
import type { StepView } from '../../domain/playbook.js';
import type { AppState } from '../../store/app-store.js';
import { selectNotices, selectOpenHotfixes, selectReleasePhases } from '../../store/selectors.js';
import { flatSteps, type NoticeView } from '../../store/view.js';
import type { InputContext } from './binding.js';

/** What the cursor is on, read from the store with the same selectors the screens draw with. */

export const releaseSteps = (s: AppState): StepView[] => flatSteps(selectReleasePhases(s));

/** Every open hotfix's steps, most urgent hotfix first, as the Hotfix screen lists them. */
export const hotfixSteps = (s: AppState): Array<{ hotfix: HotfixState; view: StepView }> =>
  selectOpenHotfixes(s).flatMap((h) => flatSteps(h.phases).map((view) => ({ hotfix: h.hotfix, view })));

/** The step under the cursor on the Checklist or Hotfix screen, and whose playbook it is in. */
export function selectedStep(ctx: InputContext): { view: StepView; hotfixKey: string | null } | null {
  const state = ctx.store.getState();
  if (state.screen === 'checklist') {
    const view = releaseSteps(state)[state.cursor.checklist];
    return view ? { view, hotfixKey: null } : null;
  }
  if (state.screen === 'hotfix') {
    const picked = hotfixSteps(state)[state.cursor.hotfix];
    return picked ? { view: picked.view, hotfixKey: picked.hotfix.key } : null;
  }
  return null;
}

/** The hotfix under the cursor on the Hotfix screen (or the most urgent one). */
export function selectedHotfix(ctx: InputContext): HotfixState | null {
  const state = ctx.store.getState();
  const steps = hotfixSteps(state);
  return (steps[state.cursor.hotfix] ?? steps[0])?.hotfix ?? null;
}

export const selectedNotice = (ctx: InputContext): NoticeView | undefined => {
  const state = ctx.store.getState();
  return selectNotices(state)[state.cursor.notices];
};

export function ownerOf(ctx: InputContext, hotfixKey: string | null): StepOwner {
  const hotfix = hotfixKey ? selectOpenHotfixes(ctx.store.getState()).find((h) => h.hotfix.key === hotfixKey)?.hotfix : undefined;
  return hotfix ? { kind: 'hotfix', hotfix } : { kind: 'release' };
}
