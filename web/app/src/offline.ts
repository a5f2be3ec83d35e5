// What lets the app open and be useful with no connection, beside the service worker's shell
// and the follow-up queue: who was signed in last (so the app does not send an agent on the road
// to a sign-in page it cannot pass), and the last board loaded (so a follow-up can be logged
// against a project). Both are the agent's own working data, kept on the device only, and both
// are forgotten at sign-out. The server still decides: nothing is sent without a valid session.
import type { SessionUser } from './api';
import { IndexedDbDrafts, MemoryDrafts, type DraftBackend } from './drafts';

const USER_KEY = 'sismic.lastUser';

/** Remembers who is signed in (their id, email, role and region: no token, no secret). */
export function rememberUser(user: SessionUser, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(USER_KEY, JSON.stringify({ id: user.id, email: user.email, role: user.role, region: user.region }));
  } catch {
    // Private mode: the app simply will not open offline.
  }
}

/** Who was signed in last on this device, if anyone. */
export function rememberedUser(storage: Pick<Storage, 'getItem'> = localStorage): SessionUser | null {
  try {
    const kept = JSON.parse(storage.getItem(USER_KEY) ?? 'null');
    return kept && typeof kept.id === 'string' && typeof kept.email === 'string' && typeof kept.role === 'string' ? (kept as SessionUser) : null;
  } catch {
    return null;
  }
}

/** The last board loaded, with when it was loaded. */
export interface BoardSnapshot<P> {
  projects: P[];
  savedAt: string;
}

const snapshots: DraftBackend = typeof indexedDB === 'undefined' ? new MemoryDrafts() : new IndexedDbDrafts(indexedDB, 'sismic-offline');

export async function saveBoard<P>(projects: P[], now = new Date()): Promise<void> {
  await snapshots.put({ id: 'board', value: { projects, savedAt: now.toISOString() }, savedAt: now.getTime() }).catch(() => {});
}

export async function lastBoard<P>(): Promise<BoardSnapshot<P> | null> {
  const entry = await snapshots.get('board').catch(() => undefined);
  return (entry?.value as BoardSnapshot<P> | undefined) ?? null;
}

/** Forgets the user and the board (at sign-out). */
export async function forgetOfflineData(storage: Pick<Storage, 'removeItem'> = localStorage): Promise<void> {
  try {
    storage.removeItem(USER_KEY);
  } catch {
    // Nothing was kept.
  }
  await snapshots.delete('board').catch(() => {});
}
