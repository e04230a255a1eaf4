import type { IncomingMessage, ServerResponse } from 'node:http';
import { execute, parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { answerCommonFault, LoopbackServer, sendJson, type Fault } from '../http.js';
import type { FakeWorld } from '../world.js';
import { estimateCost } from './cost.js';
import { FakeGitBranches } from './git-branches.js';
import { rootValue, type RepositoryRefusal } from './resolvers.js';
import { publishedSchema, schemaFor } from './schema.js';

export interface ReceivedQuery {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  /** Schema validation errors; a real GitHub would have refused the query. */
  readonly errors: readonly string[];
}

/**
 * A fake of GitHub's GraphQL endpoint on loopback. Every query is validated against GitHub's
 * published schema and executed against the world model; invalid queries get GitHub's answer
 * (200 with `errors`) and are remembered so tests can fail on them.
 */
export class FakeGitHub extends LoopbackServer {
  readonly received: ReceivedQuery[] = [];
  private rateRemaining = 5000;
  /** Branches the app writes (the shared ledger), kept across changes of the world. */
  readonly git = new FakeGitBranches();
  /** Per request to come, the repositories GitHub will not show in it. */
  private readonly refusals: Array<ReadonlyMap<string, RepositoryRefusal>> = [];

  constructor(
    public world: FakeWorld,
    private readonly clock: () => number = Date.now,
  ) {
    super();
    const seed = world.ledger;
    const base = world.repos.find((r) => r.name === seed?.repo)?.branches.main?.oid;
    if (seed && base) {
      this.git.create(seed.repo, seed.branch, base);
      for (const c of seed.commits)
        this.git.push(
          seed.repo,
          seed.branch,
          { headline: c.headline, body: c.body, additions: [{ path: c.path, contents: Buffer.from(c.contents).toString('base64') }] },
          c.author,
          c.at,
          true,
        );
    }
  }

  override async start(port = 0): Promise<string> {
    publishedSchema();
    return super.start(port);
  }

  /**
   * The next `times` requests answer without this repository, as GitHub does for one that is not
   * found or that the token may not read: its alias null, an error naming it by `path`, the rest
   * of the data as usual. `partial-errors` does the same for the first repository asked for.
   */
  failRepository(name: string, type: RepositoryRefusal = 'NOT_FOUND', times = 1): void {
    for (let i = 0; i < times; i += 1) {
      const merged = new Map(this.refusals[i] ?? []);
      this.refusals[i] = merged.set(name, type);
    }
  }

  override clearFaults(): void {
    super.clearFaults();
    this.refusals.length = 0;
  }

  /** The login a token signs in as: the world's people by token (`demo-<login>` in the sandbox), else the world's viewer. */
  private loginOf(authorization: string): string {
    const token = authorization.replace(/^(bearer|token) /i, '');
    return this.world.logins?.[token] ?? this.world.viewer;
  }

  get invalidQueries(): ReceivedQuery[] {
    return this.received.filter((q) => q.errors.length > 0);
  }

  protected async handle(request: IncomingMessage, body: string, response: ServerResponse, fault: Fault | undefined): Promise<void> {
    const now = this.clock();
    if (request.method !== 'POST' || !/^\/(api\/)?graphql$/.test(request.url ?? '')) {
      return sendJson(response, 404, { message: 'Not Found' });
    }
    const authorization = request.headers.authorization ?? '';
    const unknown = this.world.onlyLogins === true && this.world.logins?.[authorization.replace(/^(bearer|token) /i, '')] === undefined;
    if (fault === 'bad-credentials' || unknown || !/^(bearer|token) \S+$/i.test(authorization)) {
      return sendJson(response, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' });
    }
    if (answerCommonFault(response, fault, now)) return;

    let payload: { query?: unknown; variables?: unknown };
    try {
      payload = JSON.parse(body) as typeof payload;
    } catch {
      return sendJson(response, 400, { message: 'Problems parsing JSON' });
    }
    const query = typeof payload.query === 'string' ? payload.query : '';
    const variables = (payload.variables && typeof payload.variables === 'object' ? payload.variables : {}) as Record<string, unknown>;
    let document: DocumentNode;
    let schema: GraphQLSchema;
    let errors: readonly GraphQLError[];
    try {
      document = parse(query);
      schema = schemaFor(query, document);
      errors = validate(schema, document);
    } catch (error) {
      this.received.push({ query, variables, errors: [(error as Error).message] });
      return sendJson(response, 200, { errors: [{ message: (error as Error).message }] });
    }
    this.received.push({ query, variables, errors: errors.map((e) => e.message) });
    if (errors.length > 0) return sendJson(response, 200, { errors: errors.map((e) => ({ message: e.message, locations: e.locations })) });

    const cost = estimateCost(document, variables);
    this.rateRemaining = Math.max(0, this.rateRemaining - cost);
    const refused = new Map(this.refusals.shift() ?? []);
    const firstRepo = Object.entries(variables).find(([name]) => /^r\d+$/.test(name))?.[1];
    if (fault === 'partial-errors' && typeof firstRepo === 'string') refused.set(firstRepo, 'NOT_FOUND');
    const result = await execute({
      schema,
      document,
      variableValues: variables,
      rootValue: rootValue(this.world, { cost, remaining: this.rateRemaining, resetAt: now + 3600_000 }, refused, {
        viewer: this.loginOf(request.headers.authorization ?? ''),
        git: this.git,
        now,
      }),
    });
    if (!result.errors) return sendJson(response, 200, result);
    // GitHub's error shape: the type beside the message, no `extensions`.
    const answered = result.errors.map((e) => ({
      ...(typeof e.extensions.type === 'string' ? { type: e.extensions.type } : {}),
      path: e.path,
      locations: e.locations,
      message: e.message,
    }));
    return sendJson(response, 200, { data: result.data, errors: answered });
  }
}
