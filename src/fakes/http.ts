import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A fault a fake server can be told to produce, for the next `times` requests. */
export type Fault =
  '500' | '502' | 'timeout' | '429' | 'secondary-rate-limit' | 'malformed-json' | 'partial-errors' | 'bad-credentials' | 'oversized-body';

/** What `oversized-body` streams: past every source's cap, the size of answer that once took the app to half a GB. */
export const OVERSIZED_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The shared plumbing of the loopback fakes: listen on 127.0.0.1 only, count requests, queue
 * faults, and close every socket on stop (a held "timeout" request must not keep a test alive).
 */
export abstract class LoopbackServer<F extends string = Fault> {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly faults: F[] = [];
  requestCount = 0;

  protected abstract handle(request: IncomingMessage, body: string, response: ServerResponse, fault: F | undefined): void | Promise<void>;

  /** Whether a queued fault can be produced on this request; one that cannot waits for the next that can. */
  protected faultFits(_fault: F, _request: IncomingMessage): boolean {
    return true;
  }

  /** The next `times` requests fail with `fault`. */
  fail(fault: F, times = 1): void {
    for (let i = 0; i < times; i += 1) this.faults.push(fault);
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Listens on 127.0.0.1 (a free port unless one is given) and returns the base URL. */
  async start(port = 0): Promise<string> {
    return this.listen(port);
  }

  async listen(port = 0): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requestCount += 1;
        const index = this.faults.findIndex((f) => this.faultFits(f, request));
        const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
        if (fault === 'timeout') return; // hold the request open; the client's timeout must fire
        Promise.resolve()
          .then(() => this.handle(request, Buffer.concat(chunks).toString('utf8'), response, fault))
          .catch((error: unknown) => {
            if (!response.headersSent) sendJson(response, 500, { message: String(error) });
          });
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/**
 * A 200 JSON answer of `bytes` bytes, streamed without a Content-Length (as a chunked answer
 * comes), so only a client that counts as it reads can stop it; it stops when the client hangs up.
 */
async function streamOversized(response: ServerResponse, bytes = OVERSIZED_BODY_BYTES): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  const head = '{"padding":"';
  const tail = '"}';
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let closed = false;
  response.once('close', () => (closed = true));
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => (response.off('drain', done), response.off('close', done), resolve());
      response.on('drain', done).on('close', done);
    });
  response.write(head);
  for (let sent = head.length + tail.length; sent < bytes && !closed; sent += chunk.length) {
    if (!response.write(chunk)) await drained();
  }
  if (!closed) response.end(tail);
}

/** The faults every fake answers the same way; returns true when it answered. */
export function answerCommonFault(response: ServerResponse, fault: Fault | undefined, now: number): boolean {
  switch (fault) {
    case '500':
      sendJson(response, 500, { message: 'Internal Server Error' });
      return true;
    case '502':
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return true;
    case '429':
      sendJson(response, 429, { message: 'Too Many Requests' }, { 'retry-after': '2' });
      return true;
    case 'secondary-rate-limit':
      sendJson(
        response,
        403,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest',
        },
        { 'retry-after': '3', 'x-ratelimit-remaining': '4000', 'x-ratelimit-reset': String(Math.floor(now / 1000) + 3600) },
      );
      return true;
    case 'malformed-json':
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"data": {"viewer": {"login": "trunc');
      return true;
    case 'oversized-body':
      void streamOversized(response);
      return true;
    default:
      return false;
  }
}
