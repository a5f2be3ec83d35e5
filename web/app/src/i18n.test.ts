import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { daysBetween, formatDate, formatMoney, parseMoney } from './format';
import { catalogs, initialLocale } from './i18n';

describe('the catalogs', () => {
  it('have the same keys in French and English', () => {
    expect(Object.keys(catalogs.en).sort()).toEqual(Object.keys(catalogs['fr-CA']).sort());
  });

  it('hold valid ICU messages with the same arguments', () => {
    // The arguments a message uses, read by the ICU parser itself (plural branches included).
    const args = (m: string): string[] => {
      const names: string[] = [];
      const walk = (elements: MessageFormatElement[]) => {
        for (const e of elements) {
          if ('value' in e && typeof e.value === 'string' && e.type !== TYPE.literal) names.push(e.value);
          if ('options' in e) for (const option of Object.values(e.options)) walk(option.value);
          if ('children' in e) walk(e.children);
        }
      };
      walk(parse(m));
      return names;
    };
    for (const [key, fr] of Object.entries(catalogs['fr-CA'])) {
      const en = catalogs.en[key as keyof typeof catalogs.en];
      expect(() => new IntlMessageFormat(fr, 'fr-CA'), key).not.toThrow();
      expect(() => new IntlMessageFormat(en, 'en'), key).not.toThrow();
      expect(new Set(args(en)), key).toEqual(new Set(args(fr)));
    }
  });

  it('say « aucun suivi depuis N jours » with the right plural', () => {
    const m = (days: number) => new IntlMessageFormat(catalogs['fr-CA']['card.lastFollowUp'], 'fr-CA').format({ days });
    expect(m(1)).toBe('Aucun suivi depuis 1 jour');
    expect(m(31)).toBe('Aucun suivi depuis 31 jours');
  });

  it('default to French, English when chosen', () => {
    expect(initialLocale({ getItem: () => null })).toBe('fr-CA');
    expect(initialLocale({ getItem: () => 'en' })).toBe('en');
  });
});

describe('formatting through Intl', () => {
  const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  it('writes a date in French: « 31 mars 2021 »', () => {
    expect(formatDate('2021-03-31', 'fr-CA')).toBe('31 mars 2021');
    expect(formatDate('2021-03-31', 'en')).toBe('March 31, 2021');
    expect(formatDate('2021-03-01', 'fr-CA')).toBe('1er mars 2021');
    expect(formatDate('2021-03-11', 'fr-CA')).toBe('11 mars 2021');
    expect(formatDate('2021-03-01', 'en')).toBe('March 1, 2021');
  });
  it('writes an amount in French: « 1 234,50 $ »', () => {
    expect(spaces(formatMoney(123450, 'fr-CA'))).toBe('1 234,50 $');
  });
  it('reads an amount as a person types it, in French or English', () => {
    expect(parseMoney('1 234,50')).toBe(123450);
    expect(parseMoney('1\u202f234,50 $')).toBe(123450);
    expect(parseMoney('1234.5')).toBe(123450);
    expect(parseMoney('2500')).toBe(250000);
    expect(parseMoney(formatMoney(99, 'fr-CA'))).toBe(99);
    for (const bad of ['', 'abc', '12,345', '1,2,3', '-5', '1.234,50']) expect(parseMoney(bad), bad).toBeNull();
  });
  it('counts days between calendar dates', () => {
    expect(daysBetween('2021-03-01', '2021-03-31')).toBe(30);
    expect(daysBetween('2020-12-31', '2021-01-01')).toBe(1);
  });
});

describe('the board search', () => {
  it('ignores accents and case', async () => {
    const { fold } = await import('./Board');
    expect(fold('Épicerie SOLIDAIRE')).toBe('epicerie solidaire');
    expect(fold('Atelier vélo').includes(fold('VELO'))).toBe(true);
  });
});
