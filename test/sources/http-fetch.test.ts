import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch } from '../../src/sources/http-fetch.js';
import { describeFetchFailure } from '../../src/sources/http-errors.js';

interface Seen {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A loopback server answering with `answer`; what each request carried is kept in `seen`. */
async function serve(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (d: string) => (body += d));
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body });
      answer(request, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('httpFetch: what the sources keep of fetch, over node:http', () => {
  it('answers status, headers (repeated ones joined) and the body, with keep-alive connections', async () => {
    const { url } = await serve((_, response) => {
      response.setHeader('x-many', ['a', 'b']);
      response.setHeader('content-type', 'application/json');
      response.end('{"ok":true}');
    });
    const response = await httpFetch(`${url}/x`, { headers: { accept: 'application/json' } });
    expect(response).toMatchObject({ status: 200, ok: true, url: `${url}/x` });
    expect(response.headers.get('X-Many')).toBe('a, b');
    expect(new Map(response.headers).get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"ok":true}');
  });

  it('asks for a compressed answer and reads it decompressed; a timeout while it is read is still the signal’s', async () => {
    const text = JSON.stringify({ items: Array.from({ length: 2000 }, (_, i) => ({ i })) });
    const { url } = await serve((request, response) => {
      expect(request.headers['accept-encoding']).toBe('gzip, deflate');
      const zipped = gzipSync(text);
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(zipped.byteLength) });
      if (request.url === '/stalls') return response.write(zipped.subarray(0, 100)); // never ends
      response.end(zipped);
    });
    expect(await (await httpFetch(`${url}/list`)).text()).toBe(text);
    const stalled = await httpFetch(`${url}/stalls`, { signal: AbortSignal.timeout(300) });
    expect(((await stalled.text().catch((e: unknown) => e)) as Error).name).toBe('TimeoutError');
  });

  it('follows a redirect; the authorization header goes to the same origin only', async () => {
    const elsewhere = await serve((_, response) => response.end('blob'));
    const registry = await serve((request, response) => {
      if (request.url === '/same') return response.writeHead(307, { location: '/other-origin' }).end();
      if (request.url === '/other-origin') return response.writeHead(302, { location: `${elsewhere.url}/cdn` }).end();
      response.end('nope');
    });
    const response = await httpFetch(`${registry.url}/same`, { headers: { authorization: 'Bearer t' } });
    expect(await response.text()).toBe('blob');
    expect(response.url).toBe(`${elsewhere.url}/cdn`);
    expect(registry.seen.map((s) => [s.url, s.authorization])).toEqual([
      ['/same', 'Bearer t'],
      ['/other-origin', 'Bearer t'],
    ]);
    expect(elsewhere.seen).toEqual([{ method: 'GET', url: '/cdn', authorization: undefined, body: '' }]);
  });

  it('a 303 after a POST is a GET without the body; a 307 sends the POST again', async () => {
    const { url, seen } = await serve((request, response) => {
      if (request.url === '/see-other') return response.writeHead(303, { location: '/done' }).end();
      if (request.url === '/temporary') return response.writeHead(307, { location: '/done' }).end();
      response.end('done');
    });
    await (
      await httpFetch(`${url}/see-other`, { method: 'POST', body: '{"q":1}', headers: { 'content-type': 'application/json' } })
    ).text();
    await (await httpFetch(`${url}/temporary`, { method: 'POST', body: '{"q":2}' })).text();
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/see-other', '{"q":1}'],
      ['GET', '/done', ''],
      ['POST', '/temporary', '{"q":2}'],
      ['POST', '/done', '{"q":2}'],
    ]);
  });

  it('a timeout before the answer, or while its body is read, is the signal’s TimeoutError', async () => {
    const { url } = await serve((request, response) => {
      if (request.url === '/slow-body') {
        response.write('half');
        return; // never ends
      }
      // never answers
    });
    const before = await httpFetch(`${url}/silent`, { signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
    expect(describeFetchFailure(before, 'Prow', url, 200).message).toBe('Prow did not answer within 0.2s');

    const response = await httpFetch(`${url}/slow-body`, { signal: AbortSignal.timeout(300) });
    const during = await response.text().catch((e: unknown) => e);
    expect((during as Error).name).toBe('TimeoutError');
  });

  it('an unreachable server is a TypeError whose cause names the network error, as fetch throws', async () => {
    const { url } = await serve((_, response) => response.end());
    await new Promise((r) => servers.pop()!.close(r));
    const error = await httpFetch(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(describeFetchFailure(error, 'the registry', url, 1000).message).toBe(`cannot reach the registry at ${url} (ECONNREFUSED)`);
  });
});
