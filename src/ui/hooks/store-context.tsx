import React, { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Controller } from '../../app/controller.js';
import type { AppState, AppStore } from '../../store/app-store.js';

interface Wiring {
  readonly store: AppStore;
  readonly controller: Controller;
}

const WiringContext = createContext<Wiring | null>(null);

export function WiringProvider({ store, controller, children }: Wiring & { children: React.ReactNode }) {
  return <WiringContext.Provider value={{ store, controller }}>{children}</WiringContext.Provider>;
}

function useWiring(): Wiring {
  const wiring = useContext(WiringContext);
  if (!wiring) throw new Error('WiringProvider is missing');
  return wiring;
}

/** Subscribes to one slice of the store; the component re-renders only when that slice changes. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useWiring().store, selector);
}

export const useStoreApi = (): AppStore => useWiring().store;
export const useController = (): Controller => useWiring().controller;
