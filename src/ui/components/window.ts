/** The slice of a list to draw so that `cursor` stays visible in `height` rows. */
export function visibleWindow(count: number, cursor: number, height: number): { start: number; end: number } {
  if (height <= 0) return { start: 0, end: 0 };
  if (count <= height) return { start: 0, end: count };
  const start = Math.min(Math.max(0, cursor - Math.floor(height / 2)), count - height);
  return { start, end: start + height };
}

/**
 * Like visibleWindow, and when the list does not fit, one of the rows says what is not shown
 * ("↑ 2 above · ↓ 3 more"), so a list never hides rows silently.
 */
export function listWindow(count: number, cursor: number, height: number): { start: number; end: number; more: string | null } {
  if (count <= height) return { ...visibleWindow(count, cursor, height), more: null };
  const { start, end } = visibleWindow(count, cursor, Math.max(1, height - 1));
  return { start, end, more: moreText(start, count - end) };
}

/** "↑ 2 above · ↓ 3 more", or null when nothing is left out. */
export function moreText(above: number, below: number): string | null {
  const parts = [...(above > 0 ? [`↑ ${above} above`] : []), ...(below > 0 ? [`↓ ${below} more`] : [])];
  return parts.length > 0 ? parts.join(' · ') : null;
}
