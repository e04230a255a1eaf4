import { GraphQLError } from 'graphql';
import type { FakePullRequest, FakeRepo, FakeWorld } from '../world.js';

/**
 * GitHub's issue search (`search(type: ISSUE, query: …)`) over the world's pull requests, for the
 * qualifiers the app sends: `org:`, `repo:`, `is:pr`, `is:open`/`is:closed`/`is:merged`, `base:`
 * (and `-base:` to exclude), `merged:` with `>=`, `>`, `<=`, `<` or a `from..to` range, and
 * `sort:created|updated-asc|desc`. Anything else is refused, so a query that relies on search
 * syntax the fake does not model fails a test rather than passing by accident.
 */
export interface FoundPullRequest {
  readonly repo: FakeRepo;
  readonly pr: FakePullRequest;
}

type Test = (found: FoundPullRequest) => boolean;

/** When the fake says a pull request was last updated: it was merged, or else opened. */
const updatedAt = ({ pr }: FoundPullRequest): number => pr.mergedAt ?? pr.createdAt ?? 0;

function instant(text: string): number {
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new GraphQLError(`the fake GitHub's search cannot read the date "${text}"`);
  return at;
}

/** `merged:>=2026-11-18T05:00:00Z`, `merged:2026-11-01..2026-11-30`: GitHub's date comparisons. */
function dateTest(value: string, of: (found: FoundPullRequest) => number | undefined): Test {
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const [from, to] = [instant(range[1]!), instant(range[2]!)];
    return (f) => {
      const at = of(f);
      return at !== undefined && at >= from && at <= to;
    };
  }
  const compared = /^(>=|<=|>|<)(.+)$/.exec(value);
  if (!compared) throw new GraphQLError(`the fake GitHub's search does not model the date "${value}"`);
  const at = instant(compared[2]!);
  const holds = { '>=': (x: number) => x >= at, '<=': (x: number) => x <= at, '>': (x: number) => x > at, '<': (x: number) => x < at }[
    compared[1] as '>=' | '<=' | '>' | '<'
  ];
  return (f) => {
    const when = of(f);
    return when !== undefined && holds(when);
  };
}

function qualifierTest(world: FakeWorld, name: string, value: string): Test {
  switch (`${name}:${name === 'is' ? value : ''}`) {
    case 'org:':
      return () => value.toLowerCase() === world.org.toLowerCase();
    case 'repo:':
      return ({ repo }) => value.toLowerCase() === `${world.org}/${repo.name}`.toLowerCase();
    case 'is:pr':
      return () => true;
    case 'is:open':
      return ({ pr }) => (pr.state ?? 'OPEN') === 'OPEN';
    // GitHub's closed pull requests are the merged ones and those closed without merging.
    case 'is:closed':
      return ({ pr }) => pr.state === 'CLOSED' || pr.state === 'MERGED';
    case 'is:merged':
      return ({ pr }) => pr.state === 'MERGED';
    case 'base:':
      return ({ pr }) => pr.baseRefName === value;
    case 'merged:':
      return dateTest(value, ({ pr }) => (pr.state === 'MERGED' ? pr.mergedAt : undefined));
    default:
      throw new GraphQLError(`the fake GitHub's search does not model "${name}:${value}"`);
  }
}

/** The pull requests `query` finds, in the order it asks (best match, GitHub's default, is the world's order). */
export function searchPullRequests(world: FakeWorld, query: string): FoundPullRequest[] {
  const tests: Test[] = [];
  let order: ((a: FoundPullRequest, b: FoundPullRequest) => number) | undefined;
  for (const term of query.split(/\s+/).filter(Boolean)) {
    const qualifier = /^(-?)([a-z]+):(.+)$/.exec(term);
    if (!qualifier) throw new GraphQLError(`the fake GitHub's search does not model free text ("${term}")`);
    const [, negated, name, value] = qualifier as unknown as [string, string, string, string];
    if (name === 'sort') {
      const sort = /^(created|updated)(?:-(asc|desc))?$/.exec(value);
      if (!sort || negated) throw new GraphQLError(`the fake GitHub's search does not model "${term}"`);
      const of = sort[1] === 'created' ? ({ pr }: FoundPullRequest) => pr.createdAt ?? 0 : updatedAt;
      order = sort[2] === 'asc' ? (a, b) => of(a) - of(b) : (a, b) => of(b) - of(a);
      continue;
    }
    const test = qualifierTest(world, name, value);
    tests.push(negated ? (f) => !test(f) : test);
  }
  const found = world.repos.flatMap((repo) => repo.pullRequests.map((pr) => ({ repo, pr }))).filter((f) => tests.every((t) => t(f)));
  return order ? found.sort(order) : found;
}
