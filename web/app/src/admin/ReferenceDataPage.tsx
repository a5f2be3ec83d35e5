// `/admin/referentiel`: the reference data an administrator keeps: regions, partner
// institutions and cohorts, each listed with a form to add one.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { request } from '../api';
import { errorKey, errorText } from '../errors';
import { formatDate } from '../format';
import type { PartnerKind, ReferenceDataQuery } from '../gql/graphql';
import { CreateCohort, CreatePartner, CreateRegion, ReferenceData, UpdateCohort, UpdatePartner, UpdateRegion } from './operations';

export const PARTNER_KINDS: PartnerKind[] = ['COLLEGE', 'UNIVERSITY', 'ECONOMIC_DEVELOPMENT', 'YOUTH_EMPLOYMENT', 'FUNDER', 'NETWORK', 'INCUBATOR', 'OTHER'];

/** The message for a refused change, with the server's detail for bad input. */
export function useFailure() {
  const intl = useIntl();
  return (failure: unknown) => errorText(intl, failure);
}

/** A small form that sends once, says what went wrong, and resets after success. */
function AddForm({ title, onSubmit, children }: { title: string; onSubmit: () => Promise<void>; children: ReactNode }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const failure = useFailure();
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
      form.reset();
    } catch (f) {
      setError(failure(f));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="add-form" onSubmit={submit} aria-label={title}>
      {children}
      <button type="submit" className="primary" disabled={busy}>
        <FormattedMessage id="admin.add" />
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * One item of a list with « Modifier »: the row becomes a small form (the same fields as the
 * form to add), saved with the update mutation; Escape or « Annuler » gives the row back.
 */
function Editable({ label, view, fields, onSave }: { label: string; view: ReactNode; fields: ReactNode; onSave: (form: HTMLFormElement) => Promise<void> }) {
  const intl = useIntl();
  const failure = useFailure();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!editing) {
    return (
      <li className="member">
        {view}
        <button type="button" aria-label={intl.formatMessage({ id: 'admin.editLabel' }, { name: label })} onClick={() => setEditing(true)}>
          <FormattedMessage id="admin.edit" />
        </button>
      </li>
    );
  }
  return (
    <li>
      <form
        className="add-form"
        aria-label={intl.formatMessage({ id: 'admin.editLabel' }, { name: label })}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await onSave(e.currentTarget);
            setEditing(false);
          } catch (f) {
            setError(failure(f));
          }
        }}
      >
        {fields}
        <div className="actions">
          <button type="submit" className="primary">
            <FormattedMessage id="projectEditing.save" />
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            <FormattedMessage id="action.cancel" />
          </button>
        </div>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </li>
  );
}

/** A form field's value by its name. */
const field = (form: HTMLFormElement, name: string) => ((form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '').trim();

export function ReferenceDataPage({ announce }: { announce: (m: string) => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id: id as 'admin.title' }, values);
  const [data, setData] = useState<ReferenceDataQuery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      request(ReferenceData, {})
        .then(setData)
        .catch((e) => setError(intl.formatMessage({ id: errorKey(e) }))),
    [intl],
  );
  useEffect(() => void load(), [load]);
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement).value.trim();

  return (
    <section aria-labelledby="ref-title" className="admin">
      <h1 id="ref-title">
        <FormattedMessage id="admin.reference.title" />
      </h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!data && !error && (
        <p role="status">
          <FormattedMessage id="loading" />
        </p>
      )}
      {data && (
        <div className="admin-grid">
          <section aria-labelledby="ref-regions">
            <h2 id="ref-regions">{t('admin.regions', { count: data.regions.length })}</h2>
            <ul className="plain-list">
              {data.regions.map((r) => (
                <Editable
                  key={r.id}
                  label={r.name}
                  view={
                    <span>
                      <strong>{r.code}</strong> {r.name}
                    </span>
                  }
                  fields={
                    <>
                      <label htmlFor={`edit-code-${r.id}`}>{t('admin.region.code')}</label>
                      <input id={`edit-code-${r.id}`} name="code" required maxLength={10} defaultValue={r.code} />
                      <label htmlFor={`edit-name-${r.id}`}>{t('admin.region.name')}</label>
                      <input id={`edit-name-${r.id}`} name="name" required maxLength={200} defaultValue={r.name} />
                    </>
                  }
                  onSave={async (form) => {
                    await request(UpdateRegion, { input: { regionId: r.id, code: field(form, 'code').toUpperCase(), name: field(form, 'name') } });
                    announce(t('admin.updated', { name: field(form, 'name') }));
                    await load();
                  }}
                />
              ))}
            </ul>
            <AddForm
              title={t('admin.region.add')}
              onSubmit={async () => {
                const name = value('region-name');
                await request(CreateRegion, { input: { code: value('region-code').toUpperCase(), name } });
                announce(t('admin.created', { name }));
                await load();
              }}
            >
              <label htmlFor="region-code">{t('admin.region.code')}</label>
              <input id="region-code" required maxLength={10} autoComplete="off" />
              <label htmlFor="region-name">{t('admin.region.name')}</label>
              <input id="region-name" required maxLength={200} autoComplete="off" />
            </AddForm>
          </section>
          <section aria-labelledby="ref-partners">
            <h2 id="ref-partners">{t('admin.partners', { count: data.partners.nodes.length })}</h2>
            <ul className="plain-list">
              {data.partners.nodes.map((p) => (
                <Editable
                  key={p.id}
                  label={p.name}
                  view={
                    <span>
                      {p.name} <span className="meta">· {t(`partnerKind.${p.kind}`)}</span>
                    </span>
                  }
                  fields={
                    <>
                      <label htmlFor={`edit-pname-${p.id}`}>{t('admin.partner.name')}</label>
                      <input id={`edit-pname-${p.id}`} name="name" required maxLength={200} defaultValue={p.name} />
                      <label htmlFor={`edit-kind-${p.id}`}>{t('admin.partner.kind')}</label>
                      <select id={`edit-kind-${p.id}`} name="kind" defaultValue={p.kind}>
                        {PARTNER_KINDS.map((k) => (
                          <option key={k} value={k}>
                            {t(`partnerKind.${k}`)}
                          </option>
                        ))}
                      </select>
                    </>
                  }
                  onSave={async (form) => {
                    await request(UpdatePartner, { input: { partnerId: p.id, name: field(form, 'name'), kind: field(form, 'kind') as PartnerKind } });
                    announce(t('admin.updated', { name: field(form, 'name') }));
                    await load();
                  }}
                />
              ))}
            </ul>
            <AddForm
              title={t('admin.partner.add')}
              onSubmit={async () => {
                const name = value('partner-name');
                await request(CreatePartner, { input: { name, kind: value('partner-kind') as PartnerKind } });
                announce(t('admin.created', { name }));
                await load();
              }}
            >
              <label htmlFor="partner-name">{t('admin.partner.name')}</label>
              <input id="partner-name" required maxLength={200} autoComplete="off" />
              <label htmlFor="partner-kind">{t('admin.partner.kind')}</label>
              <select id="partner-kind" defaultValue="COLLEGE">
                {PARTNER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`partnerKind.${k}`)}
                  </option>
                ))}
              </select>
            </AddForm>
          </section>
          <section aria-labelledby="ref-cohorts">
            <h2 id="ref-cohorts">{t('admin.cohorts', { count: data.cohorts.nodes.length })}</h2>
            <ul className="plain-list">
              {data.cohorts.nodes.map((c) => (
                <Editable
                  key={c.id}
                  label={`${c.name} ${c.region.name}`}
                  view={
                    <span>
                      <strong>{c.name}</strong> {c.region.name}{' '}
                      <span className="meta">{t('admin.cohort.dates', { from: formatDate(c.startsOn, intl.locale), to: formatDate(c.endsOn, intl.locale) })}</span>
                    </span>
                  }
                  fields={
                    <>
                      <label htmlFor={`edit-cname-${c.id}`}>{t('admin.cohort.name')}</label>
                      <input id={`edit-cname-${c.id}`} name="name" required maxLength={100} defaultValue={c.name} />
                      <label htmlFor={`edit-start-${c.id}`}>{t('admin.cohort.start')}</label>
                      <input id={`edit-start-${c.id}`} name="startsOn" type="date" required defaultValue={c.startsOn} />
                      <label htmlFor={`edit-end-${c.id}`}>{t('admin.cohort.end')}</label>
                      <input id={`edit-end-${c.id}`} name="endsOn" type="date" required defaultValue={c.endsOn} />
                    </>
                  }
                  onSave={async (form) => {
                    await request(UpdateCohort, { input: { cohortId: c.id, name: field(form, 'name'), startsOn: field(form, 'startsOn'), endsOn: field(form, 'endsOn') } });
                    announce(t('admin.updated', { name: field(form, 'name') }));
                    await load();
                  }}
                />
              ))}
            </ul>
            <AddForm
              title={t('admin.cohort.add')}
              onSubmit={async () => {
                const name = value('cohort-name');
                await request(CreateCohort, { input: { regionId: value('cohort-region'), name, startsOn: value('cohort-start'), endsOn: value('cohort-end') } });
                announce(t('admin.created', { name }));
                await load();
              }}
            >
              <label htmlFor="cohort-region">{t('admin.cohort.region')}</label>
              <select id="cohort-region" required>
                {data.regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
              <label htmlFor="cohort-name">{t('admin.cohort.name')}</label>
              <input id="cohort-name" required maxLength={100} placeholder="2021-2022" autoComplete="off" />
              <label htmlFor="cohort-start">{t('admin.cohort.start')}</label>
              <input id="cohort-start" type="date" required />
              <label htmlFor="cohort-end">{t('admin.cohort.end')}</label>
              <input id="cohort-end" type="date" required />
            </AddForm>
          </section>
        </div>
      )}
    </section>
  );
}
