import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useModalDialog } from '../dialog';
import { request } from '../api';
import { errorKey } from '../errors';
import { formatDate, today } from '../format';
import type { ParticipantDetailFieldsFragment } from '../gql/graphql';
import { Link } from '../router';
import { exportFileName, identityOf, updateInput, validateConsent, validateIdentity, type ConsentFields, type IdentityFields } from './form';
import { ConsentInputs, IdentityInputs } from './IdentityInputs';
import { formatInstant, genderLabel, personName, purposeLabel } from './labels';
import { EraseParticipant, ParticipantDataExport, ParticipantDetails, RecordConsent, UpdateParticipant, WithdrawConsent } from './operations';

type Person = ParticipantDetailFieldsFragment;

/**
 * One participant: their details, consents, projects and activities; editing them, recording
 * or withdrawing consent; and for Law 25 the access export (a JSON file named by id) and the
 * erasure (after a confirmation that says what it does).
 */
export function ParticipantPage({ id, announce }: { id: string; announce: (message: string) => void }) {
  const intl = useIntl();
  const [person, setPerson] = useState<Person | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'erase' | 'withdraw' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The form to record a consent: open at first when there is none. */
  const [adding, setAdding] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const { node } = await request(ParticipantDetails, { id });
      if (!node || !('consents' in node)) {
        setError(intl.formatMessage({ id: 'error.NOT_FOUND' }));
        return;
      }
      setPerson(node as Person);
      setAdding((open) => open || (node.consents.length === 0 && !node.anonymized));
      setError(null);
    } catch (failure) {
      setError(intl.formatMessage({ id: errorKey(failure) }));
    }
  }, [id, intl]);
  useEffect(() => {
    setPerson(null);
    void load();
  }, [load]);

  /** Runs one change; its answer replaces the person shown. */
  const act = async (work: () => Promise<Person>, message: string) => {
    setBusy(true);
    setActionError(null);
    try {
      setPerson(await work());
      announce(message);
      return true;
    } catch (failure) {
      setActionError(intl.formatMessage({ id: errorKey(failure) }));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const { participantDataExport } = await request(ParticipantDataExport, { participantId: id });
      const blob = new Blob([JSON.stringify(participantDataExport, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = exportFileName(id, today());
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      announce(intl.formatMessage({ id: 'participants.exported' }));
    } catch (failure) {
      setActionError(intl.formatMessage({ id: errorKey(failure) }));
    } finally {
      setBusy(false);
    }
  };

  if (!person) {
    return (
      <section aria-labelledby="participant-title">
        <p>
          <Link to="/participants">
            <FormattedMessage id="participants.back" />
          </Link>
        </p>
        <h1 id="participant-title">
          <FormattedMessage id="participants.personTitle" />
        </h1>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : (
          <p role="status">
            <FormattedMessage id="loading" />
          </p>
        )}
      </section>
    );
  }

  const name = personName(person, intl);
  const inForce = person.consents.some((c) => c.inForce);
  const dash = intl.formatMessage({ id: 'participants.notGiven' });
  return (
    <article aria-labelledby="participant-title" className="participant">
      <p>
        <Link to="/participants">
          <FormattedMessage id="participants.back" />
        </Link>
      </p>
      <h1 id="participant-title" ref={title} tabIndex={-1}>
        {name}
      </h1>
      {person.anonymized && (
        <p className="notice erased-notice" role="note">
          <FormattedMessage id="participants.erasedNotice" />
        </p>
      )}
      {actionError && (
        <p role="alert" className="error">
          {actionError}
        </p>
      )}
      <div className="project-grid">
        <section aria-labelledby="details-title">
          <h2 id="details-title">
            <FormattedMessage id="participants.details" />
          </h2>
          {editing ? (
            <EditForm
              person={person}
              busy={busy}
              onCancel={() => setEditing(false)}
              onSave={async (fields) => {
                const ok = await act(
                  async () => (await request(UpdateParticipant, { input: updateInput(person.id, fields) })).updateParticipant.participant,
                  intl.formatMessage({ id: 'participants.updated' }),
                );
                if (ok) setEditing(false);
              }}
            />
          ) : (
            <>
              <dl className="facts">
                <dt>
                  <FormattedMessage id="participants.email" />
                </dt>
                <dd>{person.email ?? dash}</dd>
                <dt>
                  <FormattedMessage id="participants.birthYear" />
                </dt>
                <dd>{person.birthYear ?? dash}</dd>
                <dt>
                  <FormattedMessage id="participants.genderLabel" />
                </dt>
                <dd>{person.gender ? genderLabel(person.gender, intl) : dash}</dd>
                <dt>
                  <FormattedMessage id="participants.mrc" />
                </dt>
                <dd>{person.mrc ?? dash}</dd>
                <dt>
                  <FormattedMessage id="participants.region" />
                </dt>
                <dd>{person.region.name}</dd>
                <dt>
                  <FormattedMessage id="participants.registeredLabel" />
                </dt>
                <dd>{formatInstant(person.createdAt, intl.locale)}</dd>
              </dl>
              {!person.anonymized && (
                <button type="button" onClick={() => setEditing(true)}>
                  <FormattedMessage id="participants.edit" />
                </button>
              )}
            </>
          )}
        </section>
        <section aria-labelledby="consents-title">
          <h2 id="consents-title">
            <FormattedMessage id="participants.consents" />
          </h2>
          {person.consents.length === 0 ? (
            <p>
              <FormattedMessage id={person.anonymized ? 'participants.consentsErased' : 'participants.noConsent'} />
            </p>
          ) : (
            <ul className="cards">
              {person.consents.map((c, i) => (
                <li key={`${c.givenOn}-${i}`} className={c.inForce ? 'card' : 'card withdrawn'}>
                  <p className="meta">
                    <FormattedMessage id="participants.consentGiven" values={{ date: formatDate(c.givenOn, intl.locale) }} />
                    {' · '}
                    {c.inForce ? (
                      <strong>
                        <FormattedMessage id="participants.inForce" />
                      </strong>
                    ) : (
                      <FormattedMessage id="participants.withdrawnOn" values={{ date: c.withdrawnOn ? formatDate(c.withdrawnOn, intl.locale) : '' }} />
                    )}
                  </p>
                  <ul>
                    {c.purposes.map((p) => (
                      <li key={p}>{purposeLabel(p, intl)}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {!person.anonymized &&
            (adding ? (
              <ConsentForm
                busy={busy}
                onCancel={() => setAdding(false)}
                onSave={async (consent) => {
                  const ok = await act(
                    async () => (await request(RecordConsent, { input: { participantId: person.id, givenOn: consent.givenOn, purposes: consent.purposes } })).recordConsent.participant,
                    intl.formatMessage({ id: 'participants.consentRecorded' }),
                  );
                  if (ok) setAdding(false);
                }}
              />
            ) : (
              <div className="actions">
                <button type="button" onClick={() => setAdding(true)} disabled={busy}>
                  <FormattedMessage id="participants.addConsent" />
                </button>
                {inForce && (
                  <button type="button" onClick={() => setConfirm('withdraw')} disabled={busy}>
                    <FormattedMessage id="participants.withdraw" />
                  </button>
                )}
              </div>
            ))}
        </section>
        <div>
          <section aria-labelledby="projects-title">
            <h2 id="projects-title">
              <FormattedMessage id="participants.projects" />
            </h2>
            {person.projects.length === 0 ? (
              <p>
                <FormattedMessage id="participants.noProject" />
              </p>
            ) : (
              <ul>
                {person.projects.map((p) => (
                  <li key={p.id}>
                    <Link to={`/projets/${encodeURIComponent(p.id)}`}>{p.name}</Link> · <FormattedMessage id={`stage.${p.stage}`} /> · <FormattedMessage id={`status.${p.status}`} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="activities-title">
            <h2 id="activities-title">
              <FormattedMessage id="participants.activities" />
            </h2>
            {person.attendedActivities.length === 0 ? (
              <p>
                <FormattedMessage id="participants.noActivity" />
              </p>
            ) : (
              <ul>
                {person.attendedActivities.map((a) => (
                  <li key={a.id}>
                    {a.title} · {formatDate(a.heldOn, intl.locale)} · <FormattedMessage id={`stage.${a.stage}`} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
      {!person.anonymized && (
        <section aria-labelledby="law25-title" className="law25">
          <h2 id="law25-title">
            <FormattedMessage id="participants.law25" />
          </h2>
          <p>
            <FormattedMessage id="participants.exportHint" />
          </p>
          <div className="actions">
            <button type="button" onClick={() => void download()} disabled={busy}>
              <FormattedMessage id="participants.export" />
            </button>
            <button type="button" className="danger" onClick={() => setConfirm('erase')} disabled={busy}>
              <FormattedMessage id="participants.erase" />
            </button>
          </div>
        </section>
      )}
      {confirm === 'erase' && (
        <ConfirmDialog
          title={intl.formatMessage({ id: 'participants.eraseTitle' }, { name })}
          confirmLabel={intl.formatMessage({ id: 'participants.eraseConfirm' })}
          busy={busy}
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            const ok = await act(async () => (await request(EraseParticipant, { participantId: person.id })).eraseParticipant.participant, intl.formatMessage({ id: 'participants.erased' }));
            setConfirm(null);
            if (ok) setTimeout(() => title.current?.focus(), 0);
          }}
        >
          <p>
            <FormattedMessage id="participants.eraseWhat" />
          </p>
          <p>
            <FormattedMessage id="participants.eraseKept" />
          </p>
          <p className="error">
            <FormattedMessage id="participants.eraseFinal" />
          </p>
        </ConfirmDialog>
      )}
      {confirm === 'withdraw' && (
        <ConfirmDialog
          title={intl.formatMessage({ id: 'participants.withdrawTitle' }, { name })}
          confirmLabel={intl.formatMessage({ id: 'participants.withdrawConfirm' })}
          busy={busy}
          onCancel={() => setConfirm(null)}
          onConfirm={async () => {
            await act(async () => (await request(WithdrawConsent, { participantId: person.id })).withdrawConsent.participant, intl.formatMessage({ id: 'participants.withdrawn' }));
            setConfirm(null);
          }}
        >
          <p>
            <FormattedMessage id="participants.withdrawWhat" />
          </p>
        </ConfirmDialog>
      )}
    </article>
  );
}

function EditForm({ person, busy, onCancel, onSave }: { person: Person; busy: boolean; onCancel: () => void; onSave: (fields: IdentityFields) => Promise<void> }) {
  const intl = useIntl();
  const [fields, setFields] = useState<IdentityFields>(() => identityOf(person));
  const [tried, setTried] = useState(false);
  const problems = validateIdentity(fields, new Date().getFullYear());
  const count = Object.keys(problems).length;
  return (
    <form
      noValidate
      aria-label={intl.formatMessage({ id: 'participants.editTitle' })}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (count === 0) void onSave(fields);
      }}
    >
      <IdentityInputs prefix="edit" value={fields} onChange={setFields} problems={tried ? problems : {}} />
      {tried && count > 0 && (
        <p role="alert" className="error">
          <FormattedMessage id="participants.fixFields" values={{ count }} />
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          <FormattedMessage id="participants.saveEdit" />
        </button>
        <button type="button" onClick={onCancel}>
          <FormattedMessage id="participants.cancelEdit" />
        </button>
      </div>
    </form>
  );
}

function ConsentForm({ busy, onSave, onCancel }: { busy: boolean; onSave: (consent: ConsentFields) => Promise<void>; onCancel: () => void }) {
  const intl = useIntl();
  const [consent, setConsent] = useState<ConsentFields>({ givenOn: today(), purposes: [] });
  const [tried, setTried] = useState(false);
  const problems = validateConsent(consent, today());
  return (
    <form
      noValidate
      className="consent-form"
      aria-label={intl.formatMessage({ id: 'participants.recordConsent' })}
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (Object.keys(problems).length === 0) await onSave(consent);
      }}
    >
      <h3>
        <FormattedMessage id="participants.recordConsent" />
      </h3>
      <ConsentInputs prefix="consent" value={consent} onChange={setConsent} problems={tried ? problems : {}} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          <FormattedMessage id="participants.saveConsentOnly" />
        </button>
        <button type="button" onClick={onCancel}>
          <FormattedMessage id="participants.cancelEdit" />
        </button>
      </div>
    </form>
  );
}

/** A modal confirmation (native <dialog>): says what happens; « Annuler » has the focus first. */
function ConfirmDialog({
  title,
  confirmLabel,
  busy,
  danger,
  onCancel,
  onConfirm,
  children,
}: {
  title: string;
  confirmLabel: string;
  busy: boolean;
  danger?: boolean;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
  children: React.ReactNode;
}) {
  const cancelButton = useRef<HTMLButtonElement>(null);
  // Opened on « Annuler »: erasing cannot be undone.
  const modal = useModalDialog(() => cancelButton.current?.focus());
  return (
    <dialog
      className="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      ref={modal.attach}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <div id="confirm-body">{children}</div>
      <div className="actions">
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={() => void onConfirm()}>
          {confirmLabel}
        </button>
        <button type="button" ref={cancelButton} disabled={busy} onClick={onCancel}>
          <FormattedMessage id="participants.cancelEdit" />
        </button>
      </div>
    </dialog>
  );
}
