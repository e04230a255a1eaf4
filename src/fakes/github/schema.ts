import { buildClientSchema, type GraphQLSchema } from 'graphql';

let cached: Promise<GraphQLSchema> | null = null;

/**
 * GitHub's published GraphQL schema (@octokit/graphql-schema), built once per process. It is a
 * 5 MB introspection result and takes about half a second to build, so it is loaded on demand.
 */
export function githubSchema(): Promise<GraphQLSchema> {
  cached ??= import('@octokit/graphql-schema').then(({ schema }) =>
    buildClientSchema(schema.json as Parameters<typeof buildClientSchema>[0]),
  );
  return cached;
}
