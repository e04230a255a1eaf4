import { describeFetchFailure } from './http-errors.js';
import { bufferedResponse, httpFetch, type HttpInit, type HttpResponse } from './http-fetch.js';
import { SourceError } from './source.js';

export const MB = 1024 * 1024;

/** An answer over its source's cap: one sentence, the same for every source. */
export class AnswerTooLargeError extends SourceError {
  constructor(what: string, capBytes: number) {
    super(`${what} sent an answer larger than ${capBytes / MB} MB; it was not read`);
    this.name = 'AnswerTooLargeError';
  }
}

/** What the cap reads: an answer of httpFetch, or fetch's Response. */
type Answer = Pick<HttpResponse, 'headers' | 'body'>;

/**
 * Reads a body while counting its bytes: past `capBytes` the stream is cancelled (which closes
 * the connection) and nothing more is read, so no more than the cap is ever held, whatever the
 * server sends. A declared Content-Length over the cap is refused before a byte is read.
 */
export async function readCapped(response: Answer, capBytes: number, what: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > capBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new AnswerTooLargeError(what, capBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > capBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLargeError(what, capBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * A body as text, within its cap, for a source that reads with plain fetch: a connection that
 * fails or times out half-way through the body is one sentence, as a failed fetch is.
 */
export async function readCappedText(
  response: Answer,
  capBytes: number,
  asked: { readonly what: string; readonly where: string; readonly timeoutMs: number },
): Promise<string> {
  try {
    return new TextDecoder().decode(await readCapped(response, capBytes, asked.what));
  } catch (error) {
    if (error instanceof AnswerTooLargeError) throw error;
    throw describeFetchFailure(error, asked.what, asked.where, asked.timeoutMs);
  }
}

/**
 * A fetch for a client that reads bodies itself (@octokit/request): each answer is read through
 * readCapped first and handed on buffered. Octokit turns a body that fails to read into an empty
 * answer, so the cap must be enforced before it sees the response.
 */
export function cappedFetch(capBytes: number, what: string): typeof fetch {
  const capped = async (input: string | URL, init?: HttpInit): Promise<HttpResponse> => {
    const response = await httpFetch(input, init);
    return bufferedResponse(response, await readCapped(response, capBytes, what));
  };
  // Octokit sends a string body and plain headers, and reads status, url, the headers and
  // text() or arrayBuffer() of what it gets back: all an HttpResponse has.
  return capped as unknown as typeof fetch;
}
