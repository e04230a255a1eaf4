import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

/**
 * The part of fetch() the sources use, over node:http. Node 20's fetch is undici, loaded on its
 * first call: compiling it and its web streams, and building each Request and Headers through
 * WebIDL, was about a third of the CPU a headless `summary --demo` took, and stood between the
 * interactive app's first request and its answer. node:http is loaded already (the demo's fakes
 * serve with it) or cheaply.
 *
 * What it keeps of fetch: redirects followed (at most 20; 303, and 301/302 after a POST, become
 * a GET without body; the authorization header is not sent to another origin), connections kept
 * alive, answers asked for compressed and read decompressed (a cap counts what it decodes), an AbortSignal that ends the request and the reading of its body, and failures shaped as
 * fetch's (a TypeError whose cause carries the network error's code; the signal's reason when it
 * aborts), so the sources describe them the same way.
 */

/** A response's headers, names in lower case; a repeated header's values joined with ", ", as fetch does. */
export interface HttpHeaders extends Iterable<[string, string]> {
  get(name: string): string | null;
}

/** A response body read chunk by chunk; cancelling it closes the connection. */
export interface HttpBody {
  getReader(): {
    read(): Promise<{ done: true; value?: Uint8Array | undefined } | { done: false; value: Uint8Array }>;
    cancel(): Promise<void>;
  };
  cancel(): Promise<void>;
}

export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  /** The URL answered, after redirects. */
  readonly url: string;
  readonly headers: HttpHeaders;
  readonly body: HttpBody | null;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface HttpInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | null;
  readonly signal?: AbortSignal | null;
}

const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

class ResponseHeaders implements HttpHeaders {
  private readonly values = new Map<string, string>();

  constructor(message: IncomingMessage) {
    for (const [name, value] of Object.entries(message.headers)) {
      if (value !== undefined) this.values.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.values.entries();
  }
}

/** What an aborted signal makes fetch throw: its reason (a TimeoutError for AbortSignal.timeout). */
const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });

/** A network failure, as fetch reports one. */
const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });

/** The body as sent, or decompressed when the server compressed it. */
function decoded(message: IncomingMessage): Readable {
  const encoding = message.headers['content-encoding']?.trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : null;
  if (!decoder) return message;
  message.on('error', (error) => decoder.destroy(error));
  // Ended before its last byte (aborted, the connection lost): the decoder must not wait on.
  message.on('close', () => {
    if (!message.complete) decoder.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
  });
  return message.pipe(decoder);
}

function bodyOf(message: IncomingMessage, signal: AbortSignal | null | undefined): HttpBody {
  const stream = decoded(message);
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const cancel = async (): Promise<void> => {
    stream.destroy();
    message.destroy();
  };
  const read = async (): Promise<{ done: true } | { done: false; value: Uint8Array }> => {
    if (signal?.aborted) {
      await cancel();
      throw abortReason(signal);
    }
    try {
      const next = await chunks.next();
      return next.done ? { done: true } : { done: false, value: next.value };
    } catch (error) {
      throw signal?.aborted ? abortReason(signal) : fetchFailed(error);
    }
  };
  return { getReader: () => ({ read, cancel }), cancel };
}

async function readAll(body: HttpBody | null): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const next = await reader.read();
    if (next.done) return Buffer.concat(chunks);
    chunks.push(next.value);
  }
}

/** A response whose body has been read whole already (what a client that reads bodies itself is handed). */
export function bufferedResponse(from: HttpResponse, body: Uint8Array): HttpResponse {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  let given = false;
  const reader = {
    read: async () =>
      given || bytes.byteLength === 0 ? { done: true as const } : ((given = true), { done: false as const, value: bytes }),
    cancel: async () => undefined,
  };
  return {
    status: from.status,
    statusText: from.statusText,
    ok: from.ok,
    url: from.url,
    headers: from.headers,
    body: { getReader: () => reader, cancel: async () => undefined },
    text: async () => bytes.toString('utf8'),
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
}

function once(url: URL, init: HttpInit): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) return reject(abortReason(signal));
    const https = url.protocol === 'https:';
    if (!https && url.protocol !== 'http:') return reject(fetchFailed(new Error(`unsupported protocol ${url.protocol}`)));
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate', ...init.headers };
    const options = { method: init.method ?? 'GET', headers, agent: agents[https ? 'https:' : 'http:'] };
    const sent = (https ? httpsRequest : httpRequest)(url, options, (message) => {
      signal?.removeEventListener('abort', onAbort);
      // From here an abort ends the body being read. The listener goes with the body: a timeout's
      // signal lives until it fires, and would hold every answer of the last 15 s.
      if (signal) {
        const onBodyAbort = (): void => void message.destroy();
        signal.addEventListener('abort', onBodyAbort, { once: true });
        message.once('close', () => signal.removeEventListener('abort', onBodyAbort));
      }
      resolve(message);
    });
    const onAbort = (): void => {
      sent.destroy();
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    sent.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? abortReason(signal) : fetchFailed(error));
    });
    sent.end(init.body ?? undefined);
  });
}

/** fetch(url, init) for the sources: see the top of this file for what it keeps. */
export async function httpFetch(input: string | URL, init: HttpInit = {}): Promise<HttpResponse> {
  let url = new URL(input);
  let asked = init;
  for (let redirects = 0; ; redirects += 1) {
    const message = await once(url, asked);
    const status = message.statusCode ?? 0;
    const location = message.headers.location;
    if (!REDIRECTS.has(status) || location === undefined) {
      const body = asked.method === 'HEAD' || status === 204 || status === 304 ? null : bodyOf(message, asked.signal);
      if (!body) message.resume();
      return {
        status,
        statusText: message.statusMessage ?? '',
        ok: status >= 200 && status < 300,
        url: url.href,
        headers: new ResponseHeaders(message),
        body,
        text: async () => (await readAll(body)).toString('utf8'),
        arrayBuffer: async () => {
          const bytes = await readAll(body);
          return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        },
      };
    }
    message.resume();
    if (redirects === MAX_REDIRECTS) throw fetchFailed(new Error('redirect count exceeded'));
    const next = new URL(location, url);
    const toGet = status === 303 || ((status === 301 || status === 302) && asked.method === 'POST');
    let headers = { ...asked.headers };
    if (next.origin !== url.origin)
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
    if (toGet) headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-(type|length)$/i.test(name)));
    asked = toGet ? { ...asked, method: asked.method === 'HEAD' ? 'HEAD' : 'GET', body: null, headers } : { ...asked, headers };
    url = next;
  }
}
