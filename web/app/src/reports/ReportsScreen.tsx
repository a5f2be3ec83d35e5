// The report screens, loaded on demand (React.lazy in App.tsx), so the board's first load does
// not carry them: the list of cohorts (/rapports), a cohort's report (/rapports/cohortes/<id>)
// and the network's (/rapports/reseau, ADMIN and funders). Figures come from the API's
// cohortReport and networkReport as they are: a count the API hides from a funder (null) reads
// « < 5 » where the API says it is below 5 (`suppressedBelow`) and « masqué » where it may be
// hidden to protect another count, with a note on why, and is never drawn or added up as 0.
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { allPages, request, type SessionUser } from '../api';
import { errorKey } from '../errors';
import { formatDate, formatMoney } from '../format';
import type { CohortReportScreenQuery, NetworkReportScreenQuery, ReportCohortsQuery } from '../gql/graphql';
import type { Locale } from '../i18n';
import { Link, navigate } from '../router';
import { BarChart, cellClass, FunnelChart, useHiddenMarks, type ChartRow } from './charts';
import { cellOf, direction, exactCell, formatCell, formatNumber, formatPercentChange, formatRate, isHidden, networkPeopleCell, programYearLabel, programYearOf, smallCountCell, type Cell, type HiddenMarks } from './chartMath';
import { COHORT_DOWNLOADS, downloadFile } from './downloads';
import { browserClipboard, copyText, narrativeLanguage } from './narrative';
import { CohortReportQuery, NetworkReportQuery, ReportCohorts } from './operations';

type CohortItem = ReportCohortsQuery['cohorts']['nodes'][number];
type Report = CohortReportScreenQuery['cohortReport'];
type Narrative = Report['narrative'];
type Network = NetworkReportScreenQuery['networkReport'];

/** Up, down or the same at a glance (the words say it too, for screen readers). */
const ARROWS = { up: '▲', down: '▼', same: '=' } as const;

export default function ReportsScreen({ route, user, announce }: { route: string; user: SessionUser; announce: (message: string) => void }) {
  if (route.startsWith('/rapports/cohortes/')) {
    return <CohortReportPage id={decodeURIComponent(route.slice('/rapports/cohortes/'.length))} announce={announce} />;
  }
  if (route === '/rapports/reseau') return <NetworkReportPage />;
  return <CohortListPage user={user} />;
}

/** Every cohort the viewer may see, all pages. */
function loadCohorts(): Promise<CohortItem[]> {
  return allPages(async (after) => (await request(ReportCohorts, { after })).cohorts);
}

function useCohorts(): { cohorts: CohortItem[] | null; error: string | null } {
  const intl = useIntl();
  const [cohorts, setCohorts] = useState<CohortItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadCohorts()
      .then((list) => live && setCohorts(list))
      .catch((e) => live && setError(intl.formatMessage({ id: errorKey(e) })));
    return () => {
      live = false;
    };
  }, [intl]);
  return { cohorts, error };
}

function Loading() {
  return (
    <p role="status">
      <FormattedMessage id="loading" />
    </p>
  );
}

function Failure({ message }: { message: string }) {
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}

function Dates({ from, to }: { from: string; to: string }) {
  const intl = useIntl();
  return <FormattedMessage id="reports.dates" values={{ from: formatDate(from, intl.locale), to: formatDate(to, intl.locale) }} />;
}

function PrintButton() {
  return (
    <button type="button" className="no-print" onClick={() => window.print()}>
      <FormattedMessage id="reports.print" />
    </button>
  );
}

/** The printed page says when it was printed (the screen does not need it). */
function PrintedOn() {
  const intl = useIntl();
  const now = new Date();
  const iso = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return <p className="print-only">{intl.formatMessage({ id: 'reports.printedOn' }, { date: formatDate(iso, intl.locale) })}</p>;
}

// ---------------------------------------------------------------------------------------------
// /rapports: choose a cohort.

function CohortListPage({ user }: { user: SessionUser }) {
  const intl = useIntl();
  const { cohorts, error } = useCohorts();
  const [year, setYear] = useState('');
  const years = useMemo(() => [...new Set((cohorts ?? []).map((c) => programYearOf(c.startsOn)))].sort((a, b) => b - a), [cohorts]);
  const shown = (cohorts ?? []).filter((c) => !year || programYearOf(c.startsOn) === Number(year));
  // Grouped by region (an agent has one), regions by name, cohorts newest first.
  const groups = new Map<string, { name: string; cohorts: CohortItem[] }>();
  for (const c of shown) {
    const group = groups.get(c.region.id) ?? { name: c.region.name, cohorts: [] };
    group.cohorts.push(c);
    groups.set(c.region.id, group);
  }
  const regions = [...groups.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name, 'fr-CA'));
  const network = user.role === 'ADMIN' || user.role === 'FUNDER';

  return (
    <section aria-labelledby="reports-title" className="reports">
      <h1 id="reports-title">
        <FormattedMessage id="reports.title" />
      </h1>
      <p>
        <FormattedMessage id="reports.intro" />
      </p>
      {network && (
        <p>
          <Link to="/rapports/reseau">
            <FormattedMessage id="reports.networkLink" />
          </Link>
        </p>
      )}
      {error && <Failure message={error} />}
      {cohorts === null && !error ? (
        <Loading />
      ) : (
        <>
          <form className="filters" onSubmit={(e) => e.preventDefault()}>
            <div>
              <label htmlFor="report-year">
                <FormattedMessage id="reports.yearFilter" />
              </label>
              <select id="report-year" value={year} onChange={(e) => setYear(e.target.value)}>
                <option value="">{intl.formatMessage({ id: 'reports.allYears' })}</option>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {programYearLabel(y)}
                  </option>
                ))}
              </select>
            </div>
          </form>
          {regions.length === 0 && (
            <p>
              <FormattedMessage id="reports.noCohort" />
            </p>
          )}
          {regions.map(([regionId, group]) => (
            <section key={regionId} aria-labelledby={`region-${regionId}`} className="report-region">
              <h2 id={`region-${regionId}`}>{group.name}</h2>
              <ul className="cohort-list">
                {[...group.cohorts]
                  .sort((a, b) => b.startsOn.localeCompare(a.startsOn))
                  .map((c) => (
                    <li key={c.id}>
                      <Link to={`/rapports/cohortes/${encodeURIComponent(c.id)}`}>
                        <FormattedMessage id="reports.cohortLink" values={{ name: c.name }} />
                      </Link>{' '}
                      <span className="meta">
                        <Dates from={c.startsOn} to={c.endsOn} />
                      </span>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// /rapports/cohortes/<id>: one cohort's report.

function useReport(id: string): { report: Report | null; error: string | null } {
  const intl = useIntl();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setReport(null);
    setError(null);
    request(CohortReportQuery, { id, language: narrativeLanguage(intl.locale) })
      .then((r) => live && setReport(r.cohortReport))
      .catch((e) => live && setError(intl.formatMessage({ id: errorKey(e) })));
    return () => {
      live = false;
    };
  }, [id, intl]);
  return { report, error };
}

function SuppressionNote({ threshold }: { threshold: number }) {
  return (
    <aside className="suppression-note" aria-labelledby="suppression-title" id="suppression-note">
      <h2 id="suppression-title">
        <FormattedMessage id="reports.suppressed.title" />
      </h2>
      <p>
        <FormattedMessage id="reports.suppressed.note" values={{ threshold, max: threshold - 1 }} />
      </p>
      <p>
        <FormattedMessage id="reports.withheld.note" values={{ threshold }} />
      </p>
      <p>
        <FormattedMessage id="reports.suppressed.never" />
      </p>
    </aside>
  );
}

function CohortReportPage({ id, announce }: { id: string; announce: (message: string) => void }) {
  const intl = useIntl();
  const { report, error } = useReport(id);
  const title = report ? intl.formatMessage({ id: 'reports.cohort.title' }, { name: report.cohort.name }) : intl.formatMessage({ id: 'reports.title' });
  useEffect(() => {
    const before = document.title;
    document.title = `${title} · SISMIC Tracker`;
    return () => {
      document.title = before;
    };
  }, [title]);

  return (
    <article aria-labelledby="report-title" className="report">
      <p className="no-print back">
        <Link to="/rapports">
          <FormattedMessage id="reports.back" />
        </Link>
      </p>
      {!report ? (
        <>
          <h1 id="report-title">{title}</h1>
          {error ? <Failure message={error} /> : <Loading />}
        </>
      ) : (
        <CohortReportBody report={report} announce={announce} />
      )}
    </article>
  );
}

function CohortReportBody({ report, announce }: { report: Report; announce: (message: string) => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const threshold = report.suppression.threshold;
  const marks = useHiddenMarks();
  const fmt = (cell: Cell) => formatCell(cell, intl.locale, marks);
  const exact = exactCell;
  const single = (key: string, label: string, cell: Cell): ChartRow => ({ key, label, cells: [cell] });
  const stage = (s: string) => t(`stage.${s}`);
  const people = t('reports.column.people');
  const projects = t('reports.column.projects');
  const category = t('reports.column.category');
  const partnerFollowUps = report.partnerFollowUps.reduce((sum, p) => sum + p.followUpCount, 0);
  // Hidden only when it is small (the API hides it for no other reason): « < 5 ».
  const reached = smallCountCell(report.participantsReached, report.participantsReachedSuppressed, threshold);

  const headline: { key: string; label: string; value: string; hiddenValue: boolean }[] = [
    { key: 'people', label: t('reports.figure.PARTICIPANTS_REACHED'), value: fmt(reached), hiddenValue: isHidden(reached) },
    { key: 'projects', label: t('reports.figure.PROJECT_COUNT'), value: intl.formatNumber(report.projectCount), hiddenValue: false },
    { key: 'enterprises', label: t('reports.figure.ENTERPRISES_CREATED'), value: intl.formatNumber(report.enterprisesCreated), hiddenValue: false },
    { key: 'followUps', label: t('reports.figure.FOLLOW_UP_COUNT'), value: intl.formatNumber(report.followUpCount), hiddenValue: false },
    { key: 'partnerFollowUps', label: t('reports.figure.PARTNER_FOLLOW_UP_COUNT'), value: intl.formatNumber(partnerFollowUps), hiddenValue: false },
    { key: 'awards', label: t('reports.figure.AWARD_COUNT'), value: intl.formatNumber(report.awards.count), hiddenValue: false },
    { key: 'awardTotal', label: t('reports.awardTotal'), value: formatMoney(report.awards.totalAmountCents, intl.locale), hiddenValue: false },
  ];

  const comparison = report.comparison;
  const previousName = comparison.previousCohort?.name ?? '';
  const comparedRows: ChartRow[] = comparison.figures.map((f) => ({
    key: f.figure,
    label: t(`reports.figure.${f.figure}`),
    // A hidden side of the comparison is a cohort's small people reached: « < 5 ».
    cells: [smallCountCell(f.previous, false, threshold), smallCountCell(f.current, false, threshold)],
  }));
  const change = (f: Report['comparison']['figures'][number]): string => {
    if (f.difference === null || f.difference === undefined) return t(f.suppressed ? 'reports.comparison.hidden' : 'reports.comparison.missing');
    const way = direction(f.difference);
    if (way === 'same') return t('reports.comparison.same');
    const amount = formatNumber(Math.abs(f.difference), intl.locale);
    const percent = f.percentChange === null || f.percentChange === undefined ? null : formatPercentChange(f.percentChange, intl.locale);
    return percent === null ? t(`reports.comparison.${way}`, { amount }) : t(`reports.comparison.${way}Percent`, { amount, percent });
  };

  const steps = report.funnel.steps;
  const funnelRows = [
    ...steps.map((s, i) => {
      const next = steps[i + 1];
      const rate = s.conversionToNext ?? null;
      const last = !next;
      const onwardRate = last ? (report.funnel.launchRate ?? null) : rate;
      return {
        key: s.stage,
        label: stage(s.stage),
        reached: s.projectsReached,
        onward: onwardRate === null ? null : last ? t('reports.funnel.toLaunch', { rate: formatRate(onwardRate, intl.locale) }) : t('reports.funnel.toNext', { rate: formatRate(onwardRate, intl.locale), stage: stage(next!.stage) }),
        onwardShort: onwardRate === null ? t('reports.funnel.none') : formatRate(onwardRate, intl.locale),
      };
    }),
    { key: 'LAUNCHED', label: t('reports.funnel.launched'), reached: report.funnel.launched, onward: null, onwardShort: t('reports.funnel.none') },
  ];

  const mrc = (name: string | null | undefined) => name ?? t('reports.unknownMrc');
  const origins = report.followUpsByOrigin.map((o, i) => ({
    key: o.partner?.id ?? `none-${i}`,
    name: o.partner?.name ?? t('reports.followUps.noOrigin'),
    projects: o.projectCount,
    followUps: o.followUpCount,
  }));

  return (
    <>
      <header className="report-head">
        <div>
          <h1 id="report-title">{t('reports.cohort.title', { name: report.cohort.name })}</h1>
          <p className="meta">
            <FormattedMessage
              id="reports.cohort.where"
              values={{ region: report.cohort.region.name, dates: <Dates from={report.cohort.startsOn} to={report.cohort.endsOn} /> }}
            />
          </p>
          <PrintedOn />
        </div>
        <div className="actions no-print">
          <PrintButton />
        </div>
      </header>
      {report.suppression.applied && <SuppressionNote threshold={threshold} />}

      <section aria-labelledby="figures-title" className="report-section first">
        <h2 id="figures-title">{t('reports.figures')}</h2>
        <dl className="figures">
          {headline.map((f) => (
            <div key={f.key} className={f.hiddenValue ? 'figure suppressed' : 'figure'}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <NarrativeSection narrative={report.narrative} announce={announce} />

      <section aria-labelledby="comparison-title" className="report-section">
        <h2 id="comparison-title">{t('reports.comparison.title')}</h2>
        {comparison.previousCohort ? (
          <>
            <p>{t('reports.comparison.intro', { current: report.cohort.name, previous: previousName })}</p>
            <div className="chart-grid">
              <BarChart
                title={t('reports.comparison.chart', { previous: previousName, current: report.cohort.name })}
                rows={comparedRows}
                series={[
                  { key: 'previous', label: previousName },
                  { key: 'current', label: report.cohort.name },
                ]}
                labelHeader={t('reports.comparison.figure')}
                threshold={threshold}
                table={
                  <table className="data">
                    <caption className="visually-hidden">{t('reports.comparison.title')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('reports.comparison.figure')}</th>
                        <th scope="col" className="num nowrap">
                          {previousName}
                        </th>
                        <th scope="col" className="num nowrap">
                          {report.cohort.name}
                        </th>
                        <th scope="col">{t('reports.comparison.change')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {comparison.figures.map((f, i) => (
                        <tr key={f.figure}>
                          <th scope="row">{t(`reports.figure.${f.figure}`)}</th>
                          <td className={cellClass(comparedRows[i]!.cells[0]!)}>{fmt(comparedRows[i]!.cells[0]!)}</td>
                          <td className={cellClass(comparedRows[i]!.cells[1]!)}>{fmt(comparedRows[i]!.cells[1]!)}</td>
                          <td className={`change ${f.difference === null || f.difference === undefined ? 'none' : direction(f.difference)}`}>
                            <span className="arrow" aria-hidden="true">
                              {f.difference === null || f.difference === undefined ? '' : ARROWS[direction(f.difference)]}
                            </span>
                            {change(f)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
            </div>
          </>
        ) : (
          <p>{t('reports.comparison.none')}</p>
        )}
      </section>

      <section aria-labelledby="people-title" className="report-section">
        <h2 id="people-title">{t('reports.people.title')}</h2>
        <div className="chart-grid">
          <BarChart
            title={t('reports.people.byStage')}
            rows={report.participantsByStage.map((s) => single(s.stage, stage(s.stage), cellOf(s)))}
            series={[{ key: 'people', label: people }]}
            labelHeader={t('reports.funnel.stage')}
            threshold={threshold}
            note={t('reports.people.byStageNote')}
          />
          <BarChart
            title={t('reports.people.byGender')}
            rows={report.participantsByGender.map((g) => single(g.gender ?? 'none', t(`reports.gender.${g.gender ?? 'none'}`), cellOf(g)))}
            series={[{ key: 'people', label: people }]}
            labelHeader={category}
            threshold={threshold}
          />
          <BarChart
            title={t('reports.people.byAge')}
            rows={report.participantsByAgeBand.map((a) => single(a.band, t(`reports.age.${a.band}`), cellOf(a)))}
            series={[{ key: 'people', label: people }]}
            labelHeader={category}
            threshold={threshold}
          />
          <BarChart
            title={t('reports.people.byMrc')}
            rows={report.participantsByMrc.map((m, i) => single(m.mrc ?? `none-${i}`, mrc(m.mrc), cellOf(m)))}
            series={[{ key: 'people', label: people }]}
            labelHeader="MRC"
            threshold={threshold}
          />
        </div>
      </section>

      <section aria-labelledby="projects-title" className="report-section">
        <h2 id="projects-title">{t('reports.projects.title')}</h2>
        <div className="chart-grid">
          <BarChart
            title={t('reports.projects.byStage')}
            rows={report.projectsByStage.map((s) => single(s.stage, stage(s.stage), cellOf(s)))}
            series={[{ key: 'projects', label: projects }]}
            labelHeader={t('reports.funnel.stage')}
            threshold={threshold}
          />
          <BarChart
            title={t('reports.projects.byStatus')}
            rows={report.projectsByStatus.map((s) => single(s.status, t(`status.${s.status}`), cellOf(s)))}
            series={[{ key: 'projects', label: projects }]}
            labelHeader={category}
            threshold={threshold}
          />
          <FunnelChart
            title={t('reports.funnel.title')}
            rows={funnelRows}
            headers={[t('reports.funnel.stage'), t('reports.funnel.reached'), t('reports.funnel.conversion')]}
            note={t('reports.funnel.intro')}
          />
          <figure className="chart" aria-labelledby="time-title">
            <figcaption id="time-title">{t('reports.time.title')}</figcaption>
            <table className="data">
              <caption className="visually-hidden">{t('reports.time.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.funnel.stage')}</th>
                  <th scope="col" className="num">
                    {t('reports.time.median')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.time.completed')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.time.open')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.timeInStage.map((s) => (
                  <tr key={s.stage}>
                    <th scope="row">{stage(s.stage)}</th>
                    <td className="num">{s.medianDays === null || s.medianDays === undefined ? t('reports.funnel.none') : formatNumber(s.medianDays, intl.locale)}</td>
                    <td className="num">{intl.formatNumber(s.completedStays)}</td>
                    <td className="num">{intl.formatNumber(s.openStays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
          <BarChart
            title={t('reports.projects.bySector')}
            rows={report.projectsBySector.map((s) => single(s.sector ?? 'none', t(`reports.sector.${s.sector ?? 'none'}`), cellOf(s)))}
            series={[{ key: 'projects', label: projects }]}
            labelHeader={category}
            threshold={threshold}
          />
          <BarChart
            title={t('reports.projects.byMrc')}
            rows={report.projectsByMrc.map((m, i) => single(m.mrc ?? `none-${i}`, mrc(m.mrc), cellOf(m)))}
            series={[{ key: 'projects', label: projects }]}
            labelHeader="MRC"
            threshold={threshold}
          />
          <BarChart
            title={t('reports.projects.byTeam')}
            rows={report.teamsByComposition.map((c) => single(c.composition, t(`reports.team.${c.composition}`), cellOf(c)))}
            series={[{ key: 'projects', label: projects }]}
            labelHeader={category}
            threshold={threshold}
          />
        </div>
      </section>

      <section aria-labelledby="followups-title" className="report-section">
        <h2 id="followups-title">{t('reports.followUps.title')}</h2>
        <div className="chart-grid">
          <BarChart
            title={t('reports.followUps.byOrigin')}
            rows={origins.map((o) => single(o.key, o.name, exact(o.followUps)))}
            series={[{ key: 'followUps', label: t('reports.followUps.count') }]}
            labelHeader={t('reports.followUps.origin')}
            threshold={threshold}
            table={
              <table className="data">
                <caption className="visually-hidden">{t('reports.followUps.byOrigin')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.followUps.origin')}</th>
                    <th scope="col" className="num">
                      {t('reports.followUps.projects')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.followUps.count')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {origins.map((o) => (
                    <tr key={o.key}>
                      <th scope="row">{o.name}</th>
                      <td className="num">{intl.formatNumber(o.projects)}</td>
                      <td className="num">{intl.formatNumber(o.followUps)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('reports.followUps.total')}</th>
                    <td className="num">{intl.formatNumber(report.projectCount)}</td>
                    <td className="num">{intl.formatNumber(report.followUpCount)}</td>
                  </tr>
                </tfoot>
              </table>
            }
          />
          {report.partnerFollowUps.length > 0 ? (
            <BarChart
              title={t('reports.followUps.partners')}
              rows={report.partnerFollowUps.map((p) => single(p.partner.id, p.partner.name, exact(p.followUpCount)))}
              series={[{ key: 'followUps', label: t('reports.followUps.count') }]}
              labelHeader={t('reports.followUps.partner')}
              threshold={threshold}
            />
          ) : (
            <figure className="chart" aria-labelledby="partners-none">
              <figcaption id="partners-none">{t('reports.followUps.partners')}</figcaption>
              <p>{t('reports.followUps.none')}</p>
            </figure>
          )}
        </div>
      </section>

      <Downloads cohortId={report.cohort.id} threshold={threshold} announce={announce} />
    </>
  );
}

/**
 * « Le paragraphe du rapport annuel »: the API's `narrative` in the viewer's language (the
 * sentence, the lists, the note on hidden figures), as it prints, and « Copier le texte », which
 * puts its plain `text` on the clipboard. Where the browser offers no clipboard (plain HTTP
 * off this computer) or refuses, the same text shows in a field, selected, for Ctrl+C.
 */
function NarrativeSection({ narrative, announce }: { narrative: Narrative; announce: (message: string) => void }) {
  const intl = useIntl();
  const [copy, setCopy] = useState<'idle' | 'copied' | 'select'>('idle');
  const plain = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (copy !== 'select' || !plain.current) return;
    plain.current.focus();
    plain.current.select();
  }, [copy]);
  const onCopy = async () => {
    const outcome = await copyText(narrative.text, browserClipboard());
    if (outcome === 'copied') {
      setCopy('copied');
      announce(intl.formatMessage({ id: 'reports.narrative.copied' }));
    } else if (copy === 'select' && plain.current) {
      // Already shown: select it again.
      plain.current.focus();
      plain.current.select();
    } else {
      setCopy('select');
    }
  };
  return (
    <section aria-labelledby="narrative-title" className="report-section narrative">
      <h2 id="narrative-title">
        <FormattedMessage id="reports.narrative.title" />
      </h2>
      <p className="meta no-print">
        <FormattedMessage id="reports.narrative.intro" />
      </p>
      <div className="narrative-text">
        <p className="narrative-summary">{narrative.summary}</p>
        {narrative.sections.map((section, i) => (
          <div key={i} className="narrative-list">
            <h3 id={`narrative-list-${i}`}>{section.heading}</h3>
            <ul aria-labelledby={`narrative-list-${i}`}>
              {section.items.map((item, j) => (
                <li key={j}>{item}</li>
              ))}
            </ul>
          </div>
        ))}
        {narrative.note && <p className="narrative-note">{narrative.note}</p>}
      </div>
      <div className="narrative-actions no-print">
        <button type="button" onClick={onCopy}>
          <FormattedMessage id="reports.narrative.copy" />
        </button>
        {copy === 'copied' && (
          <p className="copy-done">
            <span aria-hidden="true">✓ </span>
            <FormattedMessage id="reports.narrative.copied" />
          </p>
        )}
      </div>
      {copy === 'select' && (
        <div className="copy-fallback no-print">
          <label htmlFor="narrative-plain">
            <FormattedMessage id="reports.narrative.select" />
          </label>
          <textarea id="narrative-plain" ref={plain} readOnly rows={10} value={narrative.text} />
        </div>
      )}
    </section>
  );
}

function Downloads({ cohortId, threshold, announce }: { cohortId: string; threshold: number; announce: (message: string) => void }) {
  const intl = useIntl();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="downloads-title" className="report-section downloads no-print">
      <h2 id="downloads-title">
        <FormattedMessage id="reports.download.title" />
      </h2>
      <ul className="download-list">
        {COHORT_DOWNLOADS.map((d) => (
          <li key={d.key}>
            <button
              type="button"
              disabled={busy !== null}
              aria-describedby={`download-${d.key}-hint`}
              onClick={async () => {
                setBusy(d.key);
                setError(null);
                try {
                  const name = await downloadFile(d.path(cohortId, intl.locale as Locale), d.fallbackName);
                  announce(intl.formatMessage({ id: 'reports.download.done' }, { name }));
                } catch (e) {
                  setError(intl.formatMessage({ id: errorKey(e) }));
                } finally {
                  setBusy(null);
                }
              }}
            >
              <FormattedMessage id={d.label} />
            </button>
            <span id={`download-${d.key}-hint`} className="meta">
              <FormattedMessage id={d.hint} values={{ threshold }} />
            </span>
          </li>
        ))}
      </ul>
      {busy && (
        <p role="status">
          <FormattedMessage id="reports.download.busy" />
        </p>
      )}
      {error && <Failure message={error} />}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// /rapports/reseau: every region's figures for a programme year.

function NetworkReportPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { cohorts, error: cohortsError } = useCohorts();
  const asked = Number(new URLSearchParams(location.search).get('annee')) || null;
  const years = useMemo(() => {
    const found = new Set((cohorts ?? []).map((c) => programYearOf(c.startsOn)));
    if (asked) found.add(asked);
    if (found.size === 0) found.add(programYearOf(new Date().toISOString().slice(0, 10)));
    return [...found].sort((a, b) => b - a);
  }, [cohorts, asked]);
  const year = asked ?? years[0] ?? null;
  const [network, setNetwork] = useState<Network | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (cohorts === null || year === null) return;
    let live = true;
    setNetwork(null);
    setError(null);
    request(NetworkReportQuery, { year })
      .then((r) => live && setNetwork(r.networkReport))
      .catch((e) => live && setError(intl.formatMessage({ id: errorKey(e) })));
    return () => {
      live = false;
    };
  }, [cohorts, year, intl]);

  const threshold = network?.suppression.threshold ?? 5;
  const marks = useHiddenMarks();
  const people = (f: Network['total']) => networkPeopleCell(f, threshold);
  const title = t('reports.network.title');

  return (
    <article aria-labelledby="report-title" className="report">
      <p className="no-print back">
        <Link to="/rapports">
          <FormattedMessage id="reports.back" />
        </Link>
      </p>
      <header className="report-head">
        <div>
          <h1 id="report-title">{title}</h1>
          {network && (
            <p className="meta">
              <FormattedMessage
                id="reports.network.intro"
                values={{ year: programYearLabel(network.programYear), dates: <Dates from={network.startsOn} to={network.endsOn} /> }}
              />
            </p>
          )}
          <PrintedOn />
        </div>
        <div className="actions no-print">
          <PrintButton />
        </div>
      </header>
      <form className="filters no-print" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="network-year">
            <FormattedMessage id="reports.yearFilter" />
          </label>
          <select id="network-year" value={year ?? ''} onChange={(e) => navigate(`/rapports/reseau?annee=${encodeURIComponent(e.target.value)}`)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {programYearLabel(y)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {(cohortsError ?? error) && <Failure message={(cohortsError ?? error)!} />}
      {!network ? (
        !(cohortsError ?? error) && <Loading />
      ) : (
        <>
          {network.suppression.applied && <SuppressionNote threshold={threshold} />}
          <div className="report-section first">
            <h2 id="network-table-title">{t('reports.network.table', { year: programYearLabel(network.programYear) })}</h2>
            <div className="table-scroll" tabIndex={0} aria-labelledby="network-table-title" role="region">
              <table className="data wide">
                <caption className="visually-hidden">{t('reports.network.table', { year: programYearLabel(network.programYear) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.network.region')}</th>
                    <th scope="col" className="num">
                      {t('reports.network.cohorts')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.figure.PARTICIPANTS_REACHED')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.figure.PROJECT_COUNT')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.figure.ENTERPRISES_CREATED')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.figure.FOLLOW_UP_COUNT')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.figure.PARTNER_FOLLOW_UP_COUNT')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.figure.AWARD_COUNT')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.awardTotal')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {network.regions.map((r) => (
                    <FiguresRow key={r.region.id} label={r.region.name} figures={r.figures} marks={marks} threshold={threshold} />
                  ))}
                </tbody>
                <tfoot>
                  <FiguresRow label={t('reports.network.total')} figures={network.total} marks={marks} threshold={threshold} />
                </tfoot>
              </table>
            </div>
          </div>
          <section aria-labelledby="network-charts-title" className="report-section">
            <h2 id="network-charts-title" className="visually-hidden">
              {t('reports.network.peopleChart')}
            </h2>
            <div className="chart-grid">
              <BarChart
                title={t('reports.network.peopleChart')}
                rows={network.regions.map((r) => ({ key: r.region.id, label: r.region.name, cells: [people(r.figures)] }))}
                series={[{ key: 'people', label: t('reports.column.people') }]}
                labelHeader={t('reports.network.region')}
                threshold={threshold}
              />
              <BarChart
                title={t('reports.network.projectsChart')}
                rows={network.regions.map((r) => ({ key: r.region.id, label: r.region.name, cells: [exactCell(r.figures.projectCount)] }))}
                series={[{ key: 'projects', label: t('reports.column.projects') }]}
                labelHeader={t('reports.network.region')}
                threshold={threshold}
              />
            </div>
          </section>
        </>
      )}
    </article>
  );
}

function FiguresRow({ label, figures, marks, threshold }: { label: string; figures: Network['total']; marks: HiddenMarks; threshold: number }) {
  const intl = useIntl();
  const people = networkPeopleCell(figures, threshold);
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{intl.formatNumber(figures.cohortCount)}</td>
      <td className={cellClass(people)}>{formatCell(people, intl.locale, marks)}</td>
      <td className="num">{intl.formatNumber(figures.projectCount)}</td>
      <td className="num">{intl.formatNumber(figures.enterprisesCreated)}</td>
      <td className="num">{intl.formatNumber(figures.followUpCount)}</td>
      <td className="num">{intl.formatNumber(figures.partnerFollowUpCount)}</td>
      <td className="num">{intl.formatNumber(figures.awardCount)}</td>
      <td className="num">{formatMoney(figures.awardTotalCents, intl.locale)}</td>
    </tr>
  );
}
