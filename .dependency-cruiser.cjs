// The layering of src/ (docs/architecture.md, "Modules, and what each may import"), checked by
// `npm run lint:deps` inside `npm test`. Each rule names the arrow it forbids; a module of src/
// may always import its own folder. The files beside cli.tsx (errors.ts, find-up.ts,
// zod-setup.ts) are neutral: in no layer, importing none.

/** The files beside cli.tsx, which belong to no layer. */
const NEUTRAL = '^src/[^/]+[.]ts$';

/** "from FOLDER (a regex of folder names), nothing of src/ but its own folder and ALLOWED". */
function onlyImports(name, folder, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: `^src/(${folder})/` },
    // $1 is the importing module's own folder: journal/ may import journal/, not sources/.
    to: { path: '^src/', pathNot: ['^src/$1/', ...allowed] },
  };
}

/** "from FOLDER, only types of TARGET" (a value would run TARGET's code). */
function onlyTypesFrom(name, folder, target, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: `^src/${folder}/` },
    to: { path: `^src/${target}/`, dependencyTypesNot: ['type-only'] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: neither can be read, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment:
        'domain/ holds the rules: no I/O, no clock, no React, so nothing outside itself (no other folder, no package, no node: module).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    onlyImports('store-imports-domain', 'store', ['^src/domain/'], 'store/ holds state and selectors over the domain.'),
    onlyImports(
      'edges-import-domain',
      '(config|journal|sources|notify)',
      ['^src/domain/', NEUTRAL],
      'config/, journal/, sources/ and notify/ turn outside data into domain values; none knows another edge, the store or the UI.',
    ),
    onlyImports(
      'fakes-import-domain',
      'fakes',
      ['^src/domain/', NEUTRAL],
      'The fakes are loopback servers any test can start: they know only domain types (and find-up.ts, for the prebuilt GitHub schema), not the demo or the app.',
    ),
    onlyTypesFrom(
      'fakes-import-domain-types',
      'fakes',
      'domain',
      'The fakes answer from their own world; they take only types from domain/.',
    ),
    onlyImports(
      'demo-imports-domain-fakes',
      'demo',
      ['^src/domain/', '^src/fakes/', NEUTRAL],
      'The demo is a world and two stories played on the fakes; it never reads the app, store or UI.',
    ),
    onlyImports(
      'present-imports-domain-store',
      'present',
      ['^src/domain/', '^src/store/'],
      'How states look, shared by the screens and the text output, so it imports neither.',
    ),
    {
      name: 'app-not-ui-cli',
      comment: 'app/ runs the actions for keys and commands alike; it must not know which one asked.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: ['^src/ui/', '^src/cli/', '^src/cli[.]tsx$'] },
    },
    onlyImports(
      'ui-imports-store-domain-present-app',
      'ui',
      ['^src/store/', '^src/domain/', '^src/present/', '^src/app/'],
      'The UI renders the store and dispatches; it never reaches a source, the journal or Slack itself.',
    ),
    onlyTypesFrom(
      'ui-imports-app-types',
      'ui',
      'app',
      'The UI is handed the controller; it takes only types from app/, so it cannot start I/O on its own.',
    ),
    {
      name: 'cli-text-not-ui',
      comment:
        'Headless output (summary, status, report, gate…) must not load the TUI; what both show lives in present/. Only the TUI runner imports ui/.',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: '^src/cli/tui[.]tsx$' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'only-cli-imports-cli',
      comment: 'cli/ is the outermost layer: arguments and exit codes; nothing below it may depend on how it was called.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/cli/', '^src/cli[.]tsx$'] },
      to: { path: ['^src/cli/', '^src/cli[.]tsx$'] },
    },
    {
      name: 'neutral-imports-no-layer',
      comment: 'The files beside cli.tsx are shared by several layers, so they may import none.',
      severity: 'error',
      from: { path: NEUTRAL },
      to: { path: '^src/[^/]+/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are arrows too: a type from an upper layer couples as much as a value.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
