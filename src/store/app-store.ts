import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppConfig } from '../domain/config.js';
import type { JournalEvent } from '../domain/events.js';
import type { HotfixState, ReleaseState } from '../domain/fold.js';
import type { Schedule } from '../domain/backoff.js';
import type { RateLimit, StatusSnapshot } from '../domain/status.js';
import type { EpochMs } from '../domain/time.js';
import type { LedgerSummary } from '../domain/ledger.js';
import type { JournalWarning } from '../domain/journal-store.js';
import type { StepClaims } from '../domain/step-claims.js';
import { UTC_ZONE, type DisplayZone } from '../domain/display-time.js';

export const SCREENS = ['dashboard', 'checklist', 'hotfix', 'status', 'notices', 'log'] as const;
export type ScreenId = (typeof SCREENS)[number];

export interface LoggedEvent {
  readonly stream: string;
  readonly event: JournalEvent;
}

/** A form on top of the screen (tick a task with a note, approve a gate, waive a layer): one-line text fields. */
export interface FormField {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly hint?: string;
  /** A field with a fixed set of answers: ← → step through them (typing still works). */
  readonly choices?: readonly string[];
  /** The longest answer the journal keeps (domain/limits); a longer one is refused when sent. */
  readonly limit: number;
  /** Sending needs an answer here. */
  readonly required?: boolean;
  /** Shown, dimmed, while the field is empty: what an empty answer means ("now"). Never part of the value. */
  readonly placeholder?: string;
}

export interface FormState {
  readonly kind: 'task' | 'approve' | 'waive' | 'notice' | 'hotfix-open' | 'hotfix-edit' | 'hotfix-close' | 'takeover';
  readonly title: string;
  /** Which playbook: the release, or a hotfix by key. */
  readonly hotfixKey: string | null;
  /** The step; for a notice form, the notice key. */
  readonly stepId: string;
  readonly fields: ReadonlyArray<FormField>;
  readonly index: number;
  /** What Enter on the last field records, named for the footer ("untick 'Cut release-0.4'"). */
  readonly effect: string;
  /** One field asked in the footer line, over the screen; or a form in the body. */
  readonly placement: 'footer' | 'body';
  /** Why the last send was refused, and the field it is about: the form stays open with what was typed. */
  readonly error?: { readonly field?: string; readonly text: string };
  /** Sent, waiting for the action's answer. */
  readonly busy?: boolean;
}

/** A yes/no question in the footer before something is recorded or posted: `y` runs it, any other key cancels. */
export interface Question {
  readonly text: string;
  /** What `y` does, for the footer and help ("posts it"). */
  readonly yes: string;
  readonly run: () => void;
}

/** Long text over the screen (a step's details, the QE handoff, a timeline), scrolled with the arrows. */
export interface PagerState {
  readonly kind: 'step' | 'handoff' | 'timeline' | 'payload' | 'handover';
  readonly title: string;
  readonly lines: readonly string[];
  /** Whose handoff or timeline it is. */
  readonly hotfixKey?: string;
  /** A hand-over's pager: the recorded one it shows, once written (a draft until then). */
  readonly handoverId?: string;
  /** A step's details are drawn from its live view at every frame, so ages and states keep moving. */
  readonly step?: { readonly id: string; readonly hotfixKey: string | null };
  readonly scroll: number;
}

export interface Flash {
  readonly text: string;
  readonly level: 'info' | 'warn' | 'error';
  /** The order its action started in (ui/outcome): an older action's outcome never covers a newer one's. */
  readonly ticket?: number;
}

/** Everything the UI shows. Written by the controller; read by components through selectors. */
export interface AppState {
  readonly config: AppConfig;
  readonly release: string;
  readonly journalPlace: string;
  readonly now: EpochMs;
  readonly viewer: string | null;
  readonly releaseState: ReleaseState;
  readonly hotfixes: readonly HotfixState[];
  readonly log: readonly LoggedEvent[];
  /** Who is on which step, by stream (domain/step-claims): folded with the journal, read at `now`. */
  readonly stepClaims: Readonly<Record<string, StepClaims>>;
  readonly journalWarnings: readonly JournalWarning[];
  /** This machine's rulebook hash (config/rulebook); the header compares it with the release's. */
  readonly rulebook: string | null;
  /** `--read-only`: an observer; the header says so and nothing is recorded. */
  readonly readOnly: boolean;
  /** The shared ledger's state (shared, pending, last read); null without a ledger. */
  readonly ledger: LedgerSummary | null;
  readonly snapshot: StatusSnapshot | null;
  /** The status sources wired in; empty when no live backend is configured. */
  readonly sourceNames: readonly string[];
  /** When each source is asked next (backoff after failures). */
  readonly schedules: Readonly<Record<string, Schedule>>;
  /** Problems a source reported beside its data (e.g. a repository not visible to the token). */
  readonly sourceWarnings: Readonly<Record<string, readonly string[]>>;
  readonly rateLimit: RateLimit | null;
  readonly refreshing: boolean;
  readonly screen: ScreenId;
  readonly helpOpen: boolean;
  /** The help's first line shown, when it is longer than the screen; how far it can go, as last drawn. */
  readonly helpScroll: number;
  readonly helpOverflow: number;
  /** Enter on the Status screen: the raw checks behind the selected layer. */
  readonly detailOpen: boolean;
  /** `m` on the Status screen: the compatibility matrix in place of the layers. */
  readonly matrixOpen: boolean;
  /** `/` on the Status screen: text typed to narrow the rows; `filtering` while typing it. */
  readonly filter: string;
  readonly filtering: boolean;
  readonly cursor: Readonly<Record<ScreenId, number>>;
  readonly flash: Flash | null;
  readonly form: FormState | null;
  readonly pager: PagerState | null;
  /** Notices: fields edited this session (by notice key), the last failure of each, and the open confirmation. */
  readonly noticeEdits: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly noticeErrors: Readonly<Record<string, string>>;
  /** The yes/no question in the footer, if one is asked. */
  readonly question: Question | null;
  /** Whether a Slack token is set; without one, notices run dry. */
  readonly slackLive: boolean;
  /** The zone this person reads times in (--tz, the config, TZ, else UTC); `timesInUtc`: `Z` shows UTC instead. */
  readonly displayZone: DisplayZone;
  readonly timesInUtc: boolean;
}

export type AppStore = StoreApi<AppState>;

export type InitialState = Pick<AppState, 'config' | 'release' | 'journalPlace' | 'now'> & Partial<AppState>;

export function createAppStore(initial: InitialState): AppStore {
  return createStore<AppState>()(() => ({
    viewer: null,
    releaseState: {
      release: initial.release,
      plannedBy: null,
      milestones: {},
      steps: {},
      gates: {},
      notices: {},
      handovers: [],
      rulebook: null,
      ignored: [],
    },
    hotfixes: [],
    log: [],
    stepClaims: {},
    journalWarnings: [],
    ledger: null,
    readOnly: false,
    rulebook: null,
    snapshot: null,
    sourceNames: [],
    schedules: {},
    sourceWarnings: {},
    rateLimit: null,
    refreshing: false,
    screen: 'dashboard',
    helpOpen: false,
    helpScroll: 0,
    helpOverflow: 0,
    detailOpen: false,
    matrixOpen: false,
    filter: '',
    filtering: false,
    cursor: { dashboard: 0, checklist: 0, hotfix: 0, status: 0, notices: 0, log: 0 },
    flash: null,
    form: null,
    pager: null,
    noticeEdits: {},
    noticeErrors: {},
    question: null,
    slackLive: false,
    displayZone: UTC_ZONE,
    timesInUtc: false,
    ...initial,
  }));
}

/** UI-only transitions: pure functions of the state, no I/O. */
/** The answer `delta` steps from `value` (typed in any case), wrapping round; from a typed non-answer, the first or last. */
export function nextChoice(choices: readonly string[], value: string, delta: number): string {
  const at = choices.findIndex((c) => c.toLowerCase() === value.trim().toLowerCase());
  if (at < 0) return (delta > 0 ? choices[0] : choices.at(-1)) ?? value;
  return choices[(((at + delta) % choices.length) + choices.length) % choices.length]!;
}

export const uiActions = {
  showScreen: (store: AppStore, screen: ScreenId): void =>
    store.setState({ screen, helpOpen: false, detailOpen: false, matrixOpen: false }),
  cycleScreen: (store: AppStore, delta: number): void => {
    const { screen } = store.getState();
    const next = SCREENS[(SCREENS.indexOf(screen) + delta + SCREENS.length) % SCREENS.length]!;
    store.setState({ screen: next });
  },
  toggleUtc: (store: AppStore): void => store.setState((s) => ({ timesInUtc: !s.timesInUtc })),
  toggleHelp: (store: AppStore): void => store.setState((s) => ({ helpOpen: !s.helpOpen, helpScroll: 0 })),
  scrollHelp: (store: AppStore, delta: number): void =>
    store.setState((s) => ({ helpScroll: Math.min(s.helpOverflow, Math.max(0, s.helpScroll + delta)) })),
  /** The help says how much of it does not fit, each time it is laid out. */
  helpLaidOut: (store: AppStore, overflow: number): void =>
    store.setState((s) => (s.helpOverflow === overflow ? s : { helpOverflow: overflow, helpScroll: Math.min(s.helpScroll, overflow) })),
  toggleDetail: (store: AppStore): void => store.setState((s) => ({ detailOpen: !s.detailOpen, matrixOpen: false })),
  toggleMatrix: (store: AppStore): void => store.setState((s) => ({ matrixOpen: !s.matrixOpen, detailOpen: false })),
  closeOverlays: (store: AppStore): void => store.setState({ helpOpen: false, detailOpen: false, matrixOpen: false, flash: null }),
  startFilter: (store: AppStore): void => store.setState({ filtering: true, detailOpen: false, matrixOpen: false }),
  /** Typing while filtering: characters append, backspace deletes; the cursor goes to the top. */
  editFilter: (store: AppStore, edit: { type: 'append'; text: string } | { type: 'backspace' }): void =>
    store.setState((s) => ({
      filter: edit.type === 'append' ? s.filter + edit.text : s.filter.slice(0, -1),
      cursor: { ...s.cursor, status: 0 },
    })),
  endFilter: (store: AppStore, keep: boolean): void =>
    store.setState((s) => ({ filtering: false, filter: keep ? s.filter : '', cursor: { ...s.cursor, status: 0 } })),
  moveCursor: (store: AppStore, delta: number, count: number): void =>
    store.setState((s) => {
      const current = s.cursor[s.screen];
      const next = count === 0 ? 0 : Math.min(count - 1, Math.max(0, current + delta));
      return next === current ? s : { cursor: { ...s.cursor, [s.screen]: next } };
    }),
  flash: (store: AppStore, flash: Flash | null): void => store.setState({ flash }),
  editNotice: (store: AppStore, key: string, fields: Readonly<Record<string, string>>): void =>
    store.setState((s) => ({ noticeEdits: { ...s.noticeEdits, [key]: fields } })),
  ask: (store: AppStore, question: Question | null): void => store.setState({ question }),
  openPager: (store: AppStore, pager: Omit<PagerState, 'scroll'>): void =>
    store.setState({ pager: { ...pager, scroll: 0 }, helpOpen: false }),
  closePager: (store: AppStore): void => store.setState({ pager: null }),
  /** Scrolls by `delta` lines, keeping a page of text on screen. */
  scrollPager: (store: AppStore, delta: number, page: number): void =>
    store.setState((s) => {
      if (!s.pager) return s;
      const max = Math.max(0, s.pager.lines.length - page);
      const scroll = Math.min(max, Math.max(0, s.pager.scroll + delta));
      return scroll === s.pager.scroll ? s : { pager: { ...s.pager, scroll } };
    }),
  openForm: (store: AppStore, form: Omit<FormState, 'index'>): void => store.setState({ form: { ...form, index: 0 }, helpOpen: false }),
  closeForm: (store: AppStore): void => store.setState({ form: null }),
  /** The form's answer is awaited (busy), or it was refused: the form stays, with the error at its field. */
  markForm: (store: AppStore, mark: { busy: boolean; error?: { field?: string; text: string } }): void =>
    store.setState((s) => {
      if (!s.form) return s;
      const { error: _, ...form } = s.form;
      const index = mark.error?.field
        ? Math.max(
            0,
            form.fields.findIndex((f) => f.key === mark.error!.field),
          )
        : form.index;
      return { form: { ...form, index, busy: mark.busy, ...(mark.error ? { error: mark.error } : {}) } };
    }),
  /** Typing in the form: edits the current field; `move` goes to another field. */
  editForm: (
    store: AppStore,
    edit:
      | { type: 'append'; text: string }
      | { type: 'backspace' }
      | { type: 'clear' }
      | { type: 'move'; delta: number }
      | { type: 'choose'; delta: number },
  ): void =>
    store.setState((s) => {
      const form = s.form;
      if (!form) return s;
      if (edit.type === 'move') return { form: { ...form, index: Math.min(form.fields.length - 1, Math.max(0, form.index + edit.delta)) } };
      const fields = form.fields.map((f, i) => {
        if (i !== form.index) return f;
        if (edit.type === 'choose') return f.choices ? { ...f, value: nextChoice(f.choices, f.value, edit.delta) } : f;
        if (edit.type === 'clear') return { ...f, value: '' };
        return { ...f, value: edit.type === 'append' ? f.value + edit.text : [...f.value].slice(0, -1).join('') };
      });
      return { form: { ...form, fields } };
    }),
};
