// The offline queue of follow-ups: a follow-up the network (or an UNAVAILABLE server) could not
// take waits here, in IndexedDB, marked « en attente », and is sent again by itself on the
// `online` event and at the next app load. Its idempotency key was made when the form opened
// and never changes, so a retry never duplicates. An item the server refuses (BAD_USER_INPUT,
// CONFLICT, ...) is kept, marked refused, for the agent to correct: never dropped.

export interface FollowUpDraft {
  /** The project, or '' for a partner follow-up (no project). */
  projectId: string;
  projectName: string;
  /** The partner met, for a follow-up without a project. */
  partnerId?: string;
  partnerName?: string;
  /** The region, needed only from an admin logging a follow-up without a project. */
  regionId?: string;
  occurredOn: string;
  mode: 'IN_PERSON' | 'VIRTUAL' | 'PHONE' | 'EMAIL';
  durationMinutes: number | null;
  summary: string;
}

export interface QueueItem {
  /** The idempotency key (crypto.randomUUID when the form opened): also the item's id. */
  key: string;
  draft: FollowUpDraft;
  state: 'pending' | 'refused';
  /** The refusal's code, for a refused item. */
  code?: string;
  queuedAt: string;
}

/** Where the queue lives: IndexedDB in the browser, memory in tests. */
export interface QueueStore {
  all(): Promise<QueueItem[]>;
  put(item: QueueItem): Promise<void>;
  remove(key: string): Promise<void>;
}

/** What sending one item gave: sent, retry later (network, UNAVAILABLE, signed out), or refused. */
export type SendOutcome = { kind: 'sent' } | { kind: 'retry' } | { kind: 'refused'; code: string };

export type Sender = (key: string, draft: FollowUpDraft) => Promise<SendOutcome>;

export interface FlushResult {
  sent: number;
  pending: number;
  refused: number;
}

let running: Promise<FlushResult> | null = null;

/**
 * Sends every pending item once, oldest first. Stops at the first `retry` (the network is still
 * down: the rest would fail too). One flush at a time: a second call joins the running one.
 */
export function flush(store: QueueStore, send: Sender): Promise<FlushResult> {
  running ??= (async () => {
    try {
      const items = (await store.all()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
      let sent = 0;
      let stopped = false;
      for (const item of items) {
        if (item.state !== 'pending' || stopped) continue;
        const outcome = await send(item.key, item.draft);
        if (outcome.kind === 'sent') {
          await store.remove(item.key);
          sent += 1;
        } else if (outcome.kind === 'refused') {
          await store.put({ ...item, state: 'refused', code: outcome.code });
        } else {
          stopped = true;
        }
      }
      const left = await store.all();
      return {
        sent,
        pending: left.filter((i) => i.state === 'pending').length,
        refused: left.filter((i) => i.state === 'refused').length,
      };
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Adds a follow-up to the queue (same key: replaces the earlier copy, so never twice). */
export function enqueue(store: QueueStore, key: string, draft: FollowUpDraft, now = new Date()): Promise<void> {
  return store.put({ key, draft, state: 'pending', queuedAt: now.toISOString() });
}

/** A store in memory (tests, and a fallback where IndexedDB is unavailable). */
export class MemoryStore implements QueueStore {
  private items = new Map<string, QueueItem>();
  async all() {
    return [...this.items.values()].map((i) => structuredClone(i));
  }
  async put(item: QueueItem) {
    this.items.set(item.key, structuredClone(item));
  }
  async remove(key: string) {
    this.items.delete(key);
  }
}

/** The queue in IndexedDB (database `sismic`, store `followUps`, keyed by idempotency key). */
export class IndexedDbStore implements QueueStore {
  private db: Promise<IDBDatabase> | null = null;
  constructor(
    private readonly factory: IDBFactory = indexedDB,
    private readonly name = 'sismic',
  ) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = this.factory.open(this.name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('followUps', { keyPath: 'key' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('followUps', mode);
      const request = work(tx.objectStore('followUps'));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  all(): Promise<QueueItem[]> {
    return this.run('readonly', (s) => s.getAll() as IDBRequest<QueueItem[]>);
  }
  async put(item: QueueItem): Promise<void> {
    await this.run('readwrite', (s) => s.put(item));
  }
  async remove(key: string): Promise<void> {
    await this.run('readwrite', (s) => s.delete(key));
  }
}
