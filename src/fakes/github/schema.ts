import { readFileSync } from 'node:fs';
import { buildClientSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import { findUp } from '../../find-up.js';
import { PublishedSchema, reachableSubset, type PrebuiltSchema } from './schema-subset.js';

/** Written by the build (scripts/github-schema.mjs) from @octokit/graphql-schema. */
const PREBUILT = 'dist/github-schema.json';
/** The app sends a handful of distinct documents (one per number of repositories, the next-page one). */
const REMEMBERED_DOCUMENTS = 16;

let published: PublishedSchema | null = null;
let whole: GraphQLSchema | null = null;
const byDocument = new Map<string, GraphQLSchema>();

/**
 * GitHub's published GraphQL schema, read once per process from its prebuilt form (building all
 * of its 1,600 types took ~0.5 s, so schemaFor builds only what a document touches).
 */
export function publishedSchema(): PublishedSchema {
  if (published) return published;
  const path = findUp(PREBUILT);
  if (!path) throw new Error(`${PREBUILT} is missing: run \`npm run build\``);
  // Our own build's output, from GitHub's published introspection result: trusted as it is.
  published = new PublishedSchema(JSON.parse(readFileSync(path, 'utf8')) as PrebuiltSchema);
  return published;
}

/**
 * The schema to validate and execute `document` (parsed from `query`) against: the part of
 * GitHub's schema it can reach (see reachableSubset), or the whole for an introspection query.
 * Built without graphql's check of the schema itself: GitHub's is valid, and a part of it is not
 * on its own (a type keeps only the fields asked for, maybe none).
 */
export function schemaFor(query: string, document: DocumentNode): GraphQLSchema {
  const known = byDocument.get(query);
  if (known) return known;
  const subset = reachableSubset(publishedSchema(), document);
  const schema = subset
    ? buildClientSchema(subset, { assumeValid: true })
    : (whole ??= buildClientSchema(publishedSchema().whole(), { assumeValid: true }));
  if (byDocument.size >= REMEMBERED_DOCUMENTS) byDocument.delete(byDocument.keys().next().value!);
  byDocument.set(query, schema);
  return schema;
}
