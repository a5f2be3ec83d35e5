import { describe, expect, it } from 'vitest';
import { copyText, narrativeLanguage } from './narrative';

describe('the annual report’s paragraph', () => {
  it('is asked in the viewer’s language, French unless the app is in English', () => {
    expect(narrativeLanguage('fr-CA')).toBe('FR');
    expect(narrativeLanguage('en')).toBe('EN');
    expect(narrativeLanguage('de')).toBe('FR');
  });

  it('copies exactly the text it is given', async () => {
    const written: string[] = [];
    const text = '18 personnes rejointes…\n\nProjets\n▪ SISMIC Capitale-Nationale\u00a0: un projet en référencement (45 suivis)\u00a0;';
    expect(await copyText(text, { writeText: async (t) => void written.push(t) })).toBe('copied');
    expect(written).toEqual([text]);
  });

  it('says the clipboard is unavailable when there is none or the browser refuses', async () => {
    expect(await copyText('x', undefined)).toBe('unavailable');
    expect(await copyText('x', null)).toBe('unavailable');
    expect(await copyText('x', {} as never)).toBe('unavailable');
    expect(await copyText('x', { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) })).toBe('unavailable');
  });
});
