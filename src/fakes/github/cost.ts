import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/**
 * GitHub's published way to estimate a query's rate-limit cost ("Rate limits and node limits for
 * the GraphQL API", "Calculating a rate limit score before running the call"): add up the
 * requests needed to fill every connection, assuming each `first`/`last` is reached (a nested
 * connection needs one request per parent node: 100 repositories × `issues(first: 50)` is 100
 * requests, their `labels(first: 60)` 5,000), divide by 100 and round; at least 1. A connection
 * spelled in two inline fragments of one field (a tag's target as a Commit, or as a Tag's target)
 * counts twice: the rule counts the document's connections and says nothing of types, so it is
 * read as the upper bound. A search is a connection like any other. The fake reports the
 * estimate, so the benchmark can show what a refresh would cost on the real API.
 */
export function estimateCost(document: DocumentNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const limitOf = (value: ValueNode | undefined): number | null => {
    if (!value) return null;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const v = variables[value.name.value];
      return typeof v === 'number' ? v : null;
    }
    return null;
  };

  let requests = 0;
  const walk = (selectionSet: SelectionSetNode | undefined, parents: number): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        walk(fragments.get(selection.name.value)?.selectionSet, parents);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, parents);
      } else {
        const args = selection.arguments ?? [];
        const limit = limitOf(args.find((a) => a.name.value === 'first' || a.name.value === 'last')?.value);
        if (limit !== null) {
          requests += parents;
          walk(selection.selectionSet, parents * limit);
        } else {
          walk(selection.selectionSet, parents);
        }
      }
    }
  };
  for (const definition of document.definitions) if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, 1);
  return Math.max(1, Math.round(requests / 100));
}
