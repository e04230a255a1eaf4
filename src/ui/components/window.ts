/** The slice of a list to draw so that `cursor` stays visible in `height` rows. */
export function visibleWindow(count: number, cursor: number, height: number): { start: number; end: number } {
  if (height <= 0) return { start: 0, end: 0 };
  if (count <= height) return { start: 0, end: count };
  const start = Math.min(Math.max(0, cursor - Math.floor(height / 2)), count - height);
  return { start, end: start + height };
}
