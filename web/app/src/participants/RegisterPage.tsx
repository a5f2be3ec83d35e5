import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { request, type SessionUser } from '../api';
import { codeOf, errorDetail, errorKey } from '../errors';
import { today } from '../format';
import type { ParticipantListFieldsFragment } from '../gql/graphql';
import type { MessageKey } from '../i18n';
import { Link, navigate } from '../router';
import { draftOf, isWorthKeeping, registrationDrafts, type DraftStore, type RegistrationDraft } from './draft';
import {
  duplicateQuestion,
  emptyIdentity,
  registerInput,
  sameQuestion,
  validateConsent,
  validateIdentity,
  type ConsentFields,
  type DuplicateQuestion,
  type IdentityFields,
} from './form';
import { ConsentInputs, FieldProblem, IdentityInputs } from './IdentityInputs';
import { formatInstant, personName } from './labels';
import { LikelyDuplicates, RecordConsent, Regions, RegisterParticipant } from './operations';

type Person = ParticipantListFieldsFragment;

/** How long typing pauses before likelyDuplicates is asked. */
export const DUPLICATE_DELAY_MS = 400;

interface Props {
  user: SessionUser;
  announce: (message: string) => void;
  drafts?: DraftStore;
}

/** The form once opened: from the draft kept from before (same user), or new with a new key. */
interface Opening {
  key: string;
  restored: boolean;
  draft: RegistrationDraft | null;
}

/**
 * Registering someone: identity, then consent (Law 25: date and purposes). Before creating, it
 * asks the API for likely duplicates in the region (as the agent types, and again on submit)
 * and shows them, each with a link to open them; « Créer quand même » goes on. The idempotency
 * key is made when the form opens, and the form is kept as a local draft until it is saved or
 * abandoned.
 */
export function RegisterPage({ user, announce, drafts = registrationDrafts }: Props) {
  const [opening, setOpening] = useState<Opening | null>(null);
  useEffect(() => {
    let live = true;
    void draftOf(drafts, user.id).then((draft) => {
      if (live) setOpening(draft ? { key: draft.key, restored: isWorthKeeping(draft), draft } : { key: crypto.randomUUID(), restored: false, draft: null });
    });
    return () => {
      live = false;
    };
  }, [drafts, user.id]);
  if (!opening) {
    return (
      <p role="status">
        <FormattedMessage id="loading" />
      </p>
    );
  }
  return <RegisterForm user={user} announce={announce} drafts={drafts} opening={opening} />;
}

function RegisterForm({ user, announce, drafts, opening }: Required<Props> & { opening: Opening }) {
  const intl = useIntl();
  const d = opening.draft;
  const [key, setKey] = useState(opening.key);
  const [identity, setIdentity] = useState<IdentityFields>(d?.identity ?? emptyIdentity());
  const [consent, setConsent] = useState<ConsentFields>(d?.consent ?? { givenOn: today(), purposes: [] });
  const [regionId, setRegionId] = useState<string | null>(d?.regionId ?? null);
  const [registeredId, setRegisteredId] = useState<string | undefined>(d?.registeredId);
  const [regions, setRegions] = useState<{ id: string; name: string }[] | null>(null);
  const [tried, setTried] = useState(false);
  const [duplicates, setDuplicates] = useState<{ question: DuplicateQuestion; found: Person[] } | null>(null);
  /** The question whose likely duplicates the agent chose to ignore (« Créer quand même »). */
  const [confirmed, setConfirmed] = useState<DuplicateQuestion | null>(null);
  const [blocked, setBlocked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const done = useRef(false);
  const asked = useRef(0);
  const warning = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const admin = user.region === null;
  const region = admin ? regionId : user.region!.id;
  const year = new Date().getFullYear();
  const question = duplicateQuestion(identity, region, year);

  // An administrator chooses the region; an agent registers in their own.
  useEffect(() => {
    if (admin) void request(Regions, {}).then((r) => setRegions(r.regions)).catch(() => setRegions([]));
  }, [admin]);

  // The local draft, a moment after each change (and never once the form is done).
  useEffect(() => {
    if (done.current) return;
    const timer = setTimeout(() => {
      const draft: RegistrationDraft = { userId: user.id, key, regionId, identity, consent, ...(registeredId ? { registeredId } : {}), savedAt: new Date().toISOString() };
      if (done.current) return;
      void (isWorthKeeping(draft) ? drafts.put(draft) : drafts.clear()).catch(() => {});
    }, 250);
    return () => clearTimeout(timer);
  }, [user.id, key, regionId, identity, consent, registeredId, drafts]);

  // Likely duplicates, as the agent types (a pause of DUPLICATE_DELAY_MS).
  const questionText = JSON.stringify(question);
  useEffect(() => {
    if (registeredId) return;
    const q = JSON.parse(questionText) as DuplicateQuestion | null;
    if (!q) {
      asked.current++;
      setDuplicates(null);
      return;
    }
    const timer = setTimeout(() => void check(q).catch(() => {}), DUPLICATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [questionText, registeredId]);

  // A warning the agent was stopped on holds for the answers it was about, not for new ones.
  useEffect(() => setBlocked(false), [questionText]);

  /**
   * Asks likelyDuplicates and returns the answer. While typing, the answer to an older question
   * is not shown; the answer asked on submit is always shown (and always returned: the
   * registration waits for it).
   */
  const check = async (q: DuplicateQuestion, onSubmit = false): Promise<Person[]> => {
    const ticket = ++asked.current;
    const { likelyDuplicates } = await request(LikelyDuplicates, q);
    if (onSubmit || ticket === asked.current) {
      setDuplicates({ question: q, found: likelyDuplicates });
      if (likelyDuplicates.length === 0) setBlocked(false);
    }
    return likelyDuplicates;
  };

  const identityProblems = validateIdentity(identity, year);
  const consentProblems = validateConsent(consent, today());
  const regionProblem = admin && !regionId ? 'participants.invalid.region' : undefined;
  const shown = tried ? { identity: identityProblems, consent: consentProblems, region: regionProblem } : { identity: {}, consent: {}, region: undefined };

  const forget = async () => {
    done.current = true;
    await drafts.clear().catch(() => {});
  };

  const submit = async (force: boolean) => {
    setTried(true);
    setError(null);
    const invalid = Object.keys(identityProblems).length + Object.keys(consentProblems).length + (regionProblem ? 1 : 0);
    if (invalid > 0) {
      setError(intl.formatMessage({ id: 'participants.fixFields' }, { count: invalid }));
      setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    setBusy(true);
    let id = registeredId;
    try {
      if (!id) {
        // Asked again now, whatever was shown while typing: the region may have changed since.
        if (!(force || (confirmed && sameQuestion(confirmed, question))) && question) {
          const found = await check(question, true);
          if (found.length > 0) {
            setBlocked(true);
            setTimeout(() => warning.current?.focus(), 0);
            return;
          }
        }
        try {
          const answer = await request(RegisterParticipant, { input: registerInput(identity, key, admin ? regionId : null) });
          id = answer.registerParticipant.participant.id;
          setRegisteredId(id);
          // Kept at once: a reload now records only the consent, never a second person.
          await drafts.put({ userId: user.id, key, regionId, identity, consent, registeredId: id, savedAt: new Date().toISOString() }).catch(() => {});
        } catch (failure) {
          if (codeOf(failure) === 'CONFLICT') {
            // This key went with other answers (sent, answer lost, then edited): a new key, and
            // the duplicate check will show the person the first attempt registered, if any.
            setKey(crypto.randomUUID());
            setConfirmed(null);
            setError(intl.formatMessage({ id: 'participants.error.registerConflict' }));
          } else {
            setError(intl.formatMessage({ id: errorKey(failure) }) + detail(failure));
          }
          return;
        }
      }
      try {
        await request(RecordConsent, { input: { participantId: id, givenOn: consent.givenOn, purposes: consent.purposes } });
      } catch (failure) {
        setError(intl.formatMessage({ id: 'participants.error.consentNotRecorded' }, { reason: intl.formatMessage({ id: errorKey(failure) }) + detail(failure) }));
        return;
      }
      await forget();
      announce(intl.formatMessage({ id: 'participants.registered' }, { name: `${identity.firstName.trim()} ${identity.lastName.trim()}` }));
      navigate(`/participants/${encodeURIComponent(id)}`);
    } catch (failure) {
      setError(intl.formatMessage({ id: errorKey(failure) }));
    } finally {
      setBusy(false);
    }
  };

  const detail = (failure: unknown) => {
    const text = errorDetail(intl, failure);
    return text ? ` ${text}` : '';
  };

  const cancel = async () => {
    await forget();
    navigate(registeredId ? `/participants/${encodeURIComponent(registeredId)}` : '/participants');
  };

  const openExisting = async (person: Person) => {
    await forget();
    navigate(`/participants/${encodeURIComponent(person.id)}`);
  };

  const found = !registeredId && duplicates && sameQuestion(duplicates.question, question) ? duplicates.found : [];
  const fixKey = (k: string | undefined) => k as MessageKey | undefined;

  return (
    <section aria-labelledby="register-title" className="register">
      <p>
        <Link to="/participants">
          <FormattedMessage id="participants.back" />
        </Link>
      </p>
      <h1 id="register-title">
        <FormattedMessage id="participants.registerTitle" />
      </h1>
      {opening.restored && (
        <p className="restored">
          <FormattedMessage id="participants.restored" />
        </p>
      )}
      {registeredId && (
        <p className="restored">
          <FormattedMessage id="participants.consentPending" />
        </p>
      )}
      <p className="hint">
        <FormattedMessage id="participants.privacyNote" />
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        {admin && (
          <>
            <label htmlFor="reg-region">
              <FormattedMessage id="participants.region" />
            </label>
            <select id="reg-region" required value={regionId ?? ''} onChange={(e) => setRegionId(e.target.value || null)} disabled={!!registeredId} aria-invalid={shown.region ? true : undefined} aria-describedby={shown.region ? 'reg-region-error' : undefined}>
              <option value="">{intl.formatMessage({ id: 'participants.chooseRegion' })}</option>
              {(regions ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            <FieldProblem id="reg-region-error" problem={fixKey(shown.region)} />
          </>
        )}
        <fieldset className="group">
          <legend>
            <FormattedMessage id="participants.identity" />
          </legend>
          <IdentityInputs prefix="reg" value={identity} onChange={setIdentity} problems={shown.identity} readOnly={!!registeredId} />
        </fieldset>
        <div aria-live="polite">
          {found.length > 0 && (
            <section className={blocked ? 'duplicates blocked' : 'duplicates'} aria-labelledby="dup-title">
              <h2 id="dup-title" ref={warning} tabIndex={-1}>
                <FormattedMessage id="participants.duplicates.title" values={{ count: found.length }} />
              </h2>
              <p>
                <FormattedMessage id="participants.duplicates.intro" />
              </p>
              <ul>
                {found.map((p) => (
                  <li key={p.id}>
                    <strong>{personName(p, intl)}</strong>
                    <span className="meta">
                      {' · '}
                      {[
                        p.birthYear != null ? intl.formatMessage({ id: 'participants.bornIn' }, { year: p.birthYear }) : null,
                        p.email,
                        intl.formatMessage({ id: 'participants.registeredOn' }, { date: formatInstant(p.createdAt, intl.locale) }),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>{' '}
                    <a
                      href={`/participants/${encodeURIComponent(p.id)}`}
                      onClick={(e) => {
                        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                        e.preventDefault();
                        void openExisting(p);
                      }}
                    >
                      <FormattedMessage id="participants.duplicates.open" values={{ name: personName(p, intl) }} />
                    </a>
                  </li>
                ))}
              </ul>
              {blocked && (
                <>
                  <p role="alert">
                    <FormattedMessage id="participants.duplicates.confirm" />
                  </p>
                  <div className="actions">
                    <button
                      type="button"
                      className="primary"
                      disabled={busy}
                      onClick={() => {
                        setConfirmed(question);
                        setBlocked(false);
                        void submit(true);
                      }}
                    >
                      <FormattedMessage id="participants.duplicates.createAnyway" />
                    </button>
                  </div>
                </>
              )}
            </section>
          )}
        </div>
        <fieldset className="group">
          <legend>
            <FormattedMessage id="participants.consent" />
          </legend>
          <p className="hint">
            <FormattedMessage id="participants.consentHint" />
          </p>
          <ConsentInputs prefix="reg-consent" value={consent} onChange={setConsent} problems={shown.consent} />
        </fieldset>
        <div ref={summary} tabIndex={-1} className="summary">
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            <FormattedMessage id={registeredId ? 'participants.saveConsent' : 'participants.submit'} />
          </button>
          <button type="button" onClick={() => void cancel()} disabled={busy}>
            <FormattedMessage id="participants.cancel" />
          </button>
        </div>
      </form>
    </section>
  );
}
