import { capText, PULL_REQUEST_BODY_LIMIT } from '../../domain/limits.js';
import type { PullRequestFact, PullRequestReview } from '../../domain/status.js';
import { parseInstant } from '../http-errors.js';
import type { RawPullRequest } from './response.js';

const PR_STATES: Record<string, PullRequestFact['state']> = { OPEN: 'open', MERGED: 'merged', CLOSED: 'closed' };
const ROLLUP_STATES: Record<string, PullRequestFact['ci']> = {
  SUCCESS: 'passed',
  FAILURE: 'failed',
  ERROR: 'failed',
  PENDING: 'running',
  EXPECTED: 'running',
};
const REVIEW_DECISIONS: Record<string, PullRequestFact['review']> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes-requested',
  REVIEW_REQUIRED: 'review-required',
};

const REVIEW_STATES: Record<string, PullRequestReview['state']> = {
  APPROVED: 'approved',
  CHANGES_REQUESTED: 'changes-requested',
  DISMISSED: 'dismissed',
  COMMENTED: 'commented',
  PENDING: 'pending',
};

/**
 * Each reviewer's latest review that approves or asks for changes: GitHub's latest *opinionated*
 * reviews, so a comment after an approval does not hide it (as branch protection counts it). A
 * review state GitHub adds later reads as a comment, never as an approval; a deleted account's
 * review has no author and counts for nobody.
 */
function reviewsOf(raw: RawPullRequest): PullRequestReview[] {
  return (raw.latestOpinionatedReviews?.nodes ?? []).flatMap((r) =>
    r?.author ? [{ by: r.author.login, state: REVIEW_STATES[r.state] ?? 'commented' }] : [],
  );
}

/**
 * A pull request as the domain needs it; an unknown state from GitHub reads as open, never
 * merged. Reviews only when they were asked for (a code-freeze exception's): none asked is not
 * "no approvals".
 */
export function pullRequestFact(raw: RawPullRequest): PullRequestFact {
  const rollup = raw.commits?.nodes?.[0]?.commit.statusCheckRollup?.state;
  const body = raw.body ? capText(raw.body, PULL_REQUEST_BODY_LIMIT) : null;
  const createdAt = parseInstant(raw.createdAt);
  const mergedAt = parseInstant(raw.mergedAt);
  const commit = raw.mergeCommit?.oid ?? raw.headRefOid;
  return {
    number: raw.number,
    title: raw.title,
    url: raw.url,
    state: PR_STATES[raw.state] ?? 'open',
    base: raw.baseRefName,
    head: raw.headRefName,
    labels: (raw.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])),
    ...(raw.author ? { author: raw.author.login } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(mergedAt !== undefined ? { mergedAt } : {}),
    ...(commit ? { commit } : {}),
    ci: rollup ? (ROLLUP_STATES[rollup] ?? 'failed') : 'none',
    review: REVIEW_DECISIONS[raw.reviewDecision ?? ''] ?? 'none',
    ...(typeof raw.changedFiles === 'number' ? { changedFiles: raw.changedFiles } : {}),
    ...(body ? { body: body.text, ...(body.cut ? { bodyCut: true } : {}) } : {}),
    ...(raw.latestOpinionatedReviews ? { reviews: reviewsOf(raw) } : {}),
  };
}
