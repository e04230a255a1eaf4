import { describe, expect, it } from 'vitest';
import { fillTemplate, parseVersion, personalise, releaseTitle } from '../../src/domain/version.js';

describe('versions', () => {
  it.each([
    ['v0.4.0', { major: 0, minor: 4, patch: 0, rc: null }],
    ['v0.3.0-rc1', { major: 0, minor: 3, patch: 0, rc: 1 }],
    ['v0.3.0-rc.2', { major: 0, minor: 3, patch: 0, rc: 2 }],
    ['1.2.3', { major: 1, minor: 2, patch: 3, rc: null }],
  ])('parses %s', (text, expected) => {
    expect(parseVersion(text)).toEqual(expected);
  });

  it.each(['v1.2', 'latest', 'v1.2.3-beta1', ''])('rejects %j', (text) => {
    expect(parseVersion(text)).toBeNull();
  });

  it('names the release line', () => {
    expect(releaseTitle('v0.4.0')).toBe('HyperFleet Release 0.4');
  });

  it('fills naming templates from config', () => {
    const v = parseVersion('v0.4.0')!;
    expect(fillTemplate('v{version}-rc{n}', v, 2)).toBe('v0.4.0-rc2');
    expect(fillTemplate('v{version}-rc.{n}', v, 1)).toBe('v0.4.0-rc.1');
    expect(fillTemplate('release-{major}.{minor}', v)).toBe('release-0.4');
  });

  it('personalises playbook text', () => {
    expect(personalise('Cut release-X.Y and tag vX.Y.Z-rc1', 'v0.4.0')).toBe('Cut release-0.4 and tag v0.4.0-rc1');
    expect(personalise('Tag vX.Y.(Z+1) on release-X.Y', 'v0.3.1')).toBe('Tag v0.3.2 on release-0.3');
    expect(personalise('Tag vX.Y.Z', undefined)).toBe('Tag vX.Y.Z');
  });
});
