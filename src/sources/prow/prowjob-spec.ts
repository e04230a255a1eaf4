import { parse } from 'yaml';
import * as z from 'zod/mini';
import '../../zod-setup.js';
import { MB, readCappedText } from '../capped-body.js';
import { httpFetch } from '../http-fetch.js';
import { describeFetchFailure } from '../http-errors.js';
import { SourceError } from '../source.js';

/**
 * Which versions an RC E2E run tested. Gangway appends a request's `pod_spec_options.envs` to
 * every container of the ProwJob it creates (`spec.pod_spec.containers[].env`), and Deck's job
 * list drops the pod spec when asked to (`omit=pod_spec`, which keeps it small), so each RC E2E
 * run's ProwJob is read on its own from Deck's /prowjob?prowjob=NAME, which answers it as YAML.
 */

/**
 * One ProwJob is a few KB (its pod spec, decoration and status); 1 MB is far past any real one
 * and still cheap to hold.
 */
const MAX_PROWJOB_BYTES = 1 * MB;

const envVar = z.object({ name: z.string(), value: z.optional(z.string()) });
const prowJobSpec = z.object({
  spec: z.object({
    pod_spec: z.optional(z.object({ containers: z.optional(z.array(z.object({ env: z.optional(z.array(envVar)) }))) })),
  }),
});

export type OverridesRead =
  { readonly ok: true; readonly overrides: Readonly<Record<string, string>> } | { readonly ok: false; readonly problem: string };

/** The variables among `names` that the ProwJob's first container carries (a later duplicate wins, as in Kubernetes). */
export async function readRunOverrides(baseUrl: string, name: string, names: readonly string[], timeoutMs: number): Promise<OverridesRead> {
  const url = `${baseUrl.replace(/\/$/, '')}/prowjob?prowjob=${encodeURIComponent(name)}`;
  let text: string;
  try {
    const response = await httpFetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, problem: `Prow answered ${response.status} for its ProwJob` };
    }
    text = await readCappedText(response, MAX_PROWJOB_BYTES, { what: 'Prow', where: baseUrl, timeoutMs });
  } catch (error) {
    const failure = error instanceof SourceError ? error : describeFetchFailure(error, 'Prow', baseUrl, timeoutMs);
    return { ok: false, problem: failure.message };
  }
  let spec: z.infer<typeof prowJobSpec>;
  try {
    spec = prowJobSpec.parse(parse(text, { maxAliasCount: 100 }));
  } catch {
    return { ok: false, problem: 'its ProwJob is not the YAML Deck sends' };
  }
  const wanted = new Set(names);
  const overrides: Record<string, string> = {};
  for (const variable of spec.spec.pod_spec?.containers?.[0]?.env ?? []) {
    if (wanted.has(variable.name) && variable.value !== undefined) overrides[variable.name] = variable.value;
  }
  return { ok: true, overrides };
}
