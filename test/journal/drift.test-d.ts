// Type tests, checked by `tsc --noEmit` (the first step of `npm test`): each `@ts-expect-error`
// fails the build if journal/drift.ts stops seeing that drift between a schema and its type.
import type { DriftedEvents, NoDrift } from '../../src/journal/drift.js';

interface Evidence {
  readonly layer: string;
  readonly finishedAt?: number;
}
/** As the domain writes an event union: readonly at every depth. */
type Domain =
  | { readonly type: 'opened'; readonly summary: string; readonly note?: string }
  | { readonly type: 'approved'; readonly evidence: readonly Evidence[] };
/** As a zod schema's output reads: mutable, optional fields `| undefined`. */
type Decoded =
  | { type: 'opened'; summary: string; note?: string | undefined }
  | { type: 'approved'; evidence: { layer: string; finishedAt?: number | undefined }[] };

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;

export type Agree = NoDrift<DriftedEvents<Decoded, Domain>>;
export type AgreeEitherWay = NoDrift<DriftedEvents<Domain, Decoded>>;

type ExtraOptional = { type: 'opened'; summary: string; note?: string; by?: string } | Extract<Decoded, { type: 'approved' }>;
// @ts-expect-error a field only the schema has, though optional (assignable both ways, still a drift)
export type ExtraOptionalFails = NoDrift<DriftedEvents<ExtraOptional, Domain>>;
export type ExtraOptionalNamed = Expect<Equal<DriftedEvents<ExtraOptional, Domain>, 'opened'>>;

type NoteRequired = { type: 'opened'; summary: string; note: string } | Extract<Decoded, { type: 'approved' }>;
// @ts-expect-error a field the domain has optional and the schema requires
export type NoteRequiredFails = NoDrift<DriftedEvents<NoteRequired, Domain>>;

type TimeAsText = Extract<Decoded, { type: 'opened' }> | { type: 'approved'; evidence: { layer: string; finishedAt?: string }[] };
// @ts-expect-error a nested field retyped (a time left as ISO text instead of epoch ms)
export type TimeAsTextFails = NoDrift<DriftedEvents<TimeAsText, Domain>>;
export type TimeAsTextNamed = Expect<Equal<DriftedEvents<TimeAsText, Domain>, 'approved'>>;

type ExtraEvent = Decoded | { type: 'closed' };
// @ts-expect-error an event type only the schema parses
export type ExtraEventFails = NoDrift<DriftedEvents<ExtraEvent, Domain>>;
export type ExtraEventNamed = Expect<Equal<DriftedEvents<ExtraEvent, Domain>, 'closed'>>;
export type MissingEventNamed = Expect<Equal<DriftedEvents<Extract<Decoded, { type: 'opened' }>, Domain>, 'approved'>>;
