import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURE = resolve(import.meta.dirname, 'fixtures/layering');

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** Runs `depcruise src` with the project's rules in `cwd`, as `npm run lint:deps` does. */
function depcruise(cwd: string, ...flags: string[]): { status: number | null; stdout: string } {
  const bin = resolve(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const result = spawnSync(process.execPath, [bin, 'src', '--config', resolve(ROOT, '.dependency-cruiser.cjs'), ...flags], {
    cwd,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout };
}

describe('the layering rules (.dependency-cruiser.cjs)', () => {
  it('name every wrong import of the fixture, and only those: each allowed arrow there passes', () => {
    const { summary } = JSON.parse(depcruise(FIXTURE, '--output-type', 'json').stdout) as { summary: { violations: Violation[] } };
    const found = summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual(
      [
        'app-not-ui-cli: src/app/wrong-cli.ts → src/cli/exit.ts',
        'only-cli-imports-cli: src/app/wrong-cli.ts → src/cli/exit.ts',
        'cli-text-not-ui: src/cli/wrong-text-ui.ts → src/ui/screen.ts',
        'demo-imports-domain-fakes: src/demo/wrong-app.ts → src/app/actions.ts',
        'domain-is-pure: src/domain/wrong-io.ts → fs',
        'domain-is-pure: src/domain/wrong-ui.ts → src/ui/screen.ts',
        'edges-import-domain: src/journal/wrong-source.ts → src/sources/feed.ts',
        'fakes-import-domain: src/fakes/wrong-demo.ts → src/demo/story.ts',
        'fakes-import-domain-types: src/fakes/wrong-domain-value.ts → src/domain/wrong-value.ts',
        'neutral-imports-no-layer: src/wrong-neutral.ts → src/domain/step.ts',
        'no-circular: src/store/wrong-cycle-a.ts → src/store/wrong-cycle-b.ts',
        'store-imports-domain: src/store/wrong-journal.ts → src/journal/file.ts',
        'ui-imports-app-types: src/ui/wrong-app-value.ts → src/app/actions.ts',
        'ui-imports-store-domain-present-app: src/ui/wrong-journal.ts → src/journal/file.ts',
      ].sort(),
    );
  });

  it('fail `npm run lint:deps` (and so `npm test`) on a wrong import, naming the rule and the import', () => {
    const { status, stdout } = depcruise(FIXTURE);
    expect(status, 'depcruise exits with the number of violations').toBe(14);
    expect(stdout).toContain('error domain-is-pure: src/domain/wrong-ui.ts → src/ui/screen.ts');
    expect(stdout).toContain('x 14 dependency violations (14 errors, 0 warnings)');
  });
});
