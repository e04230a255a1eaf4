import { LRUCache } from 'lru-cache';

/**
 * Ink's text measuring and slicing, remembered across frames. The build routes Ink's imports of
 * string-width, slice-ansi and @alcalzone/ansi-tokenize through these (scripts/esbuild-plugins.mjs):
 * a frame is mostly the lines of the frame before, so their widths, tokens and slices are looked
 * up instead of computed again. None of the remembered results is changed by its callers (Ink
 * copies cells into rows, it never edits them).
 *
 * Each cache is bounded by the memory its entries hold, least recently used out first: the app is
 * left open for days, and the clock alone makes a new line every second. `npm run bench` shows the
 * hit rate and the resident memory after 1,000 refreshes.
 */

/**
 * What an entry costs, measured on a styled 100-column line (`node --expose-gc`, heap before and
 * after 2,000 lines): ansi-tokenize's tokens with the styled cells made from them (kept alive by
 * the WeakMap below as long as the tokens are) take ~360 bytes a character; a string takes 2.
 */
const TOKEN_BYTES_PER_CHAR = 360;
const STRING_BYTES_PER_CHAR = 2;
const ENTRY_BYTES = 64;

/**
 * A few screens each: a 200×60 screen is 12,000 characters, ~4 MiB of tokens. A line drawn again
 * within the last few screens is a hit; a day of clock ticks is not kept.
 */
const TOKEN_BUDGET = 16 * 1024 * 1024;
const WIDTH_BUDGET = 2 * 1024 * 1024;
const SLICE_BUDGET = 4 * 1024 * 1024;

/** Hits and misses of every cache since start: the bench prints the rate. */
export const renderCacheStats = { hits: 0, misses: 0 };

function bounded<V extends {}>(budget: number, bytesOf: (key: string, value: V) => number) {
  const cache = new LRUCache<string, V>({ maxSize: budget, sizeCalculation: (value, key) => Math.max(1, bytesOf(key, value)) });
  return (key: string, compute: () => V): V => {
    const found = cache.get(key);
    if (found !== undefined) {
      renderCacheStats.hits += 1;
      return found;
    }
    renderCacheStats.misses += 1;
    const value = compute();
    cache.set(key, value);
    return value;
  };
}

const stringBytes = (key: string, value: unknown): number =>
  ENTRY_BYTES + STRING_BYTES_PER_CHAR * (key.length + (typeof value === 'string' ? value.length : 0));

type Measure = (text: string, options?: object) => number;

/** string-width: options change the answer (ambiguous widths, counting escapes), so those calls are measured. */
export function rememberWidths(measure: Measure, budget = WIDTH_BUDGET): Measure {
  const widths = bounded<number>(budget, stringBytes);
  return (text, options) => {
    if (options && Object.keys(options).length > 0) return measure(text, options);
    return widths(text, () => measure(text));
  };
}

/** A function of one string (ansi-tokenize's `tokenize`), whose answer costs memory in proportion to it. */
export function rememberByText<R extends {}>(compute: (text: string) => R, budget = TOKEN_BUDGET): (text: string) => R {
  const results = bounded<R>(budget, (key) => ENTRY_BYTES + TOKEN_BYTES_PER_CHAR * key.length);
  return (text) => results(text, () => compute(text));
}

/** A function of one object that is itself remembered (`styledCharsFromTokens` of a remembered token list). */
export function rememberByObject<A extends object, R>(compute: (arg: A) => R): (arg: A) => R {
  const results = new WeakMap<A, R>();
  return (arg) => {
    let result = results.get(arg);
    if (result === undefined) {
      result = compute(arg);
      results.set(arg, result);
    }
    return result;
  };
}

type Slice = (text: string, start: number, end?: number) => string;

/** slice-ansi. */
export function rememberSlices(slice: Slice, budget = SLICE_BUDGET): Slice {
  const slices = bounded<string>(budget, stringBytes);
  return (text, start, end) => slices(`${start}:${end ?? ''}:${text}`, () => slice(text, start, end));
}
