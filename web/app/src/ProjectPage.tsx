import { useCallback, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { request } from './api';
import { errorKey } from './errors';
import { formatDate } from './format';
import type { ProjectDetailsQuery, ProjectPageFieldsFragment } from './gql/graphql';
import { ProjectDetails } from './operations';
import { AwardsSection, EditDetailsDialog, LaunchSection, TeamSection } from './ProjectEditing';
import { StageTimeline } from './StageTimeline';
import { Link } from './router';

type Details = ProjectPageFieldsFragment;
type FollowUp = NonNullable<ProjectDetailsQuery['project']>['followUps']['nodes'][number];

/**
 * A project: its details (editable), its stage history as a timeline, its team (add by search,
 * remove), its follow-ups newest first (20 at a time), its awards and its launch.
 */
export function ProjectPage({ id, refreshKey, announce }: { id: string; refreshKey: number; announce: (message: string) => void }) {
  const intl = useIntl();
  const [project, setProject] = useState<Details | null>(null);
  const [followUps, setFollowUps] = useState<FollowUp[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const load = useCallback(
    async (after: string | null) => {
      try {
        const { project: p } = await request(ProjectDetails, { id, after });
        if (!p) {
          setError(intl.formatMessage({ id: 'error.NOT_FOUND' }));
          return;
        }
        setProject(p);
        setFollowUps((list) => (after ? [...list, ...p.followUps.nodes] : p.followUps.nodes));
        setCursor(p.followUps.pageInfo.hasNextPage ? (p.followUps.pageInfo.endCursor ?? null) : null);
        setError(null);
      } catch (failure) {
        setError(intl.formatMessage({ id: errorKey(failure) }));
      }
    },
    [id, intl],
  );
  useEffect(() => {
    void load(null);
  }, [load, refreshKey]);

  const stage = (s: string | null | undefined) => (s ? intl.formatMessage({ id: `stage.${s}` as 'stage.IDEATION' }) : '');
  const status = (s: string | null | undefined) => (s ? intl.formatMessage({ id: `status.${s}` as 'status.ACTIVE' }) : '');

  if (error && !project) {
    return (
      <section aria-labelledby="project-title">
        <h1 id="project-title">
          <FormattedMessage id="project.title" />
        </h1>
        <p role="alert" className="error">
          {error}
        </p>
        <Link to="/">
          <FormattedMessage id="notFound.back" />
        </Link>
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
    <article aria-labelledby="project-title" className="project">
      <p>
        <Link to="/">
          <FormattedMessage id="notFound.back" />
        </Link>
      </p>
      <div className="project-head">
        <h1 id="project-title">{project.name}</h1>
        <button type="button" onClick={() => setEditing(true)}>
          <FormattedMessage id="projectEditing.edit" />
        </button>
      </div>
      <p className="meta">
        <FormattedMessage id="project.where" values={{ stage: stage(project.stage), status: status(project.status), cohort: project.cohort.name, version: project.version }} />
      </p>
      <p className="meta">{project.originPartner ? <FormattedMessage id="card.origin" values={{ name: project.originPartner.name }} /> : <FormattedMessage id="card.noOrigin" />}</p>
      {project.summary && <p>{project.summary}</p>}
      <dl className="facts" aria-label={intl.formatMessage({ id: 'projectEditing.details' })}>
        <dt>
          <FormattedMessage id="projectEditing.sector" />
        </dt>
        <dd>{project.sector ? intl.formatMessage({ id: `sector.${project.sector}` }) : intl.formatMessage({ id: 'projectEditing.unset' })}</dd>
        <dt>
          <FormattedMessage id="projectEditing.mrc" />
        </dt>
        <dd>{project.mrc || intl.formatMessage({ id: 'projectEditing.unset' })}</dd>
      </dl>
      <div className="project-grid">
        <StageTimeline history={project.stageHistory} headingId="history-title" withTime />
        <TeamSection project={project} onChanged={setProject} />
        <section aria-labelledby="followups-title">
          <h2 id="followups-title">
            <FormattedMessage id="project.followUps" values={{ count: project.followUpCount }} />
          </h2>
          {followUps.length === 0 ? (
            <p>
              <FormattedMessage id="card.never" values={{ days: 0 }} />
            </p>
          ) : (
            <ul className="cards">
              {followUps.map((f) => (
                <li key={f.id} className="card">
                  <p className="meta">
                    {formatDate(f.occurredOn, intl.locale)} · <FormattedMessage id={`mode.${f.mode}`} />
                    {f.durationMinutes ? ` · ${f.durationMinutes} min` : ''}
                  </p>
                  <p>{f.summary}</p>
                </li>
              ))}
            </ul>
          )}
          {cursor && (
            <button type="button" onClick={() => void load(cursor)}>
              <FormattedMessage id="project.more" />
            </button>
          )}
        </section>
        <AwardsSection
          project={project}
          onChanged={() => {
            announce(intl.formatMessage({ id: 'projectEditing.awards.saved' }));
            void load(null);
          }}
        />
        <LaunchSection project={project} />
      </div>
      {editing && (
        <EditDetailsDialog
          project={project}
          onClose={() => setEditing(false)}
          onSaved={(p) => {
            setProject(p);
            announce(intl.formatMessage({ id: 'projectEditing.saved' }, { name: p.name }));
          }}
        />
      )}
    </article>
  );
}
