import { useSyncExternalStore } from 'react';
import { session } from './session';

/** The signed-in user, re-rendering when the session starts or ends. */
export function useSessionUser() {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.user(),
  );
}
