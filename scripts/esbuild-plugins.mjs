// esbuild plugins shared by the build and the benchmarks.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const renderCache = JSON.stringify(fileURLToPath(new URL('../src/ui/text/render-cache.ts', import.meta.url)));

/** For each package: the module that stands in for it, given the real module's path. */
const STAND_INS = {
  'string-width': (real) => `import measure from ${real};
import { rememberWidths } from ${renderCache};
export default rememberWidths(measure);`,
  'slice-ansi': (real) => `import slice from ${real};
import { rememberSlices } from ${renderCache};
export default rememberSlices(slice);`,
  '@alcalzone/ansi-tokenize': (real) => `import * as ansi from ${real};
import { rememberByObject, rememberByText } from ${renderCache};
export * from ${real};
export const tokenize = rememberByText(ansi.tokenize);
export const styledCharsFromTokens = rememberByObject(ansi.styledCharsFromTokens);`,
};

/**
 * Ink measures, tokenises and slices every line of every frame, and a line with a glyph (✓ · ○)
 * or a colour takes the slow paths (grapheme segmentation, emoji tests), though most lines are
 * the same as in the frame before. Every import of these packages gets a stand-in that remembers
 * the answers across frames (src/ui/text/render-cache.ts).
 */
export const rememberInkText = {
  name: 'remember-ink-text',
  setup(build) {
    const filter = new RegExp(
      `^(${Object.keys(STAND_INS)
        .map((p) => p.replace(/[/@.-]/g, '\\$&'))
        .join('|')})$`,
    );
    build.onResolve({ filter }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const real = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: { real: true } });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'remembered', pluginData: { pkg: args.path } };
    });
    build.onLoad({ filter: /.*/, namespace: 'remembered' }, (args) => ({
      contents: STAND_INS[args.pluginData.pkg](JSON.stringify(args.path)),
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

const frameWriter = JSON.stringify(fileURLToPath(new URL('../src/ui/frame-writer.ts', import.meta.url)));

/**
 * Ink's log-update erases and rewrites the whole frame each time (and its incremental mode
 * rewrites the wrong lines): Ink's import of it gets src/ui/frame-writer.ts, which writes only the
 * lines that changed, with the cli-cursor Ink hides and restores the cursor with.
 */
export const inkFrameWriter = {
  name: 'ink-frame-writer',
  setup(build) {
    build.onResolve({ filter: /^\.\/log-update\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]ink[\\/]build$/.test(dirname(args.importer))) return undefined;
      return { path: join(dirname(args.importer), 'log-update.js'), namespace: 'ink-frame-writer' };
    });
    build.onLoad({ filter: /.*/, namespace: 'ink-frame-writer' }, (args) => ({
      contents: `import cliCursor from 'cli-cursor';
import { createFrameWriter } from ${frameWriter};
export default { create: (stream, options) => createFrameWriter(stream, { ...options, cursor: cliCursor }) };`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};
