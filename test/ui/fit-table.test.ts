import { describe, expect, it } from 'vitest';
import { stringWidth } from '../../src/ui/text/fit.js';
import { fitBorderedTable } from '../../src/ui/text/fit-table.js';

/** As ink-table draws it: each column its widest text plus a space either side, a border between and around. */
const drawnWidth = (headers: string[], rows: string[][]): number =>
  headers.reduce((sum, h, i) => sum + Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))) + 2, 0) + headers.length + 1;

describe('fitting a bordered table to the terminal', () => {
  it('leaves a table that fits alone, and cuts the widest column first, with "…"', () => {
    const headers = ['Partner', 'Platform'];
    const rows = [['ROSA integration', 'GCP (GKE), version TBD (GCP-334)']];
    expect(fitBorderedTable(headers, rows, 80)).toEqual({ headers, rows });
    const fitted = fitBorderedTable(headers, rows, 40);
    expect(fitted.rows).toEqual([['ROSA integration', 'GCP (GKE), versi…']]);
    expect(drawnWidth(fitted.headers, fitted.rows)).toBe(40);
  });

  it('keeps two headers cut to the same text two columns (ink-table names columns by their header)', () => {
    const fitted = fitBorderedTable(['sentinel-a', 'sentinel-b'], [['v1', 'v2']], 15);
    expect(new Set(fitted.headers).size).toBe(2);
    expect(drawnWidth(fitted.headers, fitted.rows)).toBeLessThanOrEqual(15);
  });
});
