import { parseDisplayZone, unknownZoneProblem, type DisplayZone } from '../domain/display-time.js';
import { UsageError } from '../errors.js';

/** `--tz ZONE`: a zone this runtime knows, else a usage error (exit 2) that says what to write. */
export function tzFlag(value: string | undefined): DisplayZone | undefined {
  if (value === undefined) return undefined;
  const zone = parseDisplayZone(value);
  if (!zone) throw new UsageError(`--tz: ${unknownZoneProblem(value)}`);
  return zone;
}
