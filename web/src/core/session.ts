import type { components } from './api-types';

export type SessionUser = components['schemas']['ActorDto'];

interface Stored {
  token: string;
  user: SessionUser;
}

/**
 * The signed-in nurse: the token lives in memory and in this tab's sessionStorage (a reload keeps
 * her signed in; closing the tab forgets it), never in localStorage.
 */
const KEY = 'mch.session';
let current: Stored | null = read();
/** Why the last session ended, for the login page to say (idle logout). */
let ended: EndReason | null = null;
export type EndReason = 'logout' | 'idle' | 'expired';
const listeners = new Set<() => void>();

function read(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

function publish(next: Stored | null) {
  current = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

export const session = {
  token: (): string | null => current?.token ?? null,
  user: (): SessionUser | null => current?.user ?? null,
  start: (token: string, user: SessionUser) => {
    ended = null;
    publish({ token, user });
  },
  /** Signed out (by her, by idling, or by a 401): the pages return to the login. */
  end: (reason: EndReason = 'logout') => {
    ended = reason;
    publish(null);
  },
  endReason: (): EndReason | null => ended,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Idle logout (issue 16): warned at 28 minutes without a key or a click, signed out at 30. */
export const IDLE_WARNING_MS = 28 * 60_000;
export const IDLE_LOGOUT_MS = 30 * 60_000;
