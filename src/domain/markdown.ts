import { oneLine } from './sanitize.js';

/**
 * Outside text in the Markdown we write (release notes, QE handoff, incident timeline): one line,
 * no control sequences, and Markdown's own characters escaped, so a PR titled "[click](…)" stays
 * text and cannot break a table.
 */
export function mdText(text: string): string {
  return oneLine(text).replace(/([\\`*_[\]<>|#~])/g, '\\$1');
}

/** A table cell: as mdText, and never empty (an empty cell reads as a missing column). */
export const mdCell = (text: string): string => mdText(text) || '—';

/** A link whose label is outside text; the URL's characters that end a Markdown link are encoded. */
export function mdLink(label: string, url: string): string {
  return `[${mdText(label)}](${oneLine(url).replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`;
}
