// `/admin/journal`: the audit log, newest first, filtered by object, user, operation and time,
// 50 entries at a time. Filters are kept in the address (ids and names of operations only).
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { request } from '../api';
import { errorKey } from '../errors';
import type { AuditLogQuery } from '../gql/graphql';
import { navigate } from '../router';
import { AuditLog } from './operations';

type Entry = AuditLogQuery['auditLog']['nodes'][number];

export interface AuditFilters {
  entityId: string;
  userId: string;
  operation: string;
  /** Local date-time of an <input type="datetime-local">, or ''. */
  from: string;
  to: string;
}

const KEYS: Record<keyof AuditFilters, string> = { entityId: 'objet', userId: 'utilisateur', operation: 'operation', from: 'du', to: 'au' };

export function readAuditFilters(search: string): AuditFilters {
  const p = new URLSearchParams(search);
  const get = (k: keyof AuditFilters) => (p.get(KEYS[k]) ?? '').slice(0, 200);
  return { entityId: get('entityId'), userId: get('userId'), operation: get('operation'), from: get('from'), to: get('to') };
}

export function writeAuditFilters(f: AuditFilters): string {
  const p = new URLSearchParams();
  for (const k of Object.keys(KEYS) as (keyof AuditFilters)[]) if (f[k].trim()) p.set(KEYS[k], f[k].trim());
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** A local date-time ("2021-03-31T14:30") as the API's DateTime (UTC, RFC 3339), or null. */
export function toDateTime(local: string): string | null {
  if (!local) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function AuditLogPage({ search }: { search: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id: id as 'admin.title' }, values);
  const applied = readAuditFilters(search);
  const [draft, setDraft] = useState<AuditFilters>(applied);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = writeAuditFilters(applied);

  const load = async (after: string | null) => {
    try {
      const f = readAuditFilters(key);
      const page = await request(AuditLog, {
        after,
        entityId: f.entityId || null,
        userId: f.userId || null,
        operation: f.operation || null,
        from: toDateTime(f.from),
        to: toDateTime(f.to),
      });
      setEntries((list) => (after && list ? [...list, ...page.auditLog.nodes] : page.auditLog.nodes));
      setCursor(page.auditLog.pageInfo.hasNextPage ? (page.auditLog.pageInfo.endCursor ?? null) : null);
      setError(null);
    } catch (e) {
      setError(intl.formatMessage({ id: errorKey(e) }));
    }
  };
  useEffect(() => {
    setDraft(readAuditFilters(key));
    setEntries(null);
    void load(null);
    // Reloaded whenever the filters in the address change.
  }, [key]);

  const field = (name: keyof AuditFilters, type = 'text') => (
    <div>
      <label htmlFor={`audit-${name}`}>{t(`admin.audit.${name}`)}</label>
      <input id={`audit-${name}`} type={type} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} autoComplete="off" />
    </div>
  );
  const dateTime = (iso: string) => new Intl.DateTimeFormat(intl.locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

  return (
    <section aria-labelledby="audit-title" className="admin">
      <h1 id="audit-title">
        <FormattedMessage id="admin.audit.title" />
      </h1>
      <form
        className="filters"
        role="search"
        aria-label={t('admin.audit.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/admin/journal${writeAuditFilters(draft)}`, { replace: true });
        }}
      >
        {field('entityId')}
        {field('userId')}
        {field('operation')}
        {field('from', 'datetime-local')}
        {field('to', 'datetime-local')}
        <div>
          <button type="submit" className="primary">
            <FormattedMessage id="admin.audit.apply" />
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!entries && !error && (
        <p role="status">
          <FormattedMessage id="loading" />
        </p>
      )}
      {entries && (
        <>
          <p role="status" className="meta">
            {t('admin.audit.count', { count: entries.length })}
          </p>
          <ol className="audit plain-list">
            {entries.map((e) => (
              <li key={e.sequence} className="card">
                <p>
                  <time dateTime={e.at}>{dateTime(e.at)}</time> · <strong>{e.operation}</strong> · {e.entityType}
                </p>
                <p className="meta">
                  {e.user ? t('admin.audit.by', { email: e.user.email, role: e.role }) : t('admin.audit.system')}
                  {e.entityId && (
                    <>
                      {' · '}
                      <button type="button" className="link" onClick={() => navigate(`/admin/journal${writeAuditFilters({ ...applied, entityId: e.entityId! })}`)}>
                        {t('admin.audit.sameObject')}
                      </button>
                    </>
                  )}
                  {e.user && (
                    <>
                      {' · '}
                      <button type="button" className="link" onClick={() => navigate(`/admin/journal${writeAuditFilters({ ...applied, userId: e.user!.id })}`)}>
                        {t('admin.audit.sameUser')}
                      </button>
                    </>
                  )}
                </p>
                {(e.before != null || e.after != null) && (
                  <details>
                    <summary>{t('admin.audit.details')}</summary>
                    <div className="audit-json">
                      <div>
                        <p className="audit-label">{t('admin.audit.before')}</p>
                        <pre>{e.before == null ? '—' : JSON.stringify(e.before, null, 2)}</pre>
                      </div>
                      <div>
                        <p className="audit-label">{t('admin.audit.after')}</p>
                        <pre>{e.after == null ? '—' : JSON.stringify(e.after, null, 2)}</pre>
                      </div>
                    </div>
                  </details>
                )}
              </li>
            ))}
          </ol>
          {cursor && (
            <button type="button" onClick={() => void load(cursor)}>
              <FormattedMessage id="admin.audit.more" />
            </button>
          )}
        </>
      )}
    </section>
  );
}
