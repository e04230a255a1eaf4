import type { IncomingMessage, ServerResponse } from 'node:http';
import { execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { answerCommonFault, LoopbackServer, sendJson, type Fault } from '../http.js';
import type { FakeWorld } from '../world.js';
import { estimateCost } from './cost.js';
import { rootValue } from './resolvers.js';
import { githubSchema } from './schema.js';

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

  constructor(
    public world: FakeWorld,
    private readonly clock: () => number = Date.now,
  ) {
    super();
  }

  override async start(port = 0): Promise<string> {
    await githubSchema();
    return super.start(port);
  }

  get invalidQueries(): ReceivedQuery[] {
    return this.received.filter((q) => q.errors.length > 0);
  }

  protected async handle(request: IncomingMessage, body: string, response: ServerResponse, fault: Fault | undefined): Promise<void> {
    const now = this.clock();
    if (request.method !== 'POST' || !/^\/(api\/)?graphql$/.test(request.url ?? '')) {
      return sendJson(response, 404, { message: 'Not Found' });
    }
    if (fault === 'bad-credentials' || !/^(bearer|token) \S+$/i.test(request.headers.authorization ?? '')) {
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
    const schema = await githubSchema();
    let document: DocumentNode;
    let errors: readonly GraphQLError[];
    try {
      document = parse(query);
      errors = validate(schema, document);
    } catch (error) {
      this.received.push({ query, variables, errors: [(error as Error).message] });
      return sendJson(response, 200, { errors: [{ message: (error as Error).message }] });
    }
    this.received.push({ query, variables, errors: errors.map((e) => e.message) });
    if (errors.length > 0) return sendJson(response, 200, { errors: errors.map((e) => ({ message: e.message, locations: e.locations })) });

    const cost = estimateCost(document, variables);
    this.rateRemaining = Math.max(0, this.rateRemaining - cost);
    const result = await execute({
      schema,
      document,
      variableValues: variables,
      rootValue: rootValue(this.world, { cost, remaining: this.rateRemaining, resetAt: now + 3600_000 }),
    });
    if (fault === 'partial-errors' && result.data) {
      const [firstRepo] = Object.keys(result.data).filter((k) => /^r\d+$/.test(k));
      const data = { ...result.data, ...(firstRepo ? { [firstRepo]: null } : {}) };
      return sendJson(response, 200, {
        data,
        errors: [
          {
            type: 'NOT_FOUND',
            path: [firstRepo],
            message: `Could not resolve to a Repository with the name '${String(variables[firstRepo ?? ''])}'.`,
          },
        ],
      });
    }
    sendJson(response, 200, result);
  }
}
