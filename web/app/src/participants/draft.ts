// The registration form's local draft: while the form is open, what was typed (and the
// registration's idempotency key) is kept in IndexedDB through the app's drafts (../drafts.ts),
// so that a reload or an expired session loses nothing. It holds personal information, so it lives only as long as it must: deleted
// once the person is registered with their consent, when the agent cancels on purpose or opens
// the existing person instead, and at sign-out; a draft of another user is never shown, and is
// deleted when found.
import { clearDraft, loadDraft, saveDraft } from '../drafts';
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

/** The draft kept through the app's drafts (`../drafts`: IndexedDB `sismic-drafts`, dropped after 7 days). */
export class SharedDraftStore implements DraftStore {
  constructor(private readonly id = 'participant-registration') {}
  get() {
    return loadDraft<RegistrationDraft>(this.id);
  }
  put(draft: RegistrationDraft) {
    return saveDraft(this.id, draft);
  }
  clear() {
    return clearDraft(this.id);
  }
}

/** The app's draft store. */
export const registrationDrafts: DraftStore = new SharedDraftStore();

/** Deletes the registration draft (at sign-out: nothing personal is left in the browser). */
export function forgetRegistrationDraft(): Promise<void> {
  return registrationDrafts.clear().catch(() => {});
}
