// GitHub's published GraphQL schema (@octokit/graphql-schema), prebuilt for the demo's fake GitHub
// (src/fakes/github/schema.ts). The package's 5 MB introspection result, read and built whole,
// cost the demo ~0.5 s of the worker and 150 MB on every run. This keeps the same introspection
// result less what validating and executing a document never read: descriptions, deprecation
// notes, and null or false entries, which graphql's buildClientSchema treats as absent (a fifth
// of the size). Each type is kept as JSON text of its own, by name, so that a run parses only the
// few hundred types its documents reach (PrebuiltSchema in src/fakes/github/schema-subset.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Keys that only document the schema. */
const DOCUMENTATION = new Set(['description', 'deprecationReason', 'isDeprecated', 'specifiedByURL']);

function lean(value) {
  if (Array.isArray(value)) return value.map(lean);
  if (value === null || typeof value !== 'object') return value;
  const kept = {};
  // `interfaces` and `possibleTypes` stay even when null: buildClientSchema tells a missing list
  // from an empty one there.
  for (const [key, entry] of Object.entries(value)) {
    if (DOCUMENTATION.has(key)) continue;
    if ((entry === null || entry === false) && key !== 'interfaces' && key !== 'possibleTypes') continue;
    kept[key] = lean(entry);
  }
  return kept;
}

/** Writes the lean introspection result of the installed @octokit/graphql-schema to `outfile`. */
export function writeGitHubSchema(outfile) {
  const published = fileURLToPath(new URL('schema.json', import.meta.resolve('@octokit/graphql-schema')));
  const { types, ...roots } = lean(JSON.parse(readFileSync(published, 'utf8')).__schema);
  const prebuilt = { ...roots, types: Object.fromEntries(types.map((type) => [type.name, JSON.stringify(type)])) };
  writeFileSync(outfile, JSON.stringify(prebuilt));
}
