import { Box, Text } from 'ink';
import { artifactBuild, buildText, type KonfluxBuild } from '../../domain/builds.js';
import type { LayerEvaluation } from '../../domain/layers.js';
import { oneLine } from '../../domain/sanitize.js';
import { artifactsStaleReason, staleNotes } from '../../domain/snapshot.js';
import type { ArtifactKind, ArtifactResult, LayerResult } from '../../domain/status.js';
import { formatSpan } from '../../domain/time.js';
import { componentShortName, matrixSentence } from '../../domain/compatibility.js';
import { ChecksDetail } from '../components/ChecksDetail.js';
import { MatrixView } from '../components/MatrixView.js';
import { Table, type Cell } from '../components/Table.js';
import { useAppState } from '../hooks/store-context.js';
import { manifestParts } from '../../present/manifest.js';
import { selectManifest, selectReleaseComponents, shownZone } from '../../store/selectors.js';
import { useCompatibilityMatrix, useEarlyTags, useFreeze, useNow, useStatusRows } from '../hooks/use-views.js';
import { freezeLines } from '../text/freeze-lines.js';
import { CELL_LOOK, VERDICT_LOOK, useTone } from '../theme.js';
import { CutToHeight } from '../components/CutToHeight.js';

/** A stable empty list: a selector must not return a new array each time it runs. */
const NO_ARTIFACTS: readonly ArtifactResult[] = [];
const ARTIFACT_LABELS: Record<ArtifactKind, string> = { 'rc-image': 'RC images', image: 'Images', chart: 'Charts' };

/**
 * What Konflux says beside an artifact, when that adds to its ✓ or ✗: a failed or running build,
 * or a passed one whose artifact its release pipeline has not pushed yet.
 */
function buildNote(exists: boolean, build: KonfluxBuild | undefined): string {
  if (!build || (build.state === 'passed' && exists)) return '';
  if (build.state === 'passed') return ' (built, not pushed yet)';
  return build.state === 'failed' ? ' (build failed)' : ' (building)';
}

/**
 * "✓ passed 4h 59m" where there is room, "✓ 4h 59m" on a narrow terminal (the glyph still says
 * which); a trailing "*" when it is stale (its source failing, or its repository left out of the
 * last answer), explained under the table.
 */
function cellOf(result: LayerResult | undefined, now: number, wide: boolean): Cell {
  if (!result) return { text: '—', tone: 'muted' };
  const look = CELL_LOOK[result.state];
  const age = result.finishedAt !== undefined ? ` ${formatSpan(now - result.finishedAt)}` : '';
  const stale = result.stale !== undefined ? '*' : '';
  return { text: `${look.glyph}${wide || !age ? ` ${look.word}` : ''}${age}${stale}`, tone: stale ? 'muted' : look.tone };
}

function releaseWide(cell: Cell, span: number): Cell {
  const text = typeof cell === 'string' ? cell : cell.text;
  return { ...(typeof cell === 'string' ? {} : cell), text: `${text} · release-wide`, span };
}

/** Test layers × components, with the gate verdict of each layer and why. */
export function Status({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const rows = useStatusRows();
  const components = useAppState(selectReleaseComponents);
  const manifest = useAppState(selectManifest);
  const cursor = useAppState((s) => s.cursor.status);
  const snapshot = useAppState((s) => s.snapshot);
  const schedules = useAppState((s) => s.schedules);
  const artifacts = useAppState((s) => s.snapshot?.artifacts ?? NO_ARTIFACTS);
  const detailOpen = useAppState((s) => s.detailOpen);
  const matrixOpen = useAppState((s) => s.matrixOpen);
  const matrix = useCompatibilityMatrix();
  const filter = useAppState((s) => s.filter);
  const filtering = useAppState((s) => s.filtering);
  const early = useEarlyTags();
  const policy = useAppState((s) => s.config.codeFreeze);
  const freezeView = useFreeze();
  // Only once frozen: before that, the gate's own detail (Checklist) says when it begins.
  const now = useNow();
  const zone = useAppState(shownZone);
  const freeze = freezeView.since ? freezeLines(freezeView, policy, { zone, now }) : [];
  const selected = rows[cursor];
  if (detailOpen && selected) return <ChecksDetail evaluation={selected} now={now} width={width} height={height} />;
  if (matrixOpen) return <MatrixView width={width} height={height} />;

  const notes = staleNotes(snapshot);
  const builds = new Map(artifacts.map((a) => [a.reference, artifactBuild(a, components, snapshot?.repos)]));
  // A failed build's link is the first thing to open: one line each, under the artifacts.
  const failedBuilds = [...builds.values()].filter((b): b is KonfluxBuild => b?.state === 'failed');
  const artifactsStale = artifactsStaleReason(snapshot) !== undefined ? '*' : '';
  const wide = width >= 100;
  const columns = [
    { header: 'Layer', flex: 2 },
    { header: 'Gate', width: 10 },
    { header: 'Verdict', width: 10 },
    ...components.map((c) => ({ header: componentShortName(c.name), flex: 2 })),
  ];
  const cells = rows.map((evaluation: LayerEvaluation) => {
    const verdict = VERDICT_LOOK[evaluation.verdict];
    const perComponent = evaluation.layer.scope === 'component';
    return [
      oneLine(evaluation.layer.name),
      evaluation.layer.gate,
      { text: `${verdict.glyph} ${verdict.word}`, tone: verdict.tone },
      // A release-wide layer has one result, for the release: it spans the component columns.
      ...(perComponent
        ? components.map((c) =>
            cellOf(
              evaluation.cells.find((cell) => cell.component === c.name),
              now,
              wide,
            ),
          )
        : [releaseWide(cellOf(evaluation.cells[0], now, wide), components.length)]),
    ] satisfies Cell[];
  });
  return (
    <CutToHeight width={width} height={height}>
      {(filtering || filter) && (
        <Text wrap="truncate">
          <Text color={tone('info')}>/</Text>
          {filter}
          {filtering ? (
            <Text inverse> </Text>
          ) : (
            <Text color={tone('muted')}> ({rows.length} shown · / to change, Esc in the filter clears)</Text>
          )}
        </Text>
      )}
      <Table columns={columns} rows={cells} width={width} selected={cursor} />
      {rows.length === 0 && <Text color={tone('muted')}>No layer matches "{filter}".</Text>}
      <Text wrap="truncate">
        {manifestParts(manifest).map((part, i) => (
          <Text key={i} color={tone(part.tone)}>
            {part.text}
          </Text>
        ))}
      </Text>
      {[
        ...(['rc-image', 'image', 'chart'] as const).map((kind) => ({
          key: kind,
          label: ARTIFACT_LABELS[kind],
          list: artifacts.filter((a) => a.kind === kind && !a.hotfix),
        })),
        ...[...new Set(artifacts.flatMap((a) => (a.hotfix ? [a.hotfix] : [])))].map((hotfix) => ({
          key: hotfix,
          label: `Patch ${oneLine(hotfix)}`,
          list: artifacts.filter((a) => a.hotfix === hotfix),
        })),
      ].map(({ key, label, list }) => {
        if (list.length === 0) return null;
        const tagOf = (a: ArtifactResult) => a.reference.split(':').at(-1);
        // Components ship their own versions: one tag heads the line only when they share it.
        const shared = list.every((a) => tagOf(a) === tagOf(list[0]!)) ? ` ${tagOf(list[0]!)}` : '';
        return (
          <Text key={key} wrap="truncate">
            {label}
            {shared}:{' '}
            {list.map((a) => (
              <Text key={a.reference} color={tone(artifactsStale ? 'muted' : a.exists ? 'good' : 'warn')}>
                {a.exists ? '✓' : '✗'} {componentShortName(a.component)}
                {shared ? '' : ` ${tagOf(a)}`}
                {buildNote(a.exists, builds.get(a.reference))}
                {artifactsStale}{' '}
              </Text>
            ))}
          </Text>
        );
      })}
      <Text wrap="truncate">
        <Text color={tone('info')} bold>
          m
        </Text>{' '}
        matrix · <Text color={tone(matrix.why === null ? undefined : 'warn')}>{oneLine(matrixSentence(matrix))}</Text>
      </Text>
      {failedBuilds.map((b, i) => (
        <Text key={`${b.component}@${b.tag}#${i}`} color={tone('bad')} wrap="truncate">
          ✗ {componentShortName(b.component)} {oneLine(b.tag)}: {oneLine(buildText(b))}
        </Text>
      ))}
      {early.map((e) => (
        <Text key={`${e.owner}/${e.tag}`} color={tone('bad')} wrap="truncate">
          ✗ Process violation: {oneLine(e.text)}
        </Text>
      ))}
      {freeze.map((line, i) => (
        <Text key={`freeze-${i}`} color={tone(line.tone)} wrap="truncate">
          {line.text}
        </Text>
      ))}
      <Box flexDirection="column" marginTop={1}>
        {selected && (
          <>
            <Text bold wrap="truncate">
              {oneLine(selected.layer.name)} · owner {oneLine(selected.layer.owner)} · {selected.layer.gate} · Enter: raw checks
            </Text>
            {selected.reasons.length === 0 && <Text color={tone('good')}>All results passed within their maximum age.</Text>}
            {selected.reasons
              // What is left under the table and the lines between it and the reasons (manifest, matrix, title).
              .slice(0, Math.max(0, height - rows.length - 8 - notes.length - early.length - failedBuilds.length - freeze.length))
              .map((reason, i) => (
                <Text key={i} color={tone(selected.verdict === 'fail' ? 'bad' : 'warn')} wrap="truncate">
                  • {oneLine(reason)}
                </Text>
              ))}
          </>
        )}
        {notes.map((note, i) => {
          const schedule = schedules[note.source];
          const retry = note.failing && schedule ? ` · retry in ${formatSpan(Math.max(0, schedule.nextAt - now))}` : '';
          const shown = note.since !== undefined ? `showing its data from ${formatSpan(now - note.since)} ago` : 'no data from it yet';
          return (
            <Text key={i} color={tone('bad')} wrap="truncate">
              * {note.source}: {oneLine(note.reason)} — {shown}
              {retry}
            </Text>
          );
        })}
      </Box>
    </CutToHeight>
  );
}
