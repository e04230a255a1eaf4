/**
 * Ink's text measuring and slicing, remembered across frames. The build routes Ink's imports of
 * string-width, slice-ansi and @alcalzone/ansi-tokenize through these (scripts/esbuild-plugins.mjs):
 * a frame is mostly the lines of the frame before, so their widths, tokens and slices are looked
 * up instead of computed again. Each cache is bounded and starts over when full. None of the
 * remembered results is changed by its callers (Ink copies cells into rows, it never edits them).
 * `npm run bench` shows the gain (keypress to frame on a large checklist).
 */
const LIMIT = 20_000;

function bounded<K, V>(): { get(key: K): V | undefined; set(key: K, value: V): V } {
  const map = new Map<K, V>();
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      if (map.size >= LIMIT) map.clear();
      map.set(key, value);
      return value;
    },
  };
}

type Measure = (text: string, options?: object) => number;

/** string-width: options change the answer (ambiguous widths, counting escapes), so those calls are measured. */
export function rememberWidths(measure: Measure): Measure {
  const widths = bounded<string, number>();
  return (text, options) => {
    if (options && Object.keys(options).length > 0) return measure(text, options);
    return widths.get(text) ?? widths.set(text, measure(text));
  };
}

/** A function of one string (ansi-tokenize's `tokenize`). */
export function rememberByText<R>(compute: (text: string) => R): (text: string) => R {
  const results = bounded<string, R>();
  return (text) => results.get(text) ?? results.set(text, compute(text));
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
export function rememberSlices(slice: Slice): Slice {
  const slices = bounded<string, string>();
  return (text, start, end) => {
    const key = `${start}:${end ?? ''}:${text}`;
    return slices.get(key) ?? slices.set(key, slice(text, start, end));
  };
}
