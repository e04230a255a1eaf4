// Bundles the CLI into one ES module: an unbundled Ink app spends most of its start-up
// resolving hundreds of files.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

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

await build({
  entryPoints: ['src/cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  minifySyntax: true,
  legalComments: 'none',
  sourcemap: 'linked',
  define: { HYPERFLEET_VERSION: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies inside an ES module bundle need `require`.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [devtoolsStub],
  logLevel: 'warning',
});
