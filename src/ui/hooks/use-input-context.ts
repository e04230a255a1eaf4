import { useApp } from 'ink';
import type { InputContext } from '../input/binding.js';
import { bodyHeight } from '../layout.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useController, useStoreApi } from './store-context.js';

/** What key bindings run with: the store, the actions, the terminal's size, and a way out. */
export function useInputContext(): InputContext {
  const { exit } = useApp();
  const store = useStoreApi();
  const actions = useController();
  const { rows, columns } = useTerminalSize();
  return {
    store,
    actions,
    columns,
    get bodyHeight() {
      return bodyHeight(store.getState(), rows, columns);
    },
    exit,
  };
}
