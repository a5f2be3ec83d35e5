// Local drafts of the long forms (project details, registration, ...): what was typed survives a
// reload, a lost connection or an expired session. A draft lives in IndexedDB (never sent
// anywhere) until the form is saved or cancelled, and one older than DRAFT_LIFETIME_DAYS is
// dropped when read, so personal information typed on a shared tablet does not linger.

/** Days after which a forgotten draft is discarded. */
export const DRAFT_LIFETIME_DAYS = 7;

interface Entry {
  id: string;
  value: unknown;
  savedAt: number;
}

/** Where drafts are kept: IndexedDB in the browser, memory elsewhere (tests, old browsers). */
export interface DraftBackend {
  get(id: string): Promise<Entry | undefined>;
  put(entry: Entry): Promise<void>;
  delete(id: string): Promise<void>;
}

export class MemoryDrafts implements DraftBackend {
  private readonly entries = new Map<string, Entry>();
  async get(id: string) {
    return this.entries.get(id);
  }
  async put(entry: Entry) {
    this.entries.set(entry.id, structuredClone(entry));
  }
  async delete(id: string) {
    this.entries.delete(id);
  }
}

/**
 * Entries in IndexedDB (store `drafts`, keyed by id), in the database `sismic-drafts` for the
 * forms' drafts, or another (the offline snapshot of the board uses `sismic-offline`).
 */
export class IndexedDbDrafts implements DraftBackend {
  private db: Promise<IDBDatabase> | null = null;
  constructor(
    private readonly factory: IDBFactory = indexedDB,
    private readonly name = 'sismic-drafts',
  ) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = this.factory.open(this.name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('drafts', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('drafts', mode);
      const request = work(tx.objectStore('drafts'));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  /** Closes the connection (a database can only be deleted once no connection holds it). */
  async close(): Promise<void> {
    if (!this.db) return;
    const db = await this.db.catch(() => null);
    db?.close();
    this.db = null;
  }

  get(id: string) {
    return this.run('readonly', (s) => s.get(id) as IDBRequest<Entry | undefined>);
  }
  async put(entry: Entry) {
    await this.run('readwrite', (s) => s.put(entry));
  }
  async delete(id: string) {
    await this.run('readwrite', (s) => s.delete(id));
  }
}

let backend: DraftBackend = typeof indexedDB === 'undefined' ? new MemoryDrafts() : new IndexedDbDrafts();

/** Replaces where drafts are kept (tests). */
export function setDraftBackend(next: DraftBackend): void {
  backend = next;
}

/** The draft kept for a form, if any and not older than DRAFT_LIFETIME_DAYS. */
export async function loadDraft<T>(id: string, now = Date.now()): Promise<T | null> {
  const entry = await backend.get(id).catch(() => undefined);
  if (!entry) return null;
  if (now - entry.savedAt > DRAFT_LIFETIME_DAYS * 86_400_000) {
    await backend.delete(id).catch(() => {});
    return null;
  }
  return entry.value as T;
}

/** Keeps what a form holds now (failures are ignored: a draft is a convenience). */
export async function saveDraft<T>(id: string, value: T, now = Date.now()): Promise<void> {
  await backend.put({ id, value, savedAt: now }).catch(() => {});
}

/** Forgets a form's draft (after saving it, or when the person cancels). */
export async function clearDraft(id: string): Promise<void> {
  await backend.delete(id).catch(() => {});
}

/** Forgets every draft (at sign-out: the next person on the tablet must not find them). */
export async function clearAllDrafts(): Promise<void> {
  if (typeof indexedDB === 'undefined') return;
  if (backend instanceof IndexedDbDrafts) await backend.close();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase('sismic-drafts');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
  backend = new IndexedDbDrafts();
}
