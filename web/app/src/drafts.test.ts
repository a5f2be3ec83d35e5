import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearDraft, DRAFT_LIFETIME_DAYS, IndexedDbDrafts, loadDraft, saveDraft, setDraftBackend } from './drafts';

describe('drafts', () => {
  beforeEach(() => setDraftBackend(new IndexedDbDrafts(new IDBFactory())));

  it('keep what was typed until cleared', async () => {
    await saveDraft('project-details:1', { name: 'Coop', summary: 'Un café' });
    expect(await loadDraft('project-details:1')).toEqual({ name: 'Coop', summary: 'Un café' });
    expect(await loadDraft('project-details:2')).toBeNull();
    await clearDraft('project-details:1');
    expect(await loadDraft('project-details:1')).toBeNull();
  });

  it('keep the latest value only', async () => {
    await saveDraft('f', { a: 1 });
    await saveDraft('f', { a: 2 });
    expect(await loadDraft('f')).toEqual({ a: 2 });
  });

  it('drop a draft older than its lifetime, and delete it', async () => {
    const then = Date.UTC(2026, 0, 1);
    await saveDraft('old', { name: 'Léa' }, then);
    const later = then + (DRAFT_LIFETIME_DAYS + 1) * 86_400_000;
    expect(await loadDraft('old', then + 86_400_000)).toEqual({ name: 'Léa' });
    expect(await loadDraft('old', later)).toBeNull();
    expect(await loadDraft('old', then)).toBeNull();
  });
});
