import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageKey } from '../i18n';
import { GENDERS, MAX_MRC, MAX_PERSON_NAME, PURPOSES, togglePurpose, type ConsentFields, type IdentityFields, type Problems } from './form';
import { genderLabel, purposeLabel } from './labels';
import { today } from '../format';

/** A field's message under it, tied to it by aria-describedby. */
export function FieldProblem({ id, problem }: { id: string; problem: MessageKey | undefined }) {
  if (!problem) return null;
  return (
    <p id={id} className="field-error">
      <FormattedMessage id={problem} />
    </p>
  );
}

/** aria-invalid and aria-describedby for a field with (or without) a problem. */
export const invalidity = (id: string, problem: unknown, hint?: string) => {
  const described = [hint, problem ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': problem ? true : undefined, 'aria-describedby': described || undefined } as const;
};

interface IdentityProps {
  /** Prefix of the inputs' ids (two forms may not share them). */
  prefix: string;
  value: IdentityFields;
  onChange: (value: IdentityFields) => void;
  problems: Problems<keyof IdentityFields>;
  readOnly?: boolean;
}

/** Names, email, birth year, gender and MRC, as registerParticipant and updateParticipant take them. */
export function IdentityInputs({ prefix, value, onChange, problems, readOnly }: IdentityProps) {
  const intl = useIntl();
  const set = (key: keyof IdentityFields) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  const id = (key: string) => `${prefix}-${key}`;
  return (
    <>
      <div className="row">
        <div>
          <label htmlFor={id('first')}>
            <FormattedMessage id="participants.firstName" />
          </label>
          <input id={id('first')} autoComplete="off" required maxLength={MAX_PERSON_NAME} readOnly={readOnly} value={value.firstName} onChange={set('firstName')} {...invalidity(id('first'), problems.firstName)} />
          <FieldProblem id={`${id('first')}-error`} problem={problems.firstName} />
        </div>
        <div>
          <label htmlFor={id('last')}>
            <FormattedMessage id="participants.lastName" />
          </label>
          <input id={id('last')} autoComplete="off" required maxLength={MAX_PERSON_NAME} readOnly={readOnly} value={value.lastName} onChange={set('lastName')} {...invalidity(id('last'), problems.lastName)} />
          <FieldProblem id={`${id('last')}-error`} problem={problems.lastName} />
        </div>
      </div>
      <label htmlFor={id('email')}>
        <FormattedMessage id="participants.email" />
      </label>
      <input id={id('email')} type="email" autoComplete="off" maxLength={254} readOnly={readOnly} value={value.email} onChange={set('email')} {...invalidity(id('email'), problems.email)} />
      <FieldProblem id={`${id('email')}-error`} problem={problems.email} />
      <div className="row">
        <div>
          <label htmlFor={id('year')}>
            <FormattedMessage id="participants.birthYear" />
          </label>
          <input id={id('year')} inputMode="numeric" autoComplete="off" maxLength={4} readOnly={readOnly} value={value.birthYear} onChange={set('birthYear')} {...invalidity(id('year'), problems.birthYear, `${id('year')}-hint`)} />
          <p id={`${id('year')}-hint`} className="hint">
            <FormattedMessage id="participants.birthYearHint" />
          </p>
          <FieldProblem id={`${id('year')}-error`} problem={problems.birthYear} />
        </div>
        <div>
          <label htmlFor={id('gender')}>
            <FormattedMessage id="participants.genderLabel" />
          </label>
          <select id={id('gender')} disabled={readOnly} value={value.gender} onChange={(e) => onChange({ ...value, gender: e.target.value as IdentityFields['gender'] })}>
            <option value="">{intl.formatMessage({ id: 'participants.gender.none' })}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {genderLabel(g, intl)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label htmlFor={id('mrc')}>
        <FormattedMessage id="participants.mrc" />
      </label>
      <input id={id('mrc')} autoComplete="off" maxLength={MAX_MRC} readOnly={readOnly} value={value.mrc} onChange={set('mrc')} {...invalidity(id('mrc'), problems.mrc, `${id('mrc')}-hint`)} />
      <p id={`${id('mrc')}-hint`} className="hint">
        <FormattedMessage id="participants.mrcHint" />
      </p>
      <FieldProblem id={`${id('mrc')}-error`} problem={problems.mrc} />
    </>
  );
}

interface ConsentProps {
  prefix: string;
  value: ConsentFields;
  onChange: (value: ConsentFields) => void;
  problems: Problems<keyof ConsentFields>;
}

/** The consent's date (today by default, never later) and its purposes, as checkboxes. */
export function ConsentInputs({ prefix, value, onChange, problems }: ConsentProps) {
  const intl = useIntl();
  return (
    <>
      <label htmlFor={`${prefix}-date`}>
        <FormattedMessage id="participants.consentDate" />
      </label>
      <input id={`${prefix}-date`} type="date" required max={today()} value={value.givenOn} onChange={(e) => onChange({ ...value, givenOn: e.target.value })} {...invalidity(`${prefix}-date`, problems.givenOn)} />
      <FieldProblem id={`${prefix}-date-error`} problem={problems.givenOn} />
      <fieldset className="purposes" aria-describedby={problems.purposes ? `${prefix}-purposes-error` : undefined}>
        <legend>
          <FormattedMessage id="participants.purposes" />
        </legend>
        {PURPOSES.map((p) => (
          <label key={p} className="check">
            <input
              type="checkbox"
              checked={value.purposes.includes(p)}
              onChange={(e) => onChange({ ...value, purposes: togglePurpose(value.purposes, p, e.target.checked) })}
            />
            {purposeLabel(p, intl)}
          </label>
        ))}
        <FieldProblem id={`${prefix}-purposes-error`} problem={problems.purposes} />
      </fieldset>
    </>
  );
}
