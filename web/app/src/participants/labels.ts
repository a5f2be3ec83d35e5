// Words for what the API returns about a person: names (an erased person has none), genders,
// consent purposes, and instants as calendar dates in the agent's time zone.
import type { IntlShape } from 'react-intl';
import { formatDate, today } from '../format';
import type { ConsentPurpose, Gender } from '../gql/graphql';

/** « Léo Tremblay », or « Personne effacée » once their identity was erased. */
export function personName(p: { firstName: string; lastName: string; anonymized: boolean }, intl: IntlShape): string {
  return p.anonymized ? intl.formatMessage({ id: 'participants.erasedName' }) : `${p.firstName} ${p.lastName}`;
}

export function genderLabel(g: Gender, intl: IntlShape): string {
  return intl.formatMessage({ id: `participants.gender.${g}` });
}

export function purposeLabel(p: ConsentPurpose, intl: IntlShape): string {
  return intl.formatMessage({ id: `participants.purpose.${p}` });
}

/** An instant (`DateTime`) as the calendar date it was where the agent is: « 31 mars 2021 ». */
export function formatInstant(iso: string, locale: string): string {
  return formatDate(today(new Date(iso)), locale);
}
