import { describe, expect, it } from 'vitest';
import type { Naming, Role } from '../../src/domain/config.js';
import { anchorAfterGate, earlyTag, earlyTags, patchTagSeen, releaseTagsSeen } from '../../src/domain/early-tags.js';
import type { PatchFacts } from '../../src/domain/facts.js';
import type { GateRecord } from '../../src/domain/fold.js';
import type { RepoFacts } from '../../src/domain/status.js';
import { components, makeupOf, playbook, step } from './fixtures.js';

const at = (text: string) => Date.parse(`${text}:00Z`);
const GATE = { step: 'release-gate', title: 'Release gate' };
const naming = { componentTag: 'v{version}', rcTag: 'v{version}-rc{n}' } as unknown as Naming;
const roles: Record<string, Role> = { 'release-owner': { title: 'Release Owner', approvers: ['rh-amarin'] } };
const policy = { roles, twoPersonRule: false, plannedBy: null };

const gaPlaybook = playbook(
  step('release-gate', { kind: 'gate', title: 'All mandatory test layers pass' }),
  step('tag-rc', { kind: 'check', check: { tags: 'rcTag' } }),
  step('ga-tags', { kind: 'check', needs: ['release-gate'], check: { tags: 'componentTag' } }),
);
const titles = new Map([['release-gate', 'All mandatory test layers pass']]);
const approvals = (...list: Array<[string, number]>): Record<string, GateRecord> => ({
  'release-gate': { approvals: list.map(([by, when]) => ({ by, at: when, evidence: [] })), waivers: [] },
});
const repos = (tagged: Record<string, { lightweight?: boolean; at: number }>): RepoFacts[] =>
  components.map((c) => {
    const tag = tagged[c.name];
    return {
      repo: c.repo,
      tags: tag ? ['v0.4.0', 'v0.4.0-rc1'] : ['v0.4.0-rc1'],
      taggedAt: tag ? { 'v0.4.0': tag.at } : ({} as Record<string, number>),
      annotatedAt: tag && !tag.lightweight ? { 'v0.4.0': tag.at } : ({} as Record<string, number>),
    };
  });
const judge = (seen: RepoFacts[], gates: Record<string, GateRecord>) =>
  earlyTags({
    playbook: gaPlaybook,
    gates,
    policy,
    titles,
    tagsOf: (s) => releaseTagsSeen(s, makeupOf(), seen, naming),
  });

describe('earlyTag', () => {
  it('a tag dated before the gate was approved is a violation, saying when, where and which gate', () => {
    const found = earlyTag(
      [
        { tag: 'v0.4.0', where: 'adapter', madeAt: at('2026-11-20T15:30') },
        { tag: 'v0.4.0', where: 'api', madeAt: at('2026-11-20T14:02') },
      ],
      { ...GATE, approvedAt: at('2026-11-21T09:00') },
    );
    expect(found?.text).toBe(
      'v0.4.0 tagged 2026-11-20 14:02 UTC (api, adapter) before its gate "Release gate" was approved at 2026-11-21 09:00 UTC',
    );
    expect(found?.places.map((p) => p.where)).toEqual(['api', 'adapter']);
  });

  it('a tag made after the approval is not; one without a date of its own is judged only while the gate is unapproved', () => {
    const approved = { ...GATE, approvedAt: at('2026-11-21T09:00') };
    expect(earlyTag([{ tag: 'v0.4.0', where: 'api', madeAt: at('2026-11-21T10:00') }], approved)).toBeNull();
    expect(earlyTag([{ tag: 'v0.4.0', where: 'api' }], approved)).toBeNull();
    expect(earlyTag([{ tag: 'v0.4.0', where: 'api' }], GATE)?.text).toBe(
      'v0.4.0 tagged (api) while its gate "Release gate" is not approved',
    );
    expect(earlyTag([], GATE)).toBeNull();
  });
});

describe('earlyTags over a playbook', () => {
  it('judges the GA tags against the gate they need, by the first approval of someone who may approve', () => {
    const tagged = repos({ api: { at: at('2026-11-20T14:02') } });
    // The intern's approval came first but does not count; the Release Owner's came after the tag.
    const [found, ...rest] = judge(tagged, approvals(['intern', at('2026-11-20T12:00')], ['rh-amarin', at('2026-11-21T09:00')]));
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ tag: 'v0.4.0', gate: { step: 'release-gate', approvedAt: at('2026-11-21T09:00') } });
    expect(found!.text).toBe(
      'v0.4.0 tagged 2026-11-20 14:02 UTC (api) before its gate "All mandatory test layers pass" was approved at 2026-11-21 09:00 UTC',
    );
    expect(judge(tagged, approvals(['rh-amarin', at('2026-11-20T12:00')]))).toEqual([]);
  });

  it('the RC tag needs no gate, so it is never judged; no GA tag yet is no violation', () => {
    expect(judge(repos({}), {})).toEqual([]);
  });

  it('a lightweight GA tag while the gate is not approved is one; after an approval it cannot be dated', () => {
    const tagged = repos({
      api: { lightweight: true, at: at('2026-11-19T08:00') },
      adapter: { lightweight: true, at: at('2026-11-19T08:00') },
    });
    expect(judge(tagged, {}).map((e) => e.text)).toEqual([
      'v0.4.0 tagged (api, adapter) while its gate "All mandatory test layers pass" is not approved',
    ]);
    expect(judge(tagged, approvals(['rh-amarin', at('2026-11-21T09:00')]))).toEqual([]);
  });

  it("a hotfix's patch tag is judged against its QE gate", () => {
    const hotfix = playbook(
      step('qe-signoff', { kind: 'gate', owner: 'release-owner' }),
      step('patch-tag', { kind: 'check', needs: ['qe-signoff'], check: { patch: 'tag' } }),
    );
    const patch = { tag: 'v0.3.2', tagExists: true, madeAt: at('2026-11-20T10:00') } as PatchFacts;
    const found = earlyTags({ playbook: hotfix, gates: {}, policy, titles: new Map(), tagsOf: (s) => patchTagSeen(s, patch, 'adapter') });
    expect(found.map((e) => e.text)).toEqual([
      'v0.3.2 tagged 2026-11-20 10:00 UTC (adapter) while its gate "Step qe-signoff" is not approved',
    ]);
    expect(patchTagSeen(hotfix.phases[0]!.steps[1]!, { ...patch, tagExists: false }, 'adapter')).toEqual([]);
  });
});

describe('anchorAfterGate', () => {
  const early = earlyTag([{ tag: 'v0.4.0', where: 'api', madeAt: 1000 }], GATE)!;
  it('an early tag is no GA day: none until the approval, then the later of tag and approval', () => {
    expect(anchorAfterGate(1000, undefined)).toBe(1000);
    expect(anchorAfterGate(1000, early)).toBeUndefined();
    expect(anchorAfterGate(1000, { ...early, gate: { ...GATE, approvedAt: 5000 } })).toBe(5000);
    expect(anchorAfterGate(undefined, early)).toBeUndefined();
  });
});
