import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Every schema uses zod/mini (the same checks as zod's classic API, a twentieth of the code to
 * load at start-up) and imports this module first: English messages for the checks our schemas
 * do not word themselves. Each schema parses once or a few times per run, so compiling it to a
 * fast path (zod's JIT) would cost more than it saves; only a long journal is read with a
 * compiled schema (journal/codec), once it has enough lines to pay for it.
 */
config({ ...en(), jitless: true });
