import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/config.js';
import { evaluateGate, roleToSign, signoffText, type Approval, type GatePolicy } from '../../src/domain/gate.js';
import { evaluatePlaybook } from '../../src/domain/playbook.js';
import { HOUR } from '../../src/domain/time.js';
import { NOW, playbook, playbookBase, step } from './fixtures.js';

// hyperfleet-release-process.md §1.5 "Final Stakeholder Sign-Off": QE Owner, CI Owner, Tech Lead.
const signoff = step('final-signoff', { kind: 'gate', signoff: ['qe-owner', 'ci-owner', 'tech-lead'] });
const roles: Record<string, Role> = {
  'release-owner': { title: 'Release Owner', approvers: ['ro'] },
  'qe-owner': { title: 'QE Owner', approvers: ['qe', 'both'] },
  'ci-owner': { title: 'CI Owner', approvers: ['ci', 'both'] },
  'tech-lead': { title: 'Tech Lead', approvers: ['lead'] },
};
const policy: GatePolicy = { roles, twoPersonRule: false, plannedBy: null };
const signed = (by: string, role?: string, ago = HOUR): Approval => ({ by, at: NOW - ago, evidence: [], ...(role ? { role } : {}) });
const evaluate = (approvals: Approval[]) => evaluateGate(signoff, [], approvals, [], policy);
const states = (approvals: Approval[]) => evaluate(approvals).signoffs.map((s) => `${s.role}:${s.approval.state}`);

describe('a gate signed by several roles', () => {
  it('is approved only when every role has signed, and says which roles are still missing', () => {
    const two = evaluate([signed('qe', 'qe-owner'), signed('ci', 'ci-owner')]);
    expect(two.done).toBe(false);
    expect(two.signoffs.map((s) => signoffText(s, NOW))).toEqual([
      'QE Owner: signed by @qe 1h ago',
      'CI Owner: signed by @ci 1h ago',
      'Tech Lead: not signed (may sign: @lead)',
    ]);
    expect(evaluate([signed('qe', 'qe-owner'), signed('ci', 'ci-owner'), signed('lead', 'tech-lead')]).done).toBe(true);
  });

  it('counts one person once: a second role signed by the same person does not count, and says why', () => {
    const result = evaluate([signed('both', 'qe-owner', 2 * HOUR), signed('both', 'ci-owner'), signed('lead', 'tech-lead')]);
    expect(states([signed('both', 'qe-owner', 2 * HOUR), signed('both', 'ci-owner'), signed('lead', 'tech-lead')])).toEqual([
      'qe-owner:valid',
      'ci-owner:invalid',
      'tech-lead:valid',
    ]);
    expect(result.done).toBe(false);
    expect(result.rejected).toEqual([
      'approval by @both does not count: @both already signed as QE Owner, and each role is signed by a different person',
    ]);
  });

  it('a signature by someone who does not hold the role does not count', () => {
    expect(states([signed('lead', 'qe-owner')])).toEqual(['qe-owner:invalid', 'ci-owner:none', 'tech-lead:none']);
  });

  it('reads an approval from a journal written before roles were recorded as the first of its roles its author holds', () => {
    expect(states([signed('ci'), signed('lead')])).toEqual(['qe-owner:none', 'ci-owner:valid', 'tech-lead:valid']);
  });

  it('the checklist step waits naming the roles still to sign', () => {
    const [phase] = evaluatePlaybook({
      ...playbookBase(),
      playbook: playbook(signoff),
      gates: { 'final-signoff': { approvals: [signed('qe', 'qe-owner')], waivers: [] } },
      policy,
    });
    const view = phase!.steps[0]!;
    expect(view.state).toBe('waiting');
    expect(view.reasons).toContain('waiting for sign-off by CI Owner and Tech Lead (a)');
  });
});

describe('roleToSign', () => {
  const none = evaluate([]).signoffs;
  it.each([
    ['qe', undefined, { role: 'qe-owner' }],
    ['lead', 'tech-lead', { role: 'tech-lead' }],
    [
      'ro',
      undefined,
      { refusal: '@ro is not a QE Owner, CI Owner or Tech Lead approver; ask QE Owner @qe, @both; CI Owner @ci, @both; Tech Lead @lead' },
    ],
    ['both', undefined, { refusal: '@both may sign as QE Owner or CI Owner: say which role (qe-owner, ci-owner)', field: 'role' }],
    ['both', 'ci-owner', { role: 'ci-owner' }],
    ['qe', 'tech-lead', { refusal: '@qe is not a Tech Lead approver; ask @lead', field: 'role' }],
    [
      'qe',
      'release-owner',
      {
        refusal: '"Step final-signoff" is not signed by the role "release-owner"; its roles are qe-owner, ci-owner, tech-lead',
        field: 'role',
      },
    ],
  ])('%s as %s, nothing signed yet → %j', (login, role, expected) => {
    expect(roleToSign(signoff, login, none, policy, role)).toEqual(expected);
  });

  it('one person holding two roles signs once: after QE Owner, CI Owner is refused', () => {
    const after = evaluate([signed('both', 'qe-owner')]).signoffs;
    expect(roleToSign(signoff, 'both', after, policy, 'ci-owner')).toEqual({
      refusal: '@both already signed as QE Owner, and each role is signed by a different person',
      field: 'role',
    });
    // Without --role, signing again renews the role already signed.
    expect(roleToSign(signoff, 'both', after, policy)).toEqual({ role: 'qe-owner' });
  });

  it('a role already signed by someone else is taken', () => {
    const after = evaluate([signed('qe', 'qe-owner'), signed('ci', 'ci-owner')]).signoffs;
    expect(roleToSign(signoff, 'both', after, policy)).toEqual({
      refusal:
        'every role @both holds is signed already (QE Owner by @qe, CI Owner by @ci); each role is signed once, by a different person',
    });
    expect(roleToSign(signoff, 'both', after, policy, 'qe-owner')).toEqual({ refusal: 'QE Owner is already signed by @qe', field: 'role' });
  });
});
