import { artifactBuild, buildText } from '../domain/builds.js';
import type { LayerEvaluation } from '../domain/layers.js';
import { oneLine, safeJson } from '../domain/sanitize.js';
import { artifactsStaleReason, staleNotes } from '../domain/snapshot.js';
import { formatSpan, isoOrNull } from '../domain/time.js';
import { formatDatedInZone } from '../domain/display-time.js';
import { shownZone } from '../store/selectors.js';
import type { AppState } from '../store/app-store.js';
import { layerEvaluations, manifestView } from '../store/view.js';
import { manifestText } from '../present/manifest.js';
import { CELL_LOOK, VERDICT_LOOK } from '../present/looks.js';
import { EXIT } from '../errors.js';

/**
 * `status`: 0 when every mandatory layer passes, 1 when one does not, 3 when no source could be
 * reached at all (then nothing can be said about the layers).
 */
export function statusExitCode(state: AppState, evaluations: readonly LayerEvaluation[]): number {
  const sources = state.snapshot?.sources ?? [];
  if (state.sourceNames.length === 0 || (sources.length > 0 && sources.every((s) => !s.ok))) return EXIT.backendUnreachable;
  return evaluations.some((e) => e.layer.gate === 'mandatory' && e.verdict !== 'pass') ? EXIT.checkFailed : EXIT.ok;
}

/** The release's manifest: the branch it was read from and each component's version, or why they are not known. */
function manifestJson({ versions, stale }: ReturnType<typeof manifestView>) {
  const known =
    versions.state === 'known'
      ? {
          branch: versions.branch,
          release: versions.manifest.release,
          e2eRef: versions.manifest.e2eRef,
          components: Object.fromEntries([...versions.components, ...versions.unparsed].map((c) => [c.component, c.text])),
          unlisted: versions.unlisted,
        }
      : { why: versions.why };
  return { state: versions.state, ...known, stale: stale ?? null };
}

export function statusJson(state: AppState): { text: string; evaluations: LayerEvaluation[] } {
  const evaluations = layerEvaluations(state.config, state.release, state.snapshot, state.now);
  const artifactsStale = artifactsStaleReason(state.snapshot) ?? null;
  const body = {
    release: state.release,
    generatedAt: isoOrNull(state.now),
    viewer: state.viewer,
    rateLimit: state.rateLimit ? { ...state.rateLimit, resetAt: isoOrNull(state.rateLimit.resetAt) } : null,
    sources: (state.snapshot?.sources ?? []).map((s) => ({
      source: s.source,
      ok: s.ok,
      lastSuccessAt: isoOrNull(s.lastSuccessAt),
      error: s.error ?? null,
      unanswered: (s.unanswered ?? []).map((u) => ({ repo: u.repo, reason: u.reason, lastGoodAt: isoOrNull(u.lastGoodAt) })),
    })),
    warnings: Object.values(state.sourceWarnings).flat(),
    manifest: manifestJson(manifestView(state.config, state.release, state.snapshot)),
    artifacts: (state.snapshot?.artifacts ?? []).map((a) => {
      const build = artifactBuild(a, state.config.components, state.snapshot?.repos);
      return {
        ...a,
        checkedAt: isoOrNull(a.checkedAt),
        digest: a.digest ?? null,
        stale: artifactsStale,
        // Konflux's on-tag build of the artifact's tag, when its commit reports one.
        build: build ? { tag: build.tag, state: build.state, url: build.url ?? null, at: isoOrNull(build.at) } : null,
      };
    }),
    layers: evaluations.map((e) => ({
      id: e.layer.id,
      name: e.layer.name,
      owner: e.layer.owner,
      gate: e.layer.gate,
      verdict: e.verdict,
      reasons: e.reasons,
      cells: e.cells.map((c) => ({
        component: c.component,
        state: c.state,
        commit: c.commit ?? null,
        url: c.url ?? null,
        finishedAt: isoOrNull(c.finishedAt),
        fetchedAt: isoOrNull(c.fetchedAt),
        source: c.source,
        detail: c.detail ?? null,
        stale: c.stale ?? null,
        checks: (c.checks ?? []).map((k) => ({ name: k.name, state: k.state, url: k.url ?? null, finishedAt: isoOrNull(k.finishedAt) })),
      })),
    })),
  };
  // safeJson escapes every control character, so outside text cannot reach a terminal raw.
  return { text: `${safeJson(body)}\n`, evaluations };
}

const staleMark = (reason: string | undefined): string => (reason !== undefined ? ` [stale: ${oneLine(reason)}]` : '');

export function statusText(state: AppState): { text: string; evaluations: LayerEvaluation[] } {
  const evaluations = layerEvaluations(state.config, state.release, state.snapshot, state.now);
  const out: string[] = [
    `Test layers of ${state.release} (${formatDatedInZone(state.now, shownZone(state))})`,
    manifestText(manifestView(state.config, state.release, state.snapshot)),
  ];
  const nameWidth = Math.max(...evaluations.map((e) => e.layer.name.length));
  for (const e of evaluations) {
    const look = VERDICT_LOOK[e.verdict];
    out.push(`${look.glyph} ${oneLine(e.layer.name).padEnd(nameWidth)}  ${e.layer.gate.padEnd(9)}  ${look.word}`);
    for (const cell of e.cells) {
      const where = cell.component ?? 'release';
      const age = cell.finishedAt !== undefined ? `, ${formatSpan(state.now - cell.finishedAt)} ago` : '';
      const detail = cell.detail ? ` — ${oneLine(cell.detail)}` : '';
      out.push(
        `    ${CELL_LOOK[cell.state].glyph} ${oneLine(where)}: ${cell.state}${age}${cell.commit ? ` @ ${cell.commit.slice(0, 7)}` : ''}${detail}${cell.state === 'unknown' ? '' : staleMark(cell.stale)}${cell.url ? `  ${oneLine(cell.url)}` : ''}`,
      );
    }
  }
  const artifactsStale = staleMark(artifactsStaleReason(state.snapshot));
  for (const artifact of state.snapshot?.artifacts ?? []) {
    const build = artifactBuild(artifact, state.config.components, state.snapshot?.repos);
    const why = build ? ` — ${oneLine(buildText(build))}` : '';
    out.push(
      `${artifact.exists ? '✓' : '✗'} ${artifact.kind} ${oneLine(artifact.reference)}${artifact.exists ? (artifact.digest ? ` ${oneLine(artifact.digest)}` : '') : ' — not in the registry'}${why}${artifactsStale}`,
    );
  }
  for (const source of state.snapshot?.sources ?? []) if (source.ok) out.push(`source ${source.source}: ok`);
  for (const note of staleNotes(state.snapshot)) {
    const since = note.since !== undefined ? `last good data ${formatSpan(state.now - note.since)} old` : 'no data from it yet';
    out.push(`source ${note.source}: ${note.failing ? 'FAILING' : 'PARTIAL'} — ${oneLine(note.reason)} (${since})`);
  }
  for (const warning of Object.values(state.sourceWarnings).flat()) out.push(`warning: ${oneLine(warning)}`);
  if (state.rateLimit)
    out.push(`GitHub budget: ${state.rateLimit.remaining}/${state.rateLimit.limit} points, last refresh cost ${state.rateLimit.cost}`);
  return { text: `${out.join('\n')}\n`, evaluations };
}
