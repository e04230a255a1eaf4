import { schema as published } from '@octokit/graphql-schema';
import {
  buildClientSchema,
  execute,
  findBreakingChanges,
  findDangerousChanges,
  parse,
  validate,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorld } from '../../src/demo/world.js';
import { rootValue } from '../../src/fakes/github/resolvers.js';
import { publishedSchema, schemaFor } from '../../src/fakes/github/schema.js';
import { FakeGitHub } from '../../src/fakes/github/server.js';
import { GitHubSource } from '../../src/sources/github/github-source.js';
import { moreContextsQuery, statusQuery } from '../../src/sources/github/query.js';
import { LEDGER_BRANCH_MUTATION, LEDGER_COMMIT_MUTATION, LEDGER_READ_QUERY } from '../../src/sources/github/ledger-client.js';
import { bundledConfig, DEMO_NOW } from '../helpers/demo-session.js';

/** GitHub's published schema, whole, as @octokit/graphql-schema ships it: what the fake must agree with. */
let github: GraphQLSchema;
beforeAll(() => {
  github = buildClientSchema(published.json as unknown as IntrospectionQuery);
});

/** The same error, whichever types the schema holds beside the ones it is about. */
const withoutSuggestion = (message: string): string => message.replace(/ Did you mean .*$/, '');
const verdict = (schema: GraphQLSchema, query: string): string[] => validate(schema, parse(query)).map((e) => withoutSuggestion(e.message));

describe("the fake GitHub's schema", () => {
  it("prebuilt by the build, is GitHub's published schema less its documentation: no type, field, argument or value more or less", () => {
    const prebuilt = buildClientSchema(publishedSchema().whole());
    expect(Object.keys(prebuilt.getTypeMap()).sort()).toEqual(Object.keys(github.getTypeMap()).sort());
    expect(findBreakingChanges(github, prebuilt)).toEqual([]);
    expect(findBreakingChanges(prebuilt, github)).toEqual([]);
    expect(findDangerousChanges(github, prebuilt)).toEqual([]);
    expect(findDangerousChanges(prebuilt, github)).toEqual([]);
  });

  // Each document, and whether GitHub accepts it: the fake must give the same verdict and errors.
  const accepted: Array<[string, string]> = [
    ['the status query for 1 repository', statusQuery(1)],
    ['the status query for 30 repositories with the manifest', statusQuery(30, 0)],
    ['the status query with the ledger branch head', statusQuery(3, 0, 1, { hotfixRepos: [1], releaseMerges: true }, true)],
    ['the next-page query', moreContextsQuery(3)],
    ['the ledger read', LEDGER_READ_QUERY],
    ['the ledger commit', LEDGER_COMMIT_MUTATION],
    ['the ledger branch', LEDGER_BRANCH_MUTATION],
    ['fragments on an interface and its objects', '{ node(id: "x") { __typename ... on Commit { oid } ... on Repository { name } } }'],
    [
      'an interface spread in an object',
      '{ repository(owner: "a", name: "b") { ... on Node { id } ... on RepositoryInfo { description } } }',
    ],
    ['a named fragment and a directive', 'query($x: Boolean!) { viewer { ...Me @include(if: $x) } } fragment Me on User { login }'],
    ['an input object argument', '{ viewer { repositories(first: 1, orderBy: { field: NAME, direction: ASC }) { totalCount } } }'],
    ['a mutation', 'mutation { addComment(input: { subjectId: "x", body: "y" }) { clientMutationId } }'],
    ['an introspection query', '{ __schema { queryType { name } } __type(name: "Commit") { fields { name } } }'],
  ];
  const refused: Array<[string, string]> = [
    ['a root field GitHub lacks', '{ nosuch }'],
    ['a field GitHub lacks', '{ viewer { nosuchfield } }'],
    [
      'a field GitHub lacks, in a fragment on a union member',
      '{ repository(owner: "a", name: "b") { object(expression: "HEAD") { ... on Commit { nosuch } } } }',
    ],
    ['a field asked of a union itself', '{ search(query: "x", type: ISSUE, first: 1) { nodes { title } } }'],
    ['a fragment on a type GitHub lacks', '{ viewer { ... on NoSuchType { login } } }'],
    ['a fragment on a type that cannot be there', '{ viewer { ... on Repository { name } } }'],
    ['a fragment on an unrelated union member', '{ node(id: "x") { ... on SearchResultItemConnection { issueCount } } }'],
    ['an argument GitHub lacks', '{ viewer { repositories(firstt: 1) { totalCount } } }'],
    ['a required argument left out', '{ repository(name: "b") { name } }'],
    ['an enum value GitHub lacks', '{ search(query: "x", type: NOPE, first: 1) { issueCount } }'],
    ['an argument of the wrong type', '{ repository(owner: 1, name: "b") { name } }'],
    ['a variable of the wrong type for its place', 'query($n: String) { viewer { repositories(first: $n) { totalCount } } }'],
    ['a variable of a type GitHub lacks', 'query($n: NoSuch) { viewer { login } }'],
    ['a variable of an output type', 'query($n: User) { viewer { login } }'],
    ['a selection under a scalar', '{ viewer { login { x } } }'],
    ['an object with no selection', '{ viewer }'],
    [
      'an input field GitHub lacks',
      '{ viewer { repositories(first: 1, orderBy: { field: NAME, direction: ASC, nope: 1 }) { totalCount } } }',
    ],
    ['a mutation input field GitHub lacks', 'mutation { addComment(input: { subjectId: "x", body: "y", nope: 1 }) { clientMutationId } }'],
    ['a directive GitHub lacks', '{ viewer { login @nosuch } }'],
    ['one name for two fields', '{ viewer { a: login a: name } }'],
    [
      'one name for fields of two types in two union members',
      '{ search(query: "x", type: ISSUE, first: 1) { nodes { ... on Issue { number } ... on PullRequest { number: title } } } }',
    ],
    ['a fragment GitHub cannot apply, never spread', '{ viewer { login } } fragment F on User { nosuch }'],
  ];

  it.each(accepted)('accepts %s, as GitHub does', (_, query) => {
    expect(verdict(github, query)).toEqual([]);
    expect(verdict(schemaFor(query, parse(query)), query)).toEqual([]);
  });

  it.each(refused)('refuses %s with the errors GitHub gives', (_, query) => {
    const errors = verdict(github, query);
    expect(errors).not.toEqual([]);
    expect(verdict(schemaFor(query, parse(query)), query)).toEqual(errors);
  });
});

describe("the fake GitHub's answers", () => {
  const config = bundledConfig();
  const world = demoWorld(config, DEMO_NOW).fakes;
  const fake = new FakeGitHub(world, () => DEMO_NOW);
  let url: string;
  beforeAll(async () => {
    url = await fake.start();
  });
  afterAll(async () => fake.stop());

  it("to every document the GitHub source sends for the demo are what GitHub's whole schema gives", async () => {
    const source = new GitHubSource({ config, baseUrl: url, token: 'test-token', releaseBranch: 'release-0.4' });
    await source.fetch(DEMO_NOW);
    expect(fake.received.length).toBeGreaterThan(0);
    expect(fake.invalidQueries).toEqual([]);
    const rate = { cost: 1, remaining: 4999, resetAt: DEMO_NOW + 3600_000 };
    for (const { query, variables } of fake.received) {
      const run = async (schema: GraphQLSchema) =>
        JSON.stringify(
          await execute({ schema, document: parse(query), variableValues: variables, rootValue: rootValue(world, rate, new Map()) }),
        );
      const answer = await run(schemaFor(query, parse(query)));
      expect(answer).toContain('"data"');
      expect(answer).toEqual(await run(github));
    }
  });
});
