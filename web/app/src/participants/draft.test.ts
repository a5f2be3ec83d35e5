import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexedDbDrafts, setDraftBackend } from '../drafts';
import { draftOf, isWorthKeeping, MemoryDraftStore, SharedDraftStore, type DraftStore, type RegistrationDraft } from './draft';
import { emptyIdentity } from './form';

const draft = (over: Partial<RegistrationDraft> = {}): RegistrationDraft => ({
  userId: 'agent-1',
  key: 'key-1',
  regionId: null,
  identity: { ...emptyIdentity(), firstName: 'Léo', lastName: 'Tremblay' },
  consent: { givenOn: '2024-03-31', purposes: ['PROGRAM_DELIVERY'] },
  savedAt: '2024-03-31T10:00:00Z',
  ...over,
});

for (const [name, make] of [
  ['memory', () => new MemoryDraftStore()],
  [
    'the app’s drafts in IndexedDB',
    () => {
      setDraftBackend(new IndexedDbDrafts(indexedDB, `draft-test-${Math.random()}`));
      return new SharedDraftStore();
    },
  ],
] as [string, () => DraftStore][]) {
  describe(`the registration draft (${name})`, () => {
    it('keeps one draft, with its idempotency key, until it is cleared', async () => {
      const store = make();
      expect(await store.get()).toBeNull();
      await store.put(draft());
      await store.put(draft({ identity: { ...emptyIdentity(), firstName: 'Léon', lastName: 'Tremblay' } }));
      const kept = await draftOf(store, 'agent-1');
      expect(kept?.identity.firstName).toBe('Léon');
      expect(kept?.key).toBe('key-1');
      await store.clear();
      expect(await store.get()).toBeNull();
    });

    it('keeps the id of a person already registered (a reload then records only the consent)', async () => {
      const store = make();
      await store.put(draft({ registeredId: 'UGFydGljaXBhbnQ6MQ' }));
      expect((await draftOf(store, 'agent-1'))?.registeredId).toBe('UGFydGljaXBhbnQ6MQ');
    });

    it('never shows a draft to another user, and deletes it', async () => {
      const store = make();
      await store.put(draft());
      expect(await draftOf(store, 'agent-2')).toBeNull();
      expect(await store.get()).toBeNull();
      expect(await draftOf(store, 'agent-1')).toBeNull();
    });
  });
}

describe('what is worth keeping', () => {
  it('is a form with something typed, or a person registered', () => {
    expect(isWorthKeeping({ identity: emptyIdentity() })).toBe(false);
    expect(isWorthKeeping({ identity: { ...emptyIdentity(), mrc: '  ' } })).toBe(false);
    expect(isWorthKeeping({ identity: { ...emptyIdentity(), email: 'l' } })).toBe(true);
    expect(isWorthKeeping({ identity: emptyIdentity(), registeredId: 'x' })).toBe(true);
  });
});
