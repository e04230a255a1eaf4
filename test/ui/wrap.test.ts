import { describe, expect, it } from 'vitest';
import { wrapLines } from '../../src/ui/components/Pager.js';

describe('wrapLines (the pager)', () => {
  it('breaks after the last space that fits, indents what follows, and never exceeds the width', () => {
    const line = '✓ quay.io/org/hyperfleet/hyperfleet-sentinel:0.4.0-rc1 in the registry (sha256:29a4e63037b5)';
    const wrapped = wrapLines([line], 60);
    expect(wrapped).toEqual(['✓ quay.io/org/hyperfleet/hyperfleet-sentinel:0.4.0-rc1 in', '  the registry (sha256:29a4e63037b5)']);
    for (const l of wrapped) expect(l.length).toBeLessThanOrEqual(60);
  });

  it('cuts a word longer than the line at the edge, and keeps short and empty lines as they are', () => {
    const url = `https://prow.example/view/${'x'.repeat(50)}`;
    const wrapped = wrapLines(['short', '', url], 30);
    expect(wrapped.slice(0, 2)).toEqual(['short', '']);
    expect(wrapped.slice(2).join('').replace(/ {2}/g, '')).toBe(url);
    for (const l of wrapped) expect(l.length).toBeLessThanOrEqual(30);
  });
});
