import type { AppConfig } from '../../domain/config.js';
import { artifactReference, artifactTargets, type ArtifactTarget, type ReleaseMakeup } from '../../domain/facts.js';
import type { ArtifactResult } from '../../domain/status.js';
import { MB, readCappedText } from '../capped-body.js';
import { httpFetch, type HttpInit, type HttpResponse } from '../http-fetch.js';
import { describeFetchFailure } from '../http-errors.js';
import { GITHUB_SOURCE, REGISTRY_SOURCE } from '../../domain/snapshot.js';
import { SourceError, type SourceReport, type StatusSource } from '../source.js';

/** Manifest media types a registry may hold for an image or a Helm chart. */
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/**
 * The most of a token service's answer we read. A token
 * answer is a JSON object with a token of a few KB; 1 MB is far past any, and bounds what a
 * misbehaving realm can make us hold.
 */
const MAX_TOKEN_ANSWER_BYTES = 1 * MB;

/**
 * The most of a manifest or an image config we read: both are small JSON documents (a config
 * with its history is tens of KB; an index of every platform a few KB).
 */
const MAX_DOCUMENT_BYTES = 4 * MB;

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

/** The config digest of an image manifest; an index's: its first linux/amd64 entry (else its first). */
function platformDigest(manifest: Record<string, unknown>): string | undefined {
  const entries = Array.isArray(manifest.manifests) ? (manifest.manifests as Array<Record<string, unknown>>) : [];
  const amd64 = entries.find((m) => {
    const platform = m.platform as Record<string, unknown> | undefined;
    return platform?.os === 'linux' && platform?.architecture === 'amd64';
  });
  const digest = (amd64 ?? entries[0])?.digest;
  return typeof digest === 'string' ? digest : undefined;
}

function configDigest(manifest: Record<string, unknown>): string | undefined {
  const digest = (manifest.config as Record<string, unknown> | undefined)?.digest;
  return typeof digest === 'string' ? digest : undefined;
}

/** `Labels.version` of an image config (Docker's and OCI's both keep labels under `config.Labels`). */
function labelVersion(config: Record<string, unknown>): string | null {
  const labels = (config.config as Record<string, unknown> | undefined)?.Labels as Record<string, unknown> | undefined;
  return typeof labels?.version === 'string' ? labels.version : null;
}

/** "quay.io/a/b" → registry "quay.io", repository "a/b". Loopback registries speak plain HTTP. */
export function splitLocation(location: string, mirror?: string): { base: string; repository: string } {
  const [host, ...path] = location.replace(/^oci:\/\//, '').split('/');
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host ?? '');
  return { base: mirror ?? `${loopback ? 'http' : 'https'}://${host}`, repository: path.join('/') };
}

/** `Bearer realm="…",service="…",scope="…"` → its parameters. */
export function parseChallenge(header: string): Record<string, string> | null {
  const match = /^Bearer\s+(.*)$/i.exec(header.trim());
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const [, key, value] of match[1]!.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) params[key!.toLowerCase()] = value!;
  return params.realm ? params : null;
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface RegistrySourceOptions {
  readonly config: AppConfig;
  /**
   * The release's components and the version each ships, as GitHub's last answer has the
   * manifest: what to look for. Before they are known there is nothing of the release to ask.
   */
  readonly makeup: () => ReleaseMakeup;
  /** One base URL for every registry (a mirror, or the demo's fake); else each location's host. */
  readonly mirror?: string | PromiseLike<string>;
  readonly timeoutMs?: number;
  /** More to look for on each refresh: the patch image of every open hotfix. */
  readonly extraTargets?: () => readonly ArtifactTarget[];
}

/**
 * Asks each registry whether the release's image tags and chart versions exist, with the OCI
 * Distribution API: HEAD /v2/<name>/manifests/<tag> for a chart; for an image the manifest and
 * its config blob, whose `Labels.version` must name the release. Registries that want a token (Quay, for
 * anonymous pulls too) answer 401 with a Bearer challenge; we fetch an anonymous token from its
 * realm and ask again, once per repository.
 */
export class RegistrySource implements StatusSource {
  readonly name = REGISTRY_SOURCE;
  /** What to look for comes from the manifest GitHub reads: ask once its answer of this refresh is in. */
  readonly after = GITHUB_SOURCE;
  private readonly tokens = new Map<string, string>();
  private readonly timeoutMs: number;

  constructor(private readonly options: RegistrySourceOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  private async request(url: string, init: HttpInit): Promise<HttpResponse> {
    try {
      return await httpFetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw describeFetchFailure(error, 'the registry', new URL(url).host, this.timeoutMs);
    }
  }

  private async anonymousToken(challenge: Record<string, string>): Promise<string> {
    const url = new URL(challenge.realm!);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    if (challenge.scope) url.searchParams.set('scope', challenge.scope);
    const response = await this.request(url.toString(), { headers: { accept: 'application/json' } });
    if (!response.ok) {
      await response.body?.cancel();
      throw new SourceError(`the registry's token service at ${url.host} answered ${response.status}`);
    }
    const text = await readCappedText(response, MAX_TOKEN_ANSWER_BYTES, {
      what: `the registry's token service at ${url.host}`,
      where: url.host,
      timeoutMs: this.timeoutMs,
    });
    const body = parseJsonObject(text) as { token?: unknown; access_token?: unknown };
    const token = typeof body.token === 'string' ? body.token : typeof body.access_token === 'string' ? body.access_token : null;
    if (!token) throw new SourceError(`the registry's token service at ${url.host} sent no token`);
    return token;
  }

  /** One request to a repository, with its anonymous token fetched on the first 401 and kept. */
  private async ask(base: string, repository: string, path: string, method: 'GET' | 'HEAD'): Promise<HttpResponse> {
    const url = `${base.replace(/\/$/, '')}/v2/${repository}/${path}`;
    const send = (token?: string) =>
      this.request(url, { method, headers: { accept: ACCEPT, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const key = `${base}/${repository}`;
    let response = await send(this.tokens.get(key));
    if (response.status === 401) {
      // An answer's body is read or cancelled, or its connection stays open (and keeps a headless command running).
      await response.body?.cancel();
      const challenge = parseChallenge(response.headers.get('www-authenticate') ?? '');
      if (!challenge) throw new SourceError(`the registry at ${new URL(url).host} wants credentials we do not have (401)`);
      const token = await this.anonymousToken(challenge);
      this.tokens.set(key, token);
      response = await send(token);
    }
    return response;
  }

  private async document(base: string, repository: string, path: string, what: string): Promise<Record<string, unknown> | null> {
    const response = await this.ask(base, repository, path, 'GET');
    const host = new URL(base).host;
    if (response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new SourceError(`the registry at ${host} answered ${response.status} for ${what}`);
    }
    const text = await readCappedText(response, MAX_DOCUMENT_BYTES, {
      what: `the registry at ${host}`,
      where: host,
      timeoutMs: this.timeoutMs,
    });
    return parseJsonObject(text);
  }

  /** A chart (or anything without a label to compare) is asked with HEAD: its manifest's presence is the answer. */
  private async exists(base: string, repository: string, tag: string): Promise<{ exists: boolean; digest?: string }> {
    const response = await this.ask(base, repository, `manifests/${encodeURIComponent(tag)}`, 'HEAD');
    if (response.status === 200) {
      const digest = response.headers.get('docker-content-digest');
      return { exists: true, ...(digest ? { digest } : {}) };
    }
    if (response.status === 404) return { exists: false };
    throw new SourceError(`the registry at ${new URL(base).host} answered ${response.status} for ${repository}:${tag}`);
  }

  /**
   * An image exists when its manifest is there and its config's `Labels.version` is the one
   * expected: GET the manifest (through an index to one platform's), then its config blob.
   */
  private async labelled(
    base: string,
    repository: string,
    tag: string,
    expected: string,
  ): Promise<{ exists: boolean; digest?: string; label?: { expected: string; found: string | null } }> {
    const response = await this.ask(base, repository, `manifests/${encodeURIComponent(tag)}`, 'GET');
    const host = new URL(base).host;
    if (response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      return { exists: false };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new SourceError(`the registry at ${host} answered ${response.status} for ${repository}:${tag}`);
    }
    const digest = response.headers.get('docker-content-digest');
    let manifest = parseJsonObject(
      await readCappedText(response, MAX_DOCUMENT_BYTES, { what: `the registry at ${host}`, where: host, timeoutMs: this.timeoutMs }),
    );
    const reference = `${repository}:${tag}`;
    if (INDEX_TYPES.has(String(manifest.mediaType)) || Array.isArray(manifest.manifests)) {
      const platform = platformDigest(manifest);
      const inner = platform ? await this.document(base, repository, `manifests/${platform}`, reference) : null;
      if (!inner) throw new SourceError(`the registry at ${host} lists ${reference} but not the image manifest its index names`);
      manifest = inner;
    }
    const blob = configDigest(manifest);
    const config = blob ? await this.document(base, repository, `blobs/${blob}`, `${reference}'s config`) : null;
    if (!config) throw new SourceError(`the registry at ${host} has the manifest of ${reference} but not its config blob`);
    const found = labelVersion(config);
    return { exists: found === expected, ...(digest ? { digest } : {}), label: { expected, found } };
  }

  async fetch(now: number): Promise<SourceReport> {
    const mirror = await this.options.mirror;
    const makeup = this.options.makeup();
    const targets = [...artifactTargets(this.options.config, makeup), ...(this.options.extraTargets?.() ?? [])];
    // Asking nothing is no answer: the registry's state is not known, and must not read as reachable.
    if (targets.length === 0 && !makeup.known)
      throw new SourceError(`nothing to look for yet: the release's component versions are not known (${makeup.why})`);
    const artifacts = await Promise.all(
      targets.map(async (target): Promise<ArtifactResult> => {
        const { base, repository } = splitLocation(target.location, mirror);
        const found =
          target.labelVersion === undefined
            ? await this.exists(base, repository, target.tag)
            : await this.labelled(base, repository, target.tag, target.labelVersion);
        const reference = artifactReference(target);
        return {
          component: target.component,
          kind: target.kind,
          reference,
          checkedAt: now,
          ...found,
          ...(target.hotfix ? { hotfix: target.hotfix } : {}),
        };
      }),
    );
    return { results: [], artifacts };
  }
}
