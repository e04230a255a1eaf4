import { parseCli, type CliOptions } from '../args.js';

/**
 * The commands that came before the registry share one parser (cli/args.ts): it knows which
 * flag goes with which of them. Each of their files passes its argv through it.
 */
export const parseShared = (argv: readonly string[]): CliOptions => parseCli(argv);
