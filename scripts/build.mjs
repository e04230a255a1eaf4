// Bundles the CLI into one ES module: an unbundled Ink app spends most of its start-up
// resolving hundreds of files.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { inkFrameWriter, rememberInkText } from './esbuild-plugins.mjs';
import { writeGitHubSchema } from './github-schema.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Ink imports the React devtools only when DEV=true. esbuild bundles that dynamic import, so
// give it an empty module instead of shipping (or failing to find) react-devtools-core.
const devtoolsStub = {
  name: 'devtools-stub',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
  },
};

// Chunk names carry content hashes: start clean so no stale chunk is left beside the new ones.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  // The demo's fake GitHub, Prow, registry and Slack servers run in a worker thread of their own.
  entryPoints: { cli: 'src/cli.tsx', 'fakes-worker': 'src/demo/fakes-worker.ts' },
  outdir: 'dist',
  // The interactive app (Ink, React, yoga) is its own chunk: --help, the summary and headless
  // commands never load it.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minify: true,
  legalComments: 'none',
  sourcemap: 'linked',
  // HYPERFLEET_BUILD names this build: what a remembered configuration must have been written by.
  define: {
    HYPERFLEET_VERSION: JSON.stringify(version),
    HYPERFLEET_BUILD: JSON.stringify(`${version}+${Date.now().toString(36)}`),
    'process.env.NODE_ENV': '"production"',
  },
  // CommonJS dependencies inside an ES module bundle need `require`.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // `open` runs its own copy of xdg-open by path when the system has none: it stays a file beside itself.
  external: ['open'],
  // graphql's ES modules, not its CommonJS `main` (what esbuild picks for Node): they tree-shake,
  // and they are not each wrapped and run at load.
  alias: { graphql: 'graphql/index.mjs' },
  plugins: [devtoolsStub, rememberInkText, inkFrameWriter],
  logLevel: 'warning',
});
// What the fake GitHub validates against, prebuilt: see scripts/github-schema.mjs.
writeGitHubSchema(new URL('../dist/github-schema.json', import.meta.url));
