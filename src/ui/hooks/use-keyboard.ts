import { useInput } from 'ink';
import { handleInput } from '../input/dispatch.js';
import { useInputContext } from './use-input-context.js';

/** The keyboard: every key goes to the bindings of the mode open when it comes (input/dispatch.ts). */
export function useKeyboard(): void {
  const ctx = useInputContext();
  useInput((input, key) => handleInput(ctx, input, key));
}
