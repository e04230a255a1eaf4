import type { HotfixInput } from '../../domain/hotfix.js';
import type { HandoverRecord, HotfixState } from '../../domain/fold.js';
import type { HandoverText, HandoverWritten } from '../../app/handover-actions.js';
import type { HotfixTimeline } from '../../domain/timeline.js';
import type { AppStore } from '../../store/app-store.js';
import type { NoticeView } from '../../store/view.js';
import type { NoticePayload, RenderedNotice } from '../../domain/notices.js';
import type { StepOwner } from '../../app/owner.js';
import type { Outcome } from '../../domain/outcome.js';
import type { StepClaim } from '../../domain/step-claims.js';

/**
 * What the keys may ask of the app: the controller's actions, as the UI sees them. Tests of keys
 * give a fake one; the app gives the controller. Actions answer with an outcome (domain/outcome).
 */
export interface ActionPort {
  refresh(): Promise<void>;
  signInProblem(): string | null;
  toggleTask(owner: StepOwner, stepId: string, note?: string): Promise<Outcome>;
  approve(owner: StepOwner, stepId: string, comment: string, role?: string): Promise<Outcome>;
  waive(
    owner: StepOwner,
    stepId: string,
    waiver: { layer: string; tracking: string; reason: string; mitigation: string },
  ): Promise<Outcome>;
  approvalProblem(owner: StepOwner, stepId: string): string | null;
  /** The roles of a gate the signed-in login may sign now (a gate signed by several roles asks which). */
  rolesToSign(owner: StepOwner, stepId: string): string[];
  waiverProblem(owner: StepOwner, stepId: string): string | null;
  /** The demo's next real-world event, of the release's story or the hotfix's. */
  advanceDemo(story: 'release' | 'hotfix'): Promise<Outcome>;
  /** What `u` would undo (the signed-in user's last action, if recent), or why nothing can be. */
  undoable(): { ok: true; what: string; at: number } | { ok: false; reason: string };
  undoLast(reason?: string): Promise<Outcome>;
  /** The link in the browser, or said when there is no display. */
  openLink(url: string | undefined): Promise<Outcome>;
  readonly notices: {
    readonly live: boolean;
    send(key: string, options?: { editing?: string; onWait?: (holder: string) => void }): Promise<Outcome>;
    fieldsOf(notice: NoticeView): Record<string, string>;
    content(notice: NoticeView): { readonly rendered: RenderedNotice; readonly payload: NoticePayload };
  };
  /** Who is on a step (`c`): claim it, let go of it, take it over with a reason. */
  readonly claims: {
    holder(owner: StepOwner, stepId: string): StepClaim | null;
    toggle(owner: StepOwner, stepId: string): Promise<Outcome>;
    takeOver(owner: StepOwner, stepId: string, reason: string): Promise<Outcome>;
  };
  readonly hotfixes: {
    find(key: string): HotfixState | undefined;
    /** Its runbook's steps not done yet, by title: closing with any open takes a note. */
    openSteps(hotfix: HotfixState): string[];
    open(input: HotfixInput): Promise<Outcome>;
    changeSeverity(key: string, severity: string, reason: string): Promise<Outcome>;
    correctReported(key: string, reported: string, reason: string): Promise<Outcome>;
    close(key: string, note: string): Promise<Outcome>;
    handoff(key: string): string | null;
    saveHandoff(key: string): Promise<Outcome>;
    timeline(key: string): HotfixTimeline | null;
  };
  readonly rulebook: {
    /** Saves the release's rulebook beside the journal: how to start with it, or why not. */
    use(): Promise<Outcome>;
  };
  readonly handovers: {
    /** The team's channel a hand-over is posted to. */
    readonly channel: string;
    draft(by: string): HandoverText;
    lines(text: HandoverText): string[];
    textOf(handover: HandoverRecord): HandoverText;
    write(): Promise<HandoverWritten>;
    save(handover: HandoverRecord): Promise<Outcome>;
    post(id: string, options?: { onWait?: (holder: string) => void }): Promise<Outcome>;
  };
}

/** Everything a key binding may read or do. */
export interface InputContext {
  readonly store: AppStore;
  readonly actions: ActionPort;
  /** The terminal's width, and the height the screen body has (the same number the layout draws with). */
  readonly columns: number;
  readonly bodyHeight: number;
  readonly exit: () => void;
}

/**
 * One key binding, as lazygit's controllers and k9s's key actions keep them: the keys, what the
 * footer and help call it, what it does, and why it cannot now. Footer, help and the dispatcher
 * all read the same list, so a key can never work without being shown.
 */
export interface Binding {
  /** Key names (input/keys.ts); the first is the one shown in the footer. */
  readonly keys: readonly string[];
  readonly label: string;
  /** Kept in the footer; the help shows every binding. */
  readonly hint?: boolean;
  /** It records in the journal (after asking first). */
  readonly records?: boolean;
  /** Bindings of one group (the screen jumps) share one help line: "1 2 3 4 5 6  go to a screen". */
  readonly group?: string;
  /** Why it cannot run now, shown instead of running it; null when it can. */
  readonly disabledReason?: (ctx: InputContext) => string | null;
  readonly run: (ctx: InputContext) => void;
}

export type ModeId = 'normal' | 'form' | 'question' | 'filter' | 'pager' | 'help';

/** A mode takes every key while it is open: an open form, question, filter, pager or help never lets a key reach a screen. */
export interface Mode {
  readonly id: ModeId;
  /** The help's heading for this mode. */
  readonly title: string;
  bindings(ctx: InputContext): readonly Binding[];
  /** Text typed in this mode (a form's field, the filter). */
  readonly text?: (ctx: InputContext, text: string) => void;
  /** Any other key (a question: "any other key cancels"). */
  readonly otherwise?: Binding;
}
