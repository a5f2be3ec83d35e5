// The registration form's local draft: while the form is open, what was typed (and the
// registration's idempotency key) is kept in IndexedDB, so that a reload or an expired session
// loses nothing. It holds personal information, so it lives only as long as it must: deleted
// once the person is registered with their consent, when the agent cancels on purpose or opens
// the existing person instead, and at sign-out; a draft of another user is never shown, and is
// deleted when found.
import type { ConsentFields, IdentityFields } from './form';

export interface RegistrationDraft {
  /** Whose draft it is. */
  userId: string;
  /** The registration's idempotency key, made when the form opened. */
  key: string;
  /** The region chosen (administrators), or null (an agent's own). */
  regionId: string | null;
  identity: IdentityFields;
  consent: ConsentFields;
  /** Set once the person is registered but their consent is not recorded yet. */
  registeredId?: string;
  savedAt: string;
}

/** Where the one draft lives: IndexedDB in the browser, memory in tests. */
export interface DraftStore {
  get(): Promise<RegistrationDraft | null>;
  put(draft: RegistrationDraft): Promise<void>;
  clear(): Promise<void>;
}

/** The draft of `userId`, if there is one; another user's draft is deleted, never returned. */
export async function draftOf(store: DraftStore, userId: string): Promise<RegistrationDraft | null> {
  const draft = await store.get().catch(() => null);
  if (!draft) return null;
  if (draft.userId !== userId) {
    await store.clear().catch(() => {});
    return null;
  }
  return draft;
}

/** Whether a draft holds anything worth restoring (a form opened and left empty holds nothing). */
export function isWorthKeeping(draft: Pick<RegistrationDraft, 'identity' | 'registeredId'>): boolean {
  return draft.registeredId !== undefined || Object.values(draft.identity).some((v) => v.trim() !== '');
}

export class MemoryDraftStore implements DraftStore {
  private draft: RegistrationDraft | null = null;
  async get() {
    return this.draft ? structuredClone(this.draft) : null;
  }
  async put(draft: RegistrationDraft) {
    this.draft = structuredClone(draft);
  }
  async clear() {
    this.draft = null;
  }
}

const STORE = 'drafts';
const KEY = 'registration';

/** The draft in IndexedDB (database `sismic-participant-draft`, one record). */
export class IndexedDbDraftStore implements DraftStore {
  private db: Promise<IDBDatabase> | null = null;
  constructor(
    private readonly factory: IDBFactory = indexedDB,
    private readonly name = 'sismic-participant-draft',
  ) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = this.factory.open(this.name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  async get(): Promise<RegistrationDraft | null> {
    return ((await this.run('readonly', (s) => s.get(KEY))) as RegistrationDraft | undefined) ?? null;
  }
  async put(draft: RegistrationDraft): Promise<void> {
    await this.run('readwrite', (s) => s.put(draft, KEY));
  }
  async clear(): Promise<void> {
    await this.run('readwrite', (s) => s.delete(KEY));
  }
}

/** The app's draft store. */
export const registrationDrafts: DraftStore = typeof indexedDB === 'undefined' ? new MemoryDraftStore() : new IndexedDbDraftStore();

/** Deletes the registration draft (at sign-out: nothing personal is left in the browser). */
export function forgetRegistrationDraft(): Promise<void> {
  return registrationDrafts.clear().catch(() => {});
}
