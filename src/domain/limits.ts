import { MINUTE, type EpochMs } from './time.js';

/**
 * How long each kind of text may be, for everyone who writes the journal and the one codec that
 * reads it back: input over a limit is refused before anything is written, so the reader never
 * skips a line a writer acknowledged.
 */

/** Free text a person types: a summary, note, reason, mitigation, comment, tracking issue, a notice's field. */
export const TEXT_LIMIT = 10_000;
/**
 * Names: event ids, GitHub logins, tracking keys, versions, ids from the configuration (steps,
 * layers, components), commits, states, Slack channel ids and message ts, notice field names.
 */
export const IDENTIFIER_LIMIT = 100;
/** A notice's key is `owner/kind`: a release or hotfix key, and a template's kind. */
export const NOTICE_KEY_LIMIT = 2 * IDENTIFIER_LIMIT + 1;
/** A host name, as a notice's claim records where it was made (DNS allows 253). */
export const HOST_LIMIT = 255;
/**
 * How much of a pull request's description is kept (GitHub allows 65,536 characters): enough for
 * the sections a code-freeze exception is read for (its justification and risk assessment).
 */
export const PULL_REQUEST_BODY_LIMIT = 10_000;
/** Reviews read per pull request: each reviewer's latest, so a handful; more than this many reviewers is unheard of. */
export const PULL_REQUEST_REVIEWS_LIMIT = 20;
/** Links recorded from outside: a run's link in an approval's evidence, a Slack permalink. */
export const LINK_LIMIT = 2_000;
/** Layer × component cells an approval records as its evidence. */
export const EVIDENCE_LIMIT = 1_000;
/**
 * Checks a completed step (or approved gate) records as passing when it went past them, and the
 * cells and tags or artifacts each passed on: a step needs a handful, a check has layers ×
 * components cells; the product keeps one event line in a few megabytes.
 */
export const ACCEPTED_CHECKS_LIMIT = 20;
export const ACCEPTED_EVIDENCE_LIMIT = 100;

/**
 * A hand-over's parts, lines and line length: five parts, a shift's worth of lines in each, a
 * step's title and its reason in a line; domain/handover cuts what it writes to fit.
 */
export const HANDOVER_SECTIONS_LIMIT = 10;
export const HANDOVER_LINES_LIMIT = 200;
export const HANDOVER_LINE_LIMIT = 500;

/**
 * A release's configuration as the ledger keeps it: hyperfleet.yaml, its notices and playbooks
 * (four files today), each far under this (the bundled ones are 5–30 KB).
 */
export const RULEBOOK_FILES_LIMIT = 8;
export const RULEBOOK_FILE_LIMIT = 200_000;

/**
 * How far ahead of this machine's clock an event may be dated and still count: clocks of the
 * people sharing a journal disagree by seconds, never by more. Anything later is a typo or a
 * hand-made line (an approval dated 9999-12-31 would otherwise count for ever).
 */
export const CLOCK_SKEW_MS = 5 * MINUTE;

/** Whether a time is later than `now` by more than clock skew. */
export const isInTheFuture = (at: EpochMs, now: EpochMs): boolean => at > now + CLOCK_SKEW_MS;

/** Characters as a person counts them (code points: an emoji is one, not two UTF-16 units). */
export function textLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Whether the text fits; cheap for the usual short text (never more code points than units). */
export const fitsLimit = (text: string, limit: number): boolean => text.length <= limit || textLength(text) <= limit;

/** The first `limit` characters (code points) of the text, and whether anything was cut. */
export function capText(text: string, limit: number): { readonly text: string; readonly cut: boolean } {
  if (fitsLimit(text, limit)) return { text, cut: false };
  return { text: Array.from(text).slice(0, limit).join(''), cut: true };
}

const grouped = (n: number): string => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "is 10,001 characters; the limit is 10,000": what follows a field's name when it is too long. */
export const tooLongBy = (length: number, limit: number): string => `is ${grouped(length)} characters; the limit is ${grouped(limit)}`;

/** `--summary is 10,001 characters; the limit is 10,000`, or null when the text fits. */
export function lengthProblem(name: string, text: string, limit: number): string | null {
  return fitsLimit(text, limit) ? null : `${name} ${tooLongBy(textLength(text), limit)}`;
}
