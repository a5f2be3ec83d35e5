// The partner's screens: the projects that came from their institution (a table with filters
// kept in the address, so a link can be shared) and one project's stage history as a timeline.
// Only what a partner may see: no participants, no follow-up texts, no notes.
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { allPages, request } from '../api';
import { errorKey } from '../errors';
import { formatDate } from '../format';
import type { PartnerProjectFieldsFragment, PartnerProjectQuery } from '../gql/graphql';
import { subscribe } from '../live';
import { LiveMark } from '../LiveMark';
import { StageTimeline } from '../StageTimeline';
import { Link, navigate } from '../router';
import { matches, readFilters, STAGES, STATUSES, writeFilters, type PartnerFilters } from './filters';
import { PartnerProject, PartnerProjectChanges, PartnerProjectLive, PartnerProjects } from './operations';

type Row = PartnerProjectFieldsFragment;
type Details = NonNullable<PartnerProjectQuery['project']>;

/** Every project the partner may see (all pages of 100). */
function loadAll(): Promise<Row[]> {
  return allPages(async (after) => (await request(PartnerProjects, { after })).projects);
}

/** `/mes-projets`: the partner's projects, filtered by cohort, stage and status (in the URL). */
export function PartnerProjectsPage({ search, partnerName }: { search: string; partnerName: string | null }) {
  const intl = useIntl();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const filters = readFilters(search);

  useEffect(() => {
    const load = () =>
      loadAll()
        .then((all) => setRows(all.sort((a, b) => a.name.localeCompare(b.name, 'fr-CA'))))
        .catch((e) => setError(intl.formatMessage({ id: errorKey(e) })));
    void load();
    // Live: the server sends only this partner's projects; after a reconnection, read again.
    return subscribe(
      PartnerProjectChanges,
      {},
      ({ projectChanged: { project } }) =>
        setRows((list) => {
          if (!list) return list;
          if (list.some((r) => r.id === project.id)) return list.map((r) => (r.id === project.id ? project : r));
          return [...list, project].sort((a, b) => a.name.localeCompare(b.name, 'fr-CA'));
        }),
      () => void load(),
    );
  }, [intl]);

  const setFilters = (next: PartnerFilters) => {
    setCopied(false);
    navigate(`/mes-projets${writeFilters(next)}`, { replace: true });
  };
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id: id as 'partner.title' }, values);
  const cohorts = rows ? [...new Map(rows.map((r) => [r.cohort.id, r.cohort])).values()].sort((a, b) => b.name.localeCompare(a.name)) : [];
  const shown = rows?.filter((r) => matches(r, filters)) ?? [];

  return (
    <section aria-labelledby="partner-title" className="partner">
      <h1 id="partner-title">
        <FormattedMessage id="partner.title" />
      </h1>
      <p className="meta">
        {partnerName ? <FormattedMessage id="partner.intro" values={{ partner: partnerName }} /> : <FormattedMessage id="partner.introNoName" />} <LiveMark />
      </p>
      <form className="filters" role="search" aria-label={t('partner.filters')} onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="pf-cohort">
            <FormattedMessage id="filters.cohort" />
          </label>
          <select id="pf-cohort" value={filters.cohort} onChange={(e) => setFilters({ ...filters, cohort: e.target.value })}>
            <option value="">{t('partner.allFeminine')}</option>
            {cohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            {filters.cohort && !cohorts.some((c) => c.id === filters.cohort) && <option value={filters.cohort}>{t('partner.unknownCohort')}</option>}
          </select>
        </div>
        <div>
          <label htmlFor="pf-stage">
            <FormattedMessage id="partner.stage" />
          </label>
          <select id="pf-stage" value={filters.stage} onChange={(e) => setFilters({ ...filters, stage: e.target.value as PartnerFilters['stage'] })}>
            <option value="">{t('partner.allFeminine')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`stage.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="pf-status">
            <FormattedMessage id="filters.status" />
          </label>
          <select id="pf-status" value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value as PartnerFilters['status'] })}>
            <option value="">{t('filters.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="share">
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard
                ?.writeText(location.href)
                .then(() => setCopied(true))
                .catch(() => setCopied(false))
            }
          >
            <FormattedMessage id="partner.copyLink" />
          </button>
          <span role="status" className="meta">
            {copied ? t('partner.copied') : ''}
          </span>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!rows && !error && (
        <p role="status">
          <FormattedMessage id="loading" />
        </p>
      )}
      {rows && (
        <>
          <p role="status" className="meta">
            <FormattedMessage id="partner.count" values={{ count: shown.length, total: rows.length }} />
          </p>
          {shown.length === 0 ? (
            <p>
              <FormattedMessage id={rows.length === 0 ? 'partner.none' : 'partner.noneFiltered'} />
            </p>
          ) : (
            <div className="table-scroll" role="region" tabIndex={0} aria-label={t('partner.tableRegion')}>
              <table className="data partner-table">
                <caption className="visually-hidden">
                  <FormattedMessage id="partner.title" />
                </caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <FormattedMessage id="partner.col.name" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="filters.cohort" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="partner.stage" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="filters.status" />
                    </th>
                    <th scope="col">
                      <FormattedMessage id="partner.col.last" />
                    </th>
                    <th scope="col" className="num">
                      <FormattedMessage id="partner.col.followUps" />
                    </th>
                    <th scope="col" className="num">
                      <FormattedMessage id="partner.col.team" />
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        <Link to={`/mes-projets/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                      </th>
                      <td>{r.cohort.name}</td>
                      <td>{t(`stage.${r.stage}`)}</td>
                      <td>{t(`status.${r.status}`)}</td>
                      <td>{r.lastFollowUpOn ? formatDate(r.lastFollowUpOn, intl.locale) : t('partner.never')}</td>
                      <td className="num">{intl.formatNumber(r.followUpCount)}</td>
                      <td className="num">{intl.formatNumber(r.teamSize)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** `/mes-projets/<id>`: one project, its figures and its stage history as a timeline. */
export function PartnerProjectPage({ id }: { id: string }) {
  const intl = useIntl();
  const [project, setProject] = useState<Details | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () =>
      request(PartnerProject, { id })
        .then((r) => (r.project ? setProject(r.project) : setError(intl.formatMessage({ id: 'error.NOT_FOUND' }))))
        .catch((e) => setError(intl.formatMessage({ id: errorKey(e) })));
    void load();
    // Live: this project only (another partner's is refused by the server, silently here).
    return subscribe(PartnerProjectLive, { id }, ({ projectChanged: { project } }) => setProject(project), () => void load());
  }, [id, intl]);
  const t = (key: string, values?: Record<string, string | number>) => intl.formatMessage({ id: key as 'partner.title' }, values);
  const back = (
    <p>
      <Link to="/mes-projets">
        <FormattedMessage id="partner.back" />
      </Link>
    </p>
  );
  if (error) {
    return (
      <section aria-labelledby="pp-title">
        {back}
        <h1 id="pp-title">
          <FormattedMessage id="project.title" />
        </h1>
        <p role="alert" className="error">
          {error}
        </p>
      </section>
    );
  }
  if (!project) {
    return (
      <p role="status">
        <FormattedMessage id="loading" />
      </p>
    );
  }
  return (
    <article aria-labelledby="pp-title" className="project">
      {back}
      <h1 id="pp-title">{project.name}</h1>
      <dl className="facts">
        <dt>
          <FormattedMessage id="filters.cohort" />
        </dt>
        <dd>{project.cohort.name}</dd>
        <dt>
          <FormattedMessage id="partner.stage" />
        </dt>
        <dd>{t(`stage.${project.stage}`)}</dd>
        <dt>
          <FormattedMessage id="filters.status" />
        </dt>
        <dd>{t(`status.${project.status}`)}</dd>
        <dt>
          <FormattedMessage id="partner.col.last" />
        </dt>
        <dd>{project.lastFollowUpOn ? formatDate(project.lastFollowUpOn, intl.locale) : t('partner.never')}</dd>
        <dt>
          <FormattedMessage id="partner.col.followUps" />
        </dt>
        <dd>{intl.formatNumber(project.followUpCount)}</dd>
        <dt>
          <FormattedMessage id="partner.col.team" />
        </dt>
        <dd>{t('partner.teamSize', { count: project.teamSize })}</dd>
      </dl>
      <StageTimeline history={project.stageHistory} headingId="pp-history" />
    </article>
  );
}
