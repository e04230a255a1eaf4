import { Box, Text } from 'ink';
import { componentShortName, matrixSentence, type CompatibilityMatrix } from '../../domain/compatibility.js';
import { oneLine, safeJson } from '../../domain/sanitize.js';
import { useCompatibilityMatrix } from '../hooks/use-views.js';
import { CELL_LOOK, useTone } from '../theme.js';
import { BorderedTable } from './BorderedTable.js';

const STAGE_TEXT: Record<NonNullable<CompatibilityMatrix['stage']>, string> = {
  ga: 'GA versions',
  rc: 'RC versions',
  'not-versions': 'not all versions',
};

/** The release's combination (each component at its own version) and the partner platforms it is tested on. */
export function MatrixView({ width, height }: { width: number; height: number }) {
  const tone = useTone();
  const matrix = useCompatibilityMatrix();
  const release = oneLine(matrix.release);
  const from = matrix.source === null ? 'versions unknown' : `${oneLine(matrix.source)} · ${STAGE_TEXT[matrix.stage!]}`;
  const notVersions = matrix.components.filter((c) => c.kind === 'not-a-version');
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold wrap="truncate">
        Compatibility matrix · {from}
      </Text>
      <Text wrap="wrap">{oneLine(matrixSentence(matrix))}</Text>
      {matrix.why !== null ? (
        <Text color={tone('warn')} wrap="wrap">
          ? No component versions: {oneLine(matrix.why)}
        </Text>
      ) : matrix.components.length === 0 ? (
        <Text color={tone('warn')}>? The manifest lists none of the configured components.</Text>
      ) : (
        <BorderedTable
          headers={['HyperFleet', ...matrix.components.map((c) => oneLine(componentShortName(c.name)))]}
          rows={[[release, ...matrix.components.map((c) => `${c.kind === 'not-a-version' ? '✗ ' : ''}${oneLine(c.version)}`)]]}
          width={width}
        />
      )}
      {matrix.notInRelease.length > 0 && (
        <Text color={tone('muted')} wrap="truncate">
          Not in this release (not in the manifest): {matrix.notInRelease.map((n) => oneLine(componentShortName(n))).join(', ')}
        </Text>
      )}
      {/* As JSON: what is not a version may hide characters that would make it look like one. */}
      {notVersions.length > 0 && (
        <Text color={tone('bad')} wrap="truncate">
          ✗ Not an X.Y.Z version in the manifest:{' '}
          {notVersions.map((c) => `${oneLine(componentShortName(c.name))} ${safeJson(c.version)}`).join(', ')}
        </Text>
      )}
      <Box marginTop={1} flexDirection="column">
        {matrix.platforms.length === 0 ? (
          <Text color={tone('muted')}>No partner integration has a platform configured (layers[].platform).</Text>
        ) : (
          <BorderedTable
            headers={['Partner', 'Platform', 'Latest run', 'Tested']}
            rows={matrix.platforms.map((p) => {
              const look = CELL_LOOK[p.state];
              return [
                oneLine(p.name),
                oneLine(p.platform),
                `${look.glyph} ${look.word}${p.stale !== undefined ? '*' : ''}`,
                p.tested ? '✓ yes' : '✗ no',
              ];
            })}
            width={width}
          />
        )}
        {matrix.platforms.some((p) => p.stale !== undefined) && (
          <Text color={tone('muted')} wrap="truncate">
            * from an earlier answer: its source is failing (see the layers)
          </Text>
        )}
      </Box>
      <Text color={tone('muted')} wrap="truncate">
        m or Esc: back to the layers
      </Text>
    </Box>
  );
}
