import type { Actor } from './actor';

/** The record of a session: who it lets in while live, or that it has ended. */
export type CachedSession = (Actor & { active: true }) | { active: false };

export interface LocalSessionsOptions {
  /** Sessions kept at most; the oldest is forgotten first. */
  maxEntries: number;
  /** How long a live session is trusted without asking Redis again, in milliseconds. */
  liveForMs: number;
}

interface Entry {
  session: CachedSession;
  /** Epoch milliseconds after which the entry is not used. */
  until: number;
}

/**
 * The sessions one API process has seen, so most requests need no Redis round trip. It is only
 * as good as the invalidations it hears: the owner calls `forget` for every session ended
 * anywhere (Redis pub/sub) and `suspend` whenever it may have missed one, which empties the
 * cache and keeps it empty until `resume`. A load that raced an invalidation is not kept:
 * `generation()` read before the load must still be current when it is stored.
 */
export class LocalSessions {
  private readonly entries = new Map<string, Entry>();
  private invalidations = 0;
  private listening = false;

  constructor(private readonly options: LocalSessionsOptions) {}

  /** The session if it is cached and still to be trusted at `now`. */
  get(id: string, now: number): CachedSession | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.until > now) return entry.session;
    this.entries.delete(id);
    return undefined;
  }

  /** A token to pass back to `store`: the count of invalidations heard so far. */
  generation(): number {
    return this.invalidations;
  }

  /**
   * Keeps a session read from Redis or the database at `generation`, until `expiresAt` (an ended
   * session stays ended) or, if live, `liveForMs` at most. Nothing is kept while not listening, or
   * if anything was invalidated since the read began.
   */
  store(id: string, session: CachedSession, expiresAt: number, generation: number, now: number) {
    if (!this.listening || generation !== this.invalidations) return;
    const until = session.active ? Math.min(expiresAt, now + this.options.liveForMs) : expiresAt;
    if (until <= now) return;
    this.entries.delete(id);
    if (this.entries.size >= this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(id, { session, until });
  }

  /** Sessions ended somewhere: never served from here again without asking. */
  forget(ids: readonly string[]): void {
    this.invalidations += 1;
    for (const id of ids) this.entries.delete(id);
  }

  /** Invalidations may be missed from now on (the subscription is down): trust nothing. */
  suspend(): void {
    this.listening = false;
    this.invalidations += 1;
    this.entries.clear();
  }

  /** Invalidations are heard again. */
  resume(): void {
    this.listening = true;
  }

  get size(): number {
    return this.entries.size;
  }
}
