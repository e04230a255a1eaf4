import { Box } from 'ink';
import type React from 'react';

/**
 * A column of `height` rows whose content, when taller (a small terminal), is cut at the bottom.
 * In a plain Box of that height Ink shrinks the rows instead, and draws them over each other.
 */
export function CutToHeight({ width, height, children }: { width?: number; height: number; children: React.ReactNode }) {
  return (
    <Box flexDirection="column" width={width} height={Math.max(0, height)} overflow="hidden">
      <Box flexDirection="column" flexShrink={0}>
        {children}
      </Box>
    </Box>
  );
}
