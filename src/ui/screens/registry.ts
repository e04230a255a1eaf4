import type React from 'react';
import type { AppState, ScreenId } from '../../store/app-store.js';
import { selectNotices, selectStatusRows } from '../../store/selectors.js';
import type { Binding } from '../input/binding.js';
import { HOTFIX_BINDINGS, LOG_BINDINGS, NOTICE_BINDINGS, STATUS_BINDINGS, STEP_BINDINGS } from '../input/screen-bindings.js';
import { hotfixSteps, releaseSteps } from '../input/select.js';
import { Checklist } from './Checklist.js';
import { Dashboard } from './Dashboard.js';
import { Hotfix } from './Hotfix.js';
import { Log } from './Log.js';
import { Notices } from './Notices.js';
import { Status } from './Status.js';
import { tabOf } from './tabs.js';

/**
 * Every screen, in tab order: its key, title, component, how many rows its cursor moves over, and
 * its own key bindings. Adding a screen is one entry here and its own files.
 */
export interface ScreenSpec {
  readonly id: ScreenId;
  readonly key: string;
  readonly title: string;
  readonly component: React.ComponentType<{ width: number; height: number }>;
  /** The rows the cursor moves over; a screen without a list has none. */
  readonly rows: (state: AppState) => number;
  readonly list: boolean;
  readonly bindings: readonly Binding[];
}

const none = (): number => 0;
const screen = (id: ScreenId, rest: Omit<ScreenSpec, 'id' | 'key' | 'title'>): ScreenSpec => ({ ...tabOf(id), ...rest });

export const SCREENS: readonly ScreenSpec[] = [
  screen('dashboard', { component: Dashboard, rows: none, list: false, bindings: [] }),
  screen('checklist', { component: Checklist, rows: (s) => releaseSteps(s).length, list: true, bindings: STEP_BINDINGS }),
  screen('hotfix', { component: Hotfix, rows: (s) => hotfixSteps(s).length, list: true, bindings: HOTFIX_BINDINGS }),
  screen('status', { component: Status, rows: (s) => selectStatusRows(s).length, list: true, bindings: STATUS_BINDINGS }),
  screen('notices', { component: Notices, rows: (s) => selectNotices(s).length, list: true, bindings: NOTICE_BINDINGS }),
  screen('log', { component: Log, rows: (s) => s.log.length, list: true, bindings: LOG_BINDINGS }),
];

export const screenOf = (id: ScreenId): ScreenSpec => SCREENS.find((s) => s.id === id)!;
