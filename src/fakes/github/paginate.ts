export interface ConnectionArgs {
  readonly first?: number;
  readonly after?: string;
}

/** Cursor pagination as GitHub does it: opaque cursors, `first` at most 100. */
export function paginate<T>(items: readonly T[], { first = 100, after }: ConnectionArgs) {
  const start = after ? Number(Buffer.from(after, 'base64').toString('utf8').replace('cursor:', '')) + 1 : 0;
  const slice = items.slice(start, start + Math.min(first, 100));
  const end = start + slice.length - 1;
  return {
    nodes: slice,
    pageInfo: { hasNextPage: end < items.length - 1, endCursor: slice.length ? Buffer.from(`cursor:${end}`).toString('base64') : null },
    totalCount: items.length,
  };
}
