import type { AppConfig } from '../../domain/config.js';
import { artifactReference, artifactTargets, type ArtifactTarget } from '../../domain/facts.js';
import type { ArtifactResult } from '../../domain/status.js';
import { MB, readCappedText } from '../capped-body.js';
import { describeFetchFailure } from '../http-errors.js';
import { REGISTRY_SOURCE } from '../../domain/snapshot.js';
import { SourceError, type SourceReport, type StatusSource } from '../source.js';

/** Manifest media types a registry may hold for an image or a Helm chart. */
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/**
 * The most of a token service's answer we read (manifests are asked with HEAD: no body). A token
 * answer is a JSON object with a token of a few KB; 1 MB is far past any, and bounds what a
 * misbehaving realm can make us hold.
 */
const MAX_TOKEN_ANSWER_BYTES = 1 * MB;

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
  readonly release: string;
  /** One base URL for every registry (a mirror, or the demo's fake); else each location's host. */
  readonly mirror?: string | PromiseLike<string>;
  readonly timeoutMs?: number;
  /** More to look for on each refresh: the patch image of every open hotfix. */
  readonly extraTargets?: () => readonly ArtifactTarget[];
}

/**
 * Asks each registry whether the release's image tags and chart versions exist, with the OCI
 * Distribution API: HEAD /v2/<name>/manifests/<tag>. Registries that want a token (Quay, for
 * anonymous pulls too) answer 401 with a Bearer challenge; we fetch an anonymous token from its
 * realm and ask again, once per repository.
 */
export class RegistrySource implements StatusSource {
  readonly name = REGISTRY_SOURCE;
  private readonly tokens = new Map<string, string>();
  private readonly timeoutMs: number;

  constructor(private readonly options: RegistrySourceOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw describeFetchFailure(error, 'the registry', new URL(url).host, this.timeoutMs);
    }
  }

  private async anonymousToken(challenge: Record<string, string>): Promise<string> {
    const url = new URL(challenge.realm!);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    if (challenge.scope) url.searchParams.set('scope', challenge.scope);
    const response = await this.request(url.toString(), { headers: { accept: 'application/json' } });
    if (!response.ok) throw new SourceError(`the registry's token service at ${url.host} answered ${response.status}`);
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

  private async exists(base: string, repository: string, tag: string): Promise<{ exists: boolean; digest?: string }> {
    const url = `${base.replace(/\/$/, '')}/v2/${repository}/manifests/${encodeURIComponent(tag)}`;
    const ask = (token?: string) =>
      this.request(url, { method: 'HEAD', headers: { accept: ACCEPT, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const key = `${base}/${repository}`;
    let response = await ask(this.tokens.get(key));
    if (response.status === 401) {
      const challenge = parseChallenge(response.headers.get('www-authenticate') ?? '');
      if (!challenge) throw new SourceError(`the registry at ${new URL(url).host} wants credentials we do not have (401)`);
      const token = await this.anonymousToken(challenge);
      this.tokens.set(key, token);
      response = await ask(token);
    }
    if (response.status === 200) {
      const digest = response.headers.get('docker-content-digest');
      return { exists: true, ...(digest ? { digest } : {}) };
    }
    if (response.status === 404) return { exists: false };
    throw new SourceError(`the registry at ${new URL(url).host} answered ${response.status} for ${repository}:${tag}`);
  }

  async fetch(now: number): Promise<SourceReport> {
    const mirror = await this.options.mirror;
    const targets = [...artifactTargets(this.options.config, this.options.release), ...(this.options.extraTargets?.() ?? [])];
    const artifacts = await Promise.all(
      targets.map(async (target): Promise<ArtifactResult> => {
        const { base, repository } = splitLocation(target.location, mirror);
        const found = await this.exists(base, repository, target.tag);
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
