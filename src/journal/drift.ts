/**
 * Type-level checks that a codec's schema and the domain's hand-written type describe one thing.
 * The domain keeps the types (it imports no package, not even zod); the codec keeps the schema;
 * these make the compiler hold the two together.
 */

/** A type with `readonly` dropped at every depth: a schema's output is mutable, the domain's is not. */
type Plain<T> = T extends readonly (infer U)[] ? Plain<U>[] : T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T;

/**
 * Whether A and B are the same type, not merely assignable (an extra optional field differs).
 * The `[A] extends [unknown]` defers the comparison until A is known: without it, inside a
 * generic, TypeScript compares the unresolved forms, and every member would differ.
 */
type Same<A, B> = [A] extends [unknown] ? ((<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false) : never;

type Member<T, K> = Plain<Extract<T, { type: K }>>;

/**
 * The `type`s of a discriminated union on which `Decoded` (what the schema parses to) and
 * `Domain` differ, field for field and both ways: a member on one side only, a field added,
 * dropped, made optional or retyped. `never` when they agree.
 */
export type DriftedEvents<Decoded extends { type: string }, Domain extends { type: string }> = DriftedOf<
  Decoded,
  Domain,
  Decoded['type'] | Domain['type']
>;
type DriftedOf<Decoded, Domain, K> = K extends unknown ? (Same<Member<Decoded, K>, Member<Domain, K>> extends true ? never : K) : never;

/** Compiles only when `T` is `never`: `NoDrift<DriftedEvents<…>>` names each drifted type in the error. */
export type NoDrift<T extends never> = T;
