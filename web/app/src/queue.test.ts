import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { enqueue, flush, IndexedDbStore, MemoryStore, type FollowUpDraft, type QueueStore, type SendOutcome } from './queue';

const draft = (summary: string): FollowUpDraft => ({
  projectId: 'UHJvamVjdDox',
  projectName: 'Coop du rang',
  occurredOn: '2021-03-31',
  mode: 'PHONE',
  durationMinutes: 30,
  summary,
});

/** A fake server: records every key it got, answers by a script of outcomes. */
function server(outcomes: SendOutcome[] = []) {
  const received: string[] = [];
  const written = new Set<string>();
  const send = async (key: string): Promise<SendOutcome> => {
    received.push(key);
    const outcome = outcomes.shift() ?? { kind: 'sent' };
    if (outcome.kind === 'sent') written.add(key); // idempotent: a key is written once
    return outcome;
  };
  return { send, received, written };
}

for (const [name, make] of [
  ['memory', () => new MemoryStore()],
  ['IndexedDB', () => new IndexedDbStore(indexedDB, `test-${Math.random()}`)],
] as [string, () => QueueStore][]) {
  describe(`the offline queue (${name})`, () => {
    it('keeps a follow-up while the network is down, then sends it once', async () => {
      const store = make();
      await enqueue(store, 'k1', draft('Appel'));
      const down = server([{ kind: 'retry' }]);
      expect(await flush(store, down.send)).toEqual({ sent: 0, pending: 1, refused: 0 });
      expect((await store.all())[0]).toMatchObject({ key: 'k1', state: 'pending' });
      const up = server();
      expect(await flush(store, up.send)).toEqual({ sent: 1, pending: 0, refused: 0 });
      expect(up.received).toEqual(['k1']);
      expect(await store.all()).toEqual([]);
    });

    it('re-sends with the same key, so a retry after a lost answer never duplicates', async () => {
      const store = make();
      await enqueue(store, 'k1', draft('Appel'));
      await enqueue(store, 'k1', draft('Appel')); // the same form submitted twice
      expect(await store.all()).toHaveLength(1);
      const s = server([{ kind: 'retry' }]);
      await flush(store, s.send);
      await flush(store, s.send);
      expect(s.received).toEqual(['k1', 'k1']);
      expect(s.written.size).toBe(1);
    });

    it('keeps an item the server refuses, marked for correction', async () => {
      const store = make();
      await enqueue(store, 'bad', draft(''), new Date('2021-03-30T10:00:00Z'));
      await enqueue(store, 'good', draft('Rencontre'), new Date('2021-03-30T11:00:00Z'));
      const s = server([{ kind: 'refused', code: 'BAD_USER_INPUT' }]);
      expect(await flush(store, s.send)).toEqual({ sent: 1, pending: 0, refused: 1 });
      const [left] = await store.all();
      expect(left).toMatchObject({ key: 'bad', state: 'refused', code: 'BAD_USER_INPUT' });
      // A refused item is not re-sent by itself: it waits for the agent.
      const again = server();
      await flush(store, again.send);
      expect(again.received).toEqual([]);
      expect(await store.all()).toHaveLength(1);
    });

    it('sends oldest first and stops at the first failure', async () => {
      const store = make();
      await enqueue(store, 'b', draft('B'), new Date('2021-03-30T11:00:00Z'));
      await enqueue(store, 'a', draft('A'), new Date('2021-03-30T10:00:00Z'));
      const s = server([{ kind: 'retry' }]);
      expect(await flush(store, s.send)).toEqual({ sent: 0, pending: 2, refused: 0 });
      expect(s.received).toEqual(['a']);
    });

    it('joins a flush already running instead of sending twice at once', async () => {
      const store = make();
      await enqueue(store, 'k', draft('K'));
      const s = server();
      const [one, two] = await Promise.all([flush(store, s.send), flush(store, s.send)]);
      expect(one).toEqual(two);
      expect(s.received).toEqual(['k']);
    });
  });
}

describe('a follow-up without a project', () => {
  it('targets the partner (and the region only when one was chosen)', async () => {
    const { followUpTarget } = await import('./FollowUpDialog');
    const base = { projectName: '', occurredOn: '2021-03-31', mode: 'PHONE' as const, durationMinutes: null, summary: 'Rencontre' };
    expect(followUpTarget({ ...base, projectId: '', partnerId: 'P1', partnerName: 'Cégep' })).toEqual({ projectId: null, partnerId: 'P1', regionId: null });
    expect(followUpTarget({ ...base, projectId: '', partnerId: 'P1', regionId: 'R1' })).toEqual({ projectId: null, partnerId: 'P1', regionId: 'R1' });
    expect(followUpTarget({ ...base, projectId: 'X', partnerId: 'P1' })).toEqual({ projectId: 'X', partnerId: null, regionId: null });
  });
});
