// `/admin/referentiel`: the reference data an administrator keeps: regions, partner
// institutions and cohorts, each listed with a form to add one.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, request } from '../api';
import { errorKey } from '../errors';
import { formatDate } from '../format';
import type { PartnerKind, ReferenceDataQuery } from '../gql/graphql';
import { CreateCohort, CreatePartner, CreateRegion, ReferenceData } from './operations';

export const PARTNER_KINDS: PartnerKind[] = ['COLLEGE', 'UNIVERSITY', 'ECONOMIC_DEVELOPMENT', 'YOUTH_EMPLOYMENT', 'FUNDER', 'NETWORK', 'INCUBATOR', 'OTHER'];

/** The message for a refused change, with the server's detail for bad input. */
export function useFailure() {
  const intl = useIntl();
  return (failure: unknown) => {
    const base = intl.formatMessage({ id: errorKey(failure) });
    return failure instanceof ApiError && failure.code === 'BAD_USER_INPUT' ? `${base} ${intl.formatMessage({ id: 'error.detail' }, { detail: failure.message })}` : base;
  };
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
                <li key={r.id} className="member">
                  <span>
                    <strong>{r.code}</strong> {r.name}
                  </span>
                </li>
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
                <li key={p.id} className="member">
                  <span>{p.name}</span>
                  <span className="meta">{t(`partnerKind.${p.kind}`)}</span>
                </li>
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
                <li key={c.id} className="member">
                  <span>
                    <strong>{c.name}</strong> {c.region.name}
                  </span>
                  <span className="meta">{t('admin.cohort.dates', { from: formatDate(c.startsOn, intl.locale), to: formatDate(c.endsOn, intl.locale) })}</span>
                </li>
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
