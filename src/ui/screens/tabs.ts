import type { ScreenId } from '../../store/app-store.js';

/** The screens' tabs in order: key and title. The registry (screens/registry.ts) adds what each shows and does. */
export const TABS: ReadonlyArray<{ readonly id: ScreenId; readonly key: string; readonly title: string }> = [
  { id: 'dashboard', key: '1', title: 'Dashboard' },
  { id: 'checklist', key: '2', title: 'Checklist' },
  { id: 'hotfix', key: '3', title: 'Hotfix' },
  { id: 'status', key: '4', title: 'Status' },
  { id: 'notices', key: '5', title: 'Notices' },
  { id: 'log', key: '6', title: 'Log' },
];

export const tabOf = (id: ScreenId) => TABS.find((t) => t.id === id)!;
