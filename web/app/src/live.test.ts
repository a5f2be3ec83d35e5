import { describe, expect, it } from 'vitest';
import { backoff, liveUrl, MAX_BACKOFF_MS } from './live';

describe('live updates', () => {
  it('waits longer after each failed attempt, up to 30 s, with up to a second at random', () => {
    const none = () => 0;
    expect([0, 1, 2, 3, 4].map((n) => backoff(n, none))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoff(5, none)).toBe(MAX_BACKOFF_MS);
    expect(backoff(60, none)).toBe(MAX_BACKOFF_MS);
    expect(backoff(0, () => 0.999)).toBe(1999);
  });

  it('reaches the page’s own server, over TLS when the page is', () => {
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/graphql');
    expect(liveUrl({ protocol: 'https:', host: 'sismic.example' })).toBe('wss://sismic.example/graphql');
  });
});
