import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerCommonFault, LoopbackServer, sendJson, type Fault } from '../http.js';
import type { FakeWorld } from '../world.js';

const TOKEN = 'anonymous-pull-token';

/**
 * A fake of a registry that, like Quay, wants a bearer token even for anonymous pulls: a HEAD on
 * a manifest without one gets 401 and a `WWW-Authenticate: Bearer realm=…` challenge; the realm
 * hands out an anonymous token. (Plain existence is tested against a real registry.)
 */
export class FakeRegistry extends LoopbackServer {
  constructor(public world: FakeWorld) {
    super();
  }

  /** Manifests are asked with HEAD, which has no body to oversize: that fault waits for the token request. */
  protected override faultFits(fault: Fault, request: IncomingMessage): boolean {
    return fault !== 'oversized-body' || request.method !== 'HEAD';
  }

  protected handle(request: IncomingMessage, _body: string, response: ServerResponse, fault: Fault | undefined): void {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    if (answerCommonFault(response, fault, Date.now())) return;
    if (url.pathname === '/v2/auth') return sendJson(response, 200, { token: TOKEN, expires_in: 300 });
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (!manifest) return sendJson(response, 404, { errors: [{ code: 'NOT_FOUND' }] });
    const [, repository, tag] = manifest;
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401, {
        'www-authenticate': `Bearer realm="${url.origin}/v2/auth",service="fake-registry",scope="repository:${repository}:pull"`,
        'content-type': 'application/json',
      });
      return void response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED' }] }));
    }
    const found = (this.world.manifests ?? []).some((m) => m.repository === repository && m.tag === decodeURIComponent(tag!));
    if (!found) {
      response.writeHead(404, { 'content-type': 'application/json' });
      return void response.end();
    }
    const digest = `sha256:${createHash('sha256').update(`${repository}:${tag}`).digest('hex')}`;
    response.writeHead(200, { 'docker-content-digest': digest, 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
    response.end();
  }
}
