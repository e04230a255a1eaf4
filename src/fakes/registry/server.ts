import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerCommonFault, LoopbackServer, sendJson, type Fault } from '../http.js';
import type { FakeManifest, FakeWorld } from '../world.js';

const TOKEN = 'anonymous-pull-token';

const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** The image config JSON of a manifest: a label only when the world gives one. */
const imageConfig = (m: FakeManifest): string =>
  JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: m.labelVersion === undefined ? {} : { Labels: { version: m.labelVersion } },
    rootfs: { type: 'layers', diff_ids: [] },
  });

const configBlob = (m: FakeManifest): { digest: string; body: string } => {
  const body = imageConfig(m);
  // A missing config is named by a digest no blob has.
  return { digest: m.configMissing ? sha256(`missing ${m.repository}:${m.tag}`) : sha256(body), body };
};

const imageManifest = (m: FakeManifest): string =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configBlob(m).digest, size: configBlob(m).body.length },
    layers: [],
  });

/**
 * A fake of a registry that, like Quay, wants a bearer token even for anonymous pulls: a HEAD on
 * a manifest without one gets 401 and a `WWW-Authenticate: Bearer realm=…` challenge; the realm
 * hands out an anonymous token. A GET on a manifest answers an OCI image manifest whose config
 * blob (GET /v2/<name>/blobs/<digest>) carries the manifest's `Labels.version`. (Plain existence
 * is tested against a real registry.)
 */
export class FakeRegistry extends LoopbackServer {
  constructor(public world: FakeWorld) {
    super();
  }

  /** An oversized body waits for the token request, the first answer whose body is read. */
  protected override faultFits(fault: Fault, request: IncomingMessage): boolean {
    return fault !== 'oversized-body' || (request.url ?? '').startsWith('/v2/auth');
  }

  protected handle(request: IncomingMessage, _body: string, response: ServerResponse, fault: Fault | undefined): void {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    if (answerCommonFault(response, fault, Date.now())) return;
    if (url.pathname === '/v2/auth') return sendJson(response, 200, { token: TOKEN, expires_in: 300 });
    const manifest = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    if (!manifest) return sendJson(response, 404, { errors: [{ code: 'NOT_FOUND' }] });
    const [, repository, what, tag] = manifest;
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401, {
        'www-authenticate': `Bearer realm="${url.origin}/v2/auth",service="fake-registry",scope="repository:${repository}:pull"`,
        'content-type': 'application/json',
      });
      return void response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED' }] }));
    }
    const held = (this.world.manifests ?? []).filter((m) => m.repository === repository);
    if (what === 'blobs') {
      const blob = held.flatMap((m) => (m.configMissing ? [] : [configBlob(m)])).find((b) => b.digest === decodeURIComponent(tag!));
      if (!blob) return sendJson(response, 404, { errors: [{ code: 'BLOB_UNKNOWN' }] });
      response.writeHead(200, { 'content-type': 'application/vnd.oci.image.config.v1+json', 'docker-content-digest': blob.digest });
      return void response.end(blob.body);
    }
    const found = held.find((m) => m.tag === decodeURIComponent(tag!));
    if (!found) {
      response.writeHead(404, { 'content-type': 'application/json' });
      return void response.end();
    }
    const body = imageManifest(found);
    response.writeHead(200, { 'docker-content-digest': sha256(body), 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}
