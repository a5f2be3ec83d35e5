import { describe, expect, it } from 'vitest';

describe('allPages', () => {
  it('reads every page, following the cursor, and stops on the last', async () => {
    const { allPages } = await import('./api');
    const pages: Record<string, { nodes: number[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = {
      first: { nodes: [1, 2], pageInfo: { hasNextPage: true, endCursor: 'a' } },
      a: { nodes: [3], pageInfo: { hasNextPage: true, endCursor: 'b' } },
      b: { nodes: [4], pageInfo: { hasNextPage: false, endCursor: 'c' } },
    };
    const asked: (string | null)[] = [];
    const all = await allPages(async (after) => {
      asked.push(after);
      return pages[after ?? 'first']!;
    });
    expect(all).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([null, 'a', 'b']);
  });
});
