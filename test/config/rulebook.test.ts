import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfigFiles } from '../../src/config/load.js';
import { rulebookFiles, rulebookHash } from '../../src/config/rulebook.js';
import { unpackRulebook } from '../../src/config/unpack-rulebook.js';
import { bundledConfigPath } from '../../src/app/paths.js';
import { configCopy, removeCopies, replaceOnce } from '../helpers/config-copy.js';

afterEach(removeCopies);

const hashOf = (path: string) => rulebookHash(loadConfigFiles(path).config);
const bundled = () => hashOf(bundledConfigPath());

describe('the rulebook hash', () => {
  it("is the rules, not the text: a comment, another folder, or one's own refresh interval is the same rulebook", () => {
    expect(bundled()).toMatch(/^[0-9a-f]{12}$/);
    expect(hashOf(configCopy('hyperfleet.yaml', (t) => `# my copy\n${t}`))).toBe(bundled());
    expect(hashOf(configCopy('hyperfleet.yaml', replaceOnce('refreshEvery: 1m', 'refreshEvery: 5m')))).toBe(bundled());
    expect(hashOf(configCopy('hyperfleet.yaml', (t) => `${t}\ndisplay:\n  timeZone: Asia/Kolkata\n`))).toBe(bundled());
  });

  it('a step retitled, or a notice reworded, is another rulebook', () => {
    const retitled = configCopy('playbooks/release.yaml', replaceOnce('title: Code freeze gate', 'title: Freeze gate'));
    expect(hashOf(retitled)).not.toBe(bundled());
  });
});

describe('the files a release keeps', () => {
  it("named from hyperfleet.yaml's folder, the main file first; unpacked elsewhere they load as the same rulebook", () => {
    const files = rulebookFiles(loadConfigFiles(bundledConfigPath()));
    expect(files.map((f) => f.path)).toEqual(['hyperfleet.yaml', 'notices.yaml', 'playbooks/release.yaml', 'playbooks/hotfix.yaml']);
    expect(files[0]!.text).toBe(readFileSync(bundledConfigPath(), 'utf8'));
    const unpacked = unpackRulebook(mkdtempSync(join(tmpdir(), 'hf-rulebook-')), files);
    expect(rulebookHash(unpacked.config)).toBe(bundled());
  });

  it('a name from the journal that climbs out of the folder is refused, and nothing is written there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hf-rulebook-'));
    expect(() => unpackRulebook(dir, [{ path: '../escaped.yaml', text: 'x' }])).toThrow(ConfigError);
  });
});
