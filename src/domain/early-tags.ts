import { allSteps, type Naming, type Playbook, type Step } from './config.js';
import { componentTag, type PatchFacts, type ReleaseMakeup } from './facts.js';
import type { GateRecord } from './fold.js';
import { approvalRefusal, type GatePolicy } from './gate.js';
import type { RepoFacts } from './status.js';
import { formatUtc, type EpochMs } from './time.js';

/**
 * A GA tag (or a hotfix's patch tag) made before the gate it needs was approved is a process
 * violation, never "GA day": the tag says the release shipped, the gate says it may not yet.
 */

/** A tag seen in one repository; `madeAt` only when the tag carries its own date (annotated). */
export interface TagSeen {
  readonly tag: string;
  readonly where: string;
  /**
   * When the tag itself was made. A lightweight tag has no date of its own (its commit's date
   * is older than the tag, and older than any approval of that commit), so it has none here.
   */
  readonly madeAt?: EpochMs;
}

export interface EarlyTag {
  readonly tag: string;
  /** The gate the tag's step needs, and when someone who may approve it first did. */
  readonly gate: { readonly step: string; readonly title: string; readonly approvedAt?: EpochMs };
  /** Where the tag came too early, the oldest first; `madeAt` as in TagSeen. */
  readonly places: readonly TagSeen[];
  /** 'v0.4.0 tagged 2026-11-20 14:02 UTC (hyperfleet-api) before its gate "…" was approved at …'. */
  readonly text: string;
}

/** When someone who may approve the gate first did: a tag made before that skipped the gate. */
export function firstApprovalAt(step: Step, record: GateRecord | undefined, policy: GatePolicy): EpochMs | undefined {
  return record?.approvals.find((a) => approvalRefusal(step, a.by, policy) === null)?.at;
}

/**
 * The rule: a tag that exists while its gate is not approved, or that carries a date before
 * the gate's first approval, came too early. A lightweight tag seen after the approval cannot
 * be dated, so it is not called early.
 */
export function earlyTag(seen: readonly TagSeen[], gate: EarlyTag['gate']): EarlyTag | null {
  const { approvedAt } = gate;
  const places = seen
    .filter((t) => approvedAt === undefined || (t.madeAt !== undefined && t.madeAt < approvedAt))
    .sort((a, b) => (a.madeAt ?? Infinity) - (b.madeAt ?? Infinity));
  const first = places[0];
  if (!first) return null;
  const found = { tag: first.tag, gate, places };
  return { ...found, text: earlyTagText(found) };
}

/** What an early tag says, each instant as `shown` writes it (UTC unless told: the person's zone on screen). */
export function earlyTagText(early: Pick<EarlyTag, 'tag' | 'gate' | 'places'>, shown: (at: EpochMs) => string = formatUtc): string {
  const { gate, places } = early;
  const first = places[0]!;
  const when = first.madeAt !== undefined ? ` ${shown(first.madeAt)}` : '';
  // Components ship their own versions: each place names its tag when they differ.
  const same = places.every((p) => p.tag === first.tag);
  const where = places.map((p) => (same ? p.where : `${p.where} ${p.tag}`)).join(', ');
  const verdict =
    gate.approvedAt === undefined
      ? `while its gate "${gate.title}" is not approved`
      : `before its gate "${gate.title}" was approved at ${shown(gate.approvedAt)}`;
  return `${early.tag} tagged${when} (${where}) ${verdict}`;
}

/** Each tag check of a playbook that directly needs a gate, judged against that gate. */
export function earlyTags(input: {
  readonly playbook: Playbook;
  readonly gates: Readonly<Record<string, GateRecord>>;
  readonly policy: GatePolicy;
  readonly titles: ReadonlyMap<string, string>;
  /** The tags a check step looks for, as seen now; empty when none exists yet or it checks no tag. */
  readonly tagsOf: (step: Step) => readonly TagSeen[];
}): EarlyTag[] {
  const steps = allSteps(input.playbook);
  return steps.flatMap((step) => {
    const seen = step.kind === 'check' ? input.tagsOf(step) : [];
    if (seen.length === 0) return [];
    return step.needs.flatMap((id) => {
      const gate = steps.find((s) => s.id === id && s.kind === 'gate');
      if (!gate) return [];
      const approvedAt = firstApprovalAt(gate, input.gates[gate.id], input.policy);
      const title = input.titles.get(gate.id) ?? gate.title;
      const found = earlyTag(seen, { step: gate.id, title, ...(approvedAt !== undefined ? { approvedAt } : {}) });
      return found ? [found] : [];
    });
  });
}

/** The release's tags a check step looks for (`check.tags`), each component's for its own version, where they exist. */
export function releaseTagsSeen(step: Step, makeup: ReleaseMakeup, repos: readonly RepoFacts[] | undefined, naming: Naming): TagSeen[] {
  const kind = step.check?.tags;
  if (!kind || !makeup.known || !repos) return [];
  return makeup.components.flatMap(({ component: c, version }) => {
    const tag = componentTag(naming, kind, version.target);
    const facts = repos.find((r) => r.repo === c.repo);
    if (!facts?.tags.includes(tag)) return [];
    const madeAt = facts.annotatedAt?.[tag];
    return [{ tag, where: c.name, ...(madeAt !== undefined ? { madeAt } : {}) }];
  });
}

/** A hotfix's patch tag, for the check step that looks for it (`check.patch: tag`). */
export function patchTagSeen(step: Step, patch: PatchFacts | null | undefined, component: string): TagSeen[] {
  if (step.check?.patch !== 'tag' || !patch?.tagExists) return [];
  return [{ tag: patch.tag, where: component, ...(patch.madeAt !== undefined ? { madeAt: patch.madeAt } : {}) }];
}

/**
 * The anchor a tag gives deadlines ("GA day"): when the tags were there, unless they came too
 * early; then the gate's approval, once there is one, and until then none (the plan's date counts).
 */
export function anchorAfterGate(taggedAt: EpochMs | undefined, early: EarlyTag | undefined): EpochMs | undefined {
  if (!early || taggedAt === undefined) return taggedAt;
  const { approvedAt } = early.gate;
  return approvedAt === undefined ? undefined : Math.max(taggedAt, approvedAt);
}
