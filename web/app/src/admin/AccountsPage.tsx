// `/admin/comptes`: the accounts. An administrator lists them (by role, state, email), creates
// one for any role with its region or partner, deactivates or reactivates one, and resets a
// password. A new account and a reset both give a one-time password, shown once, that the
// person must replace at their next sign-in (the server enforces it).
import { useCallback, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useModalDialog } from '../dialog';
import { request } from '../api';
import { errorKey } from '../errors';
import type { ReferenceDataQuery, Role, UsersQuery } from '../gql/graphql';
import { CreateUser, ReferenceData, ResetUserPassword, SetUserActive, Users } from './operations';
import { useFailure } from './ReferenceDataPage';

type Account = UsersQuery['users']['nodes'][number];
const ROLES: Role[] = ['AGENT', 'PARTNER', 'FUNDER', 'ADMIN'];

/** A throwaway password for the new account: replaced at once by a one-time password. */
function throwaway(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes));
}

/** Which attachment a role takes (createUser's rule). */
export function attachmentOf(role: Role): 'region' | 'partner' | 'funderPartner' | 'none' {
  return role === 'AGENT' ? 'region' : role === 'PARTNER' ? 'partner' : role === 'FUNDER' ? 'funderPartner' : 'none';
}

interface Secret {
  email: string;
  password: string;
  expiresAt: string;
  created: boolean;
}

export function AccountsPage({ announce, myId }: { announce: (m: string) => void; myId: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id: id as 'admin.title' }, values);
  const failure = useFailure();
  const [filters, setFilters] = useState<{ role: Role | ''; active: '' | 'true' | 'false'; email: string }>({ role: '', active: 'true', email: '' });
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reference, setReference] = useState<ReferenceDataQuery | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [role, setRole] = useState<Role>('AGENT');
  const [createError, setCreateError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      try {
        const page = await request(Users, {
          after,
          role: filters.role || null,
          active: filters.active === '' ? null : filters.active === 'true',
          email: filters.email.trim() || null,
        });
        setAccounts((list) => (after && list ? [...list, ...page.users.nodes] : page.users.nodes));
        setCursor(page.users.pageInfo.hasNextPage ? (page.users.pageInfo.endCursor ?? null) : null);
        setError(null);
      } catch (e) {
        setError(intl.formatMessage({ id: errorKey(e) }));
      }
    },
    [filters, intl],
  );
  useEffect(() => {
    const timer = setTimeout(() => void load(null), 250);
    return () => clearTimeout(timer);
  }, [load]);
  useEffect(() => {
    request(ReferenceData, {})
      .then(setReference)
      .catch((e) => setError(intl.formatMessage({ id: errorKey(e) })));
  }, [intl]);

  const reset = async (account: Account, created = false) => {
    const answer = await request(ResetUserPassword, { userId: account.id });
    setSecret({ email: account.email, password: answer.resetUserPassword.oneTimePassword, expiresAt: answer.resetUserPassword.expiresAt, created });
    await load(null);
  };
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? '';
  const attachment = attachmentOf(role);
  const funders = reference?.partners.nodes.filter((p) => p.kind === 'FUNDER') ?? [];

  return (
    <section aria-labelledby="accounts-title" className="admin">
      <h1 id="accounts-title">
        <FormattedMessage id="admin.accounts.title" />
      </h1>
      <div className="admin-grid">
        <section aria-labelledby="accounts-list">
          <h2 id="accounts-list">{t('admin.accounts.list')}</h2>
          <form className="filters" role="search" aria-label={t('admin.accounts.filters')} onSubmit={(e) => e.preventDefault()}>
            <div>
              <label htmlFor="acc-email">{t('admin.accounts.email')}</label>
              <input id="acc-email" type="search" value={filters.email} onChange={(e) => setFilters({ ...filters, email: e.target.value })} autoComplete="off" />
            </div>
            <div>
              <label htmlFor="acc-role">{t('admin.accounts.role')}</label>
              <select id="acc-role" value={filters.role} onChange={(e) => setFilters({ ...filters, role: e.target.value as Role | '' })}>
                <option value="">{t('filters.all')}</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="acc-active">{t('admin.accounts.state')}</label>
              <select id="acc-active" value={filters.active} onChange={(e) => setFilters({ ...filters, active: e.target.value as '' | 'true' | 'false' })}>
                <option value="">{t('filters.all')}</option>
                <option value="true">{t('admin.accounts.active')}</option>
                <option value="false">{t('admin.accounts.inactive')}</option>
              </select>
            </div>
          </form>
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          {accounts && (
            <ul className="plain-list accounts">
              {accounts.length === 0 && <li>{t('admin.accounts.none')}</li>}
              {accounts.map((a) => (
                <li key={a.id} className="card">
                  <p>
                    <strong>{a.email}</strong>
                  </p>
                  <p className="meta">
                    {t(`role.${a.role}`)}
                    {a.region && ` · ${a.region.name}`}
                    {a.partner && ` · ${a.partner.name}`}
                    {' · '}
                    {a.active ? t('admin.accounts.active') : t('admin.accounts.inactive')}
                    {a.mustChangePassword && ` · ${t('admin.accounts.mustChange')}`}
                  </p>
                  {a.id !== myId && (
                    <div className="actions">
                      <button
                        type="button"
                        aria-label={t(a.active ? 'admin.accounts.deactivateLabel' : 'admin.accounts.reactivateLabel', { email: a.email })}
                        onClick={async () => {
                          if (a.active && !window.confirm(t('admin.accounts.deactivateConfirm', { email: a.email }))) return;
                          try {
                            await request(SetUserActive, { userId: a.id, active: !a.active });
                            announce(t(a.active ? 'admin.accounts.deactivated' : 'admin.accounts.reactivated', { email: a.email }));
                            await load(null);
                          } catch (f) {
                            setError(failure(f));
                          }
                        }}
                      >
                        {t(a.active ? 'admin.accounts.deactivate' : 'admin.accounts.reactivate')}
                      </button>
                      <button
                        type="button"
                        aria-label={t('admin.accounts.resetLabel', { email: a.email })}
                        onClick={async () => {
                          if (!window.confirm(t('admin.accounts.resetConfirm', { email: a.email }))) return;
                          try {
                            await reset(a);
                          } catch (f) {
                            setError(failure(f));
                          }
                        }}
                      >
                        {t('admin.accounts.reset')}
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {cursor && (
            <button type="button" onClick={() => void load(cursor)}>
              {t('admin.accounts.more')}
            </button>
          )}
        </section>
        <section aria-labelledby="accounts-new">
          <h2 id="accounts-new">{t('admin.accounts.new')}</h2>
          <form
            className="add-form"
            aria-labelledby="accounts-new"
            onSubmit={async (e) => {
              e.preventDefault();
              const form = e.currentTarget;
              setBusy(true);
              setCreateError(null);
              try {
                const link = value('new-attachment');
                const input = {
                  email: value('new-email'),
                  password: throwaway(),
                  role,
                  regionId: attachment === 'region' ? link : null,
                  partnerId: attachment === 'partner' || (attachment === 'funderPartner' && link) ? link : null,
                };
                const created = (await request(CreateUser, { input })).createUser.user;
                await reset({ ...created, role, active: true, mustChangePassword: true, passwordExpiresAt: null, region: null, partner: null }, true);
                announce(t('admin.accounts.created', { email: created.email }));
                form.reset();
                setRole('AGENT');
              } catch (f) {
                setCreateError(failure(f));
              } finally {
                setBusy(false);
              }
            }}
          >
            <label htmlFor="new-email">{t('admin.accounts.email')}</label>
            <input id="new-email" type="email" required autoComplete="off" maxLength={254} />
            <label htmlFor="new-role">{t('admin.accounts.role')}</label>
            <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
            {attachment !== 'none' && (
              <>
                <label htmlFor="new-attachment">{t(`admin.accounts.attach.${attachment}`)}</label>
                <select id="new-attachment" key={attachment} required={attachment !== 'funderPartner'}>
                  {attachment === 'funderPartner' && <option value="">{t('admin.accounts.noFunderPartner')}</option>}
                  {attachment === 'region'
                    ? reference?.regions.map((r) => (
                        <option key={r.id} value={r.id}>
                          {r.name}
                        </option>
                      ))
                    : (attachment === 'partner' ? reference?.partners.nodes : funders)?.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                </select>
              </>
            )}
            <p className="hint">{t('admin.accounts.newHint')}</p>
            <button type="submit" className="primary" disabled={busy}>
              {t('admin.accounts.create')}
            </button>
            {createError && (
              <p role="alert" className="error">
                {createError}
              </p>
            )}
          </form>
        </section>
      </div>
      {secret && <SecretDialog secret={secret} onClose={() => setSecret(null)} />}
    </section>
  );
}

/** The one-time password, shown once, with a copy button. */
function SecretDialog({ secret, onClose }: { secret: Secret; onClose: () => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id: id as 'admin.title' }, values);
  const modal = useModalDialog();
  const [copied, setCopied] = useState(false);
  const when = new Intl.DateTimeFormat(intl.locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(secret.expiresAt));
  return (
    <dialog
      aria-labelledby="secret-title"
      ref={modal.attach}
      onClose={onClose}
    >
      <h2 id="secret-title">{t(secret.created ? 'admin.secret.createdTitle' : 'admin.secret.resetTitle', { email: secret.email })}</h2>
      <p>{t('admin.secret.intro', { when })}</p>
      <p className="secret" aria-label={t('admin.secret.label')}>
        <code>{secret.password}</code>
      </p>
      <div className="actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(secret.password).then(() => setCopied(true))}>
          {t('admin.secret.copy')}
        </button>
        <button type="button" className="primary" onClick={modal.close}>
          {t('admin.secret.done')}
        </button>
      </div>
      <p role="status">{copied ? t('admin.secret.copied') : ''}</p>
    </dialog>
  );
}
