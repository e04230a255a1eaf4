import { SourceError } from '../source.js';

interface HttpLikeError {
  readonly name?: string;
  readonly status?: number;
  readonly message: string;
  readonly response?: { readonly headers?: Record<string, string | number | undefined> };
  readonly cause?: unknown;
}

const header = (error: HttpLikeError, name: string): string | undefined => {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
};

/** Retry-After is seconds (or an HTTP date); x-ratelimit-reset is epoch seconds. */
function retryAfterMs(error: HttpLikeError, now: number): number | undefined {
  const retryAfter = header(error, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(header(error, 'x-ratelimit-reset'));
  if (header(error, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  return undefined;
}

/** The error and the causes it wraps (Octokit wraps a failed fetch as the cause of a status-500 RequestError). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current && chain.length < 5; current = (current as { cause?: unknown }).cause) chain.push(current);
  return chain;
}

const networkCode = (error: unknown): string | undefined =>
  causeChain(error)
    .map((e) => (e as { code?: unknown }).code)
    .find((c): c is string => typeof c === 'string' && /^E[A-Z]+/.test(c));

const isTimeout = (error: unknown): boolean =>
  causeChain(error).some((e) => ['TimeoutError', 'AbortError'].includes((e as { name?: unknown }).name as string));

/**
 * Turns whatever @octokit/graphql threw into one sentence that says what happened and what to
 * do, and when GitHub asked us to come back.
 */
export function describeGitHubError(error: unknown, baseUrl: string, timeoutMs: number, now: number): SourceError {
  // Our own error (an answer over its cap) comes back wrapped by Octokit.
  const ours = causeChain(error).find((e): e is SourceError => e instanceof SourceError);
  if (ours) return ours;
  const e = error as HttpLikeError;
  const status = typeof e.status === 'number' && e.status > 0 ? e.status : undefined;
  const wait = retryAfterMs(e, now);
  if (isTimeout(error)) return new SourceError(`GitHub did not answer within ${timeoutMs / 1000}s`);
  // Octokit reports a failed connection as status 500 with the network error as its cause.
  const code = networkCode(error);
  if (code) return new SourceError(`cannot reach GitHub at ${baseUrl} (${code})`);
  if (status === 401)
    return new SourceError('GitHub rejected the token (401): set GITHUB_TOKEN or GH_TOKEN to a valid token, or run `gh auth login`');
  if (status === 403 && (/secondary rate limit/i.test(e.message) || header(e, 'retry-after') !== undefined)) {
    return new SourceError(`GitHub's secondary rate limit (403): waiting ${Math.ceil((wait ?? 60_000) / 1000)}s as asked`, wait ?? 60_000);
  }
  if (status === 403 && header(e, 'x-ratelimit-remaining') === '0') {
    return new SourceError(
      `GitHub's rate limit is used up (403): it resets in ${Math.ceil((wait ?? 60_000) / 60_000)} min`,
      wait ?? 60_000,
    );
  }
  if (status === 403) return new SourceError('GitHub refused the request (403): the token may lack the `repo` scope or SSO authorisation');
  if (status === 429)
    return new SourceError(`GitHub is rate limiting (429): waiting ${Math.ceil((wait ?? 60_000) / 1000)}s as asked`, wait ?? 60_000);
  if (status !== undefined && status >= 500)
    return new SourceError(`GitHub answered ${status}: a GitHub outage or a proxy problem; retrying`, wait);
  if (status !== undefined) return new SourceError(`GitHub answered ${status}`, wait);
  if (/JSON|Unexpected token|invalid json/i.test(e.message ?? '')) return new SourceError('GitHub sent a response that is not valid JSON');
  return new SourceError(`GitHub request failed: ${e.message ?? String(error)}`);
}
