import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useModalDialog } from '../dialog';
import { codeOf, errorKey } from '../errors';
import { formatDate, today } from '../format';
import { allPages, request } from '../api';
import type { ActivityCohortsQuery, ActivityListFieldsFragment, Stage } from '../gql/graphql';
import { Link } from '../router';
import { currentCohort, defaultDate, newestFirst } from './listing';
import { ActivityCohorts, ActivityList, CreateActivity } from './operations';

type Cohort = ActivityCohortsQuery['cohorts']['nodes'][number];
type Activity = ActivityListFieldsFragment;

export const STAGES: Stage[] = ['REVELATION', 'IDEATION', 'PROTOTYPING'];

/** An activity's page (its global id in the path: never a name). */
export const activityPath = (id: string) => `/activites/${encodeURIComponent(id)}`;

/** Every cohort the viewer may see (an agent: their region's), every page read. */
function loadCohorts(): Promise<Cohort[]> {
  return allPages(async (after) => (await request(ActivityCohorts, { after })).cohorts);
}

/** The activities the viewer serves (of one cohort, or all), every page read, newest first. */
async function loadActivities(cohortId: string | null): Promise<Activity[]> {
  return newestFirst(await allPages(async (after) => (await request(ActivityList, { cohortId, after })).activities));
}

/** `/activites`: the activities of the agent's cohorts, newest first, and « Nouvelle activité ». */
export function ActivitiesPage({ announce }: { announce: (message: string) => void }) {
  const intl = useIntl();
  const [cohorts, setCohorts] = useState<Cohort[] | null>(null);
  const [cohortId, setCohortId] = useState('');
  const [activities, setActivities] = useState<Activity[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState<{ key: string } | null>(null);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    loadCohorts()
      .then(setCohorts)
      .catch((e) => setError(intl.formatMessage({ id: errorKey(e) })));
  }, [intl]);

  const reload = useCallback(async () => {
    try {
      setActivities(await loadActivities(cohortId || null));
      setError(null);
    } catch (e) {
      setError(intl.formatMessage({ id: errorKey(e) }));
    }
  }, [cohortId, intl]);
  useEffect(() => {
    void reload();
  }, [reload]);

  // Once the new activity is listed, focus goes to its link (the dialog that had it is gone).
  useEffect(() => {
    if (!createdId || !activities?.some((a) => a.id === createdId)) return;
    list.current?.querySelector<HTMLAnchorElement>(`a[href="${CSS.escape(activityPath(createdId))}"]`)?.focus();
    setCreatedId(null);
  }, [activities, createdId]);

  const regions = new Set((cohorts ?? []).map((c) => c.region.id));
  const cohortLabel = (c: Cohort) =>
    regions.size > 1 ? intl.formatMessage({ id: 'activities.cohortOfRegion' }, { cohort: c.name, region: c.region.name }) : c.name;
  const stage = (s: Stage) => intl.formatMessage({ id: `stage.${s}` });

  return (
    <section aria-labelledby="activities-title" className="activities">
      <div className="board-head">
        <h1 id="activities-title">
          <FormattedMessage id="activities.title" />
        </h1>
        <button ref={newButton} type="button" className="primary" disabled={cohorts === null} onClick={() => setCreating({ key: crypto.randomUUID() })}>
          <FormattedMessage id="activities.new" />
        </button>
      </div>
      <p className="intro">
        <FormattedMessage id="activities.intro" />
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="activities-cohort">
            <FormattedMessage id="activities.cohort" />
          </label>
          <select id="activities-cohort" value={cohortId} onChange={(e) => setCohortId(e.target.value)}>
            <option value="">{intl.formatMessage({ id: 'activities.allCohorts' })}</option>
            {(cohorts ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {cohortLabel(c)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {activities === null ? (
        !error && (
          <p role="status">
            <FormattedMessage id="loading" />
          </p>
        )
      ) : (
        <>
          <p className="count" aria-live="polite">
            <FormattedMessage id="activities.count" values={{ count: activities.length }} />
          </p>
          {activities.length === 0 ? (
            <p>
              <FormattedMessage id="activities.none" />
            </p>
          ) : (
            <ul className="cards activity-list" ref={list}>
              {activities.map((a) => (
                <li key={a.id} className="card">
                  <h2 className="card-title">
                    <Link to={activityPath(a.id)}>{a.title}</Link>
                  </h2>
                  <p className="meta">
                    <FormattedMessage id="activities.meta" values={{ date: formatDate(a.heldOn, intl.locale), stage: stage(a.stage), cohort: <span className="nowrap">{a.cohort.name}</span> }} />
                  </p>
                  <p className="meta">
                    <FormattedMessage id="activities.attendees" values={{ count: a.attendeeCount }} />
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {creating && cohorts && (
        <CreateActivityDialog
          idempotencyKey={creating.key}
          cohorts={cohorts}
          cohortLabel={cohortLabel}
          initialCohortId={cohortId || currentCohort(cohorts, today())?.id || ''}
          onConflict={() => {
            // The key was used for other details: the next try gets a new one.
            setCreating({ key: crypto.randomUUID() });
            void reload();
          }}
          onClose={(created) => {
            setCreating(null);
            if (created) {
              announce(intl.formatMessage({ id: 'activities.created' }, { title: created.title }));
              setCreatedId(created.id);
              void reload();
            } else {
              newButton.current?.focus();
            }
          }}
        />
      )}
    </section>
  );
}

interface DialogProps {
  /** Made when the form opens: a retry of the same creation never creates two activities. */
  idempotencyKey: string;
  cohorts: Cohort[];
  cohortLabel: (c: Cohort) => string;
  initialCohortId: string;
  onConflict: () => void;
  onClose: (created: Activity | null) => void;
}

/** The « Créer une activité » form, in a modal dialog: cohort, stage, title, date. */
function CreateActivityDialog({ idempotencyKey, cohorts, cohortLabel, initialCohortId, onConflict, onClose }: DialogProps) {
  const intl = useIntl();
  const modal = useModalDialog();
  const created = useRef<Activity | null>(null);
  const [cohortId, setCohortId] = useState(initialCohortId);
  const cohort = cohorts.find((c) => c.id === cohortId);
  const [stage, setStage] = useState<Stage>('REVELATION');
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(() => defaultDate(cohort, today()));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const date = (iso: string) => formatDate(iso, intl.locale);


  const submit = async () => {
    if (!cohort || !title.trim()) {
      setError(intl.formatMessage({ id: 'activities.create.required' }));
      return;
    }
    if (!heldOn || heldOn < cohort.startsOn || heldOn > cohort.endsOn) {
      setError(intl.formatMessage({ id: 'activities.create.outside' }, { from: date(cohort.startsOn), to: date(cohort.endsOn) }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await request(CreateActivity, { input: { cohortId: cohort.id, stage, title: title.trim(), heldOn, idempotencyKey } });
      created.current = answer.createActivity.activity;
      modal.close();
    } catch (failure) {
      if (codeOf(failure) === 'CONFLICT') {
        setError(intl.formatMessage({ id: 'activities.create.conflict' }));
        onConflict();
      } else {
        setError(intl.formatMessage({ id: errorKey(failure) }));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={modal.attach} className="activity-create" aria-labelledby="ac-title" onClose={() => onClose(created.current)}>
      {/* noValidate: the form says what is wrong itself, in the app's language. */}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="ac-title">
          <FormattedMessage id="activities.create.title" />
        </h2>
        {cohorts.length === 0 ? (
          <p>
            <FormattedMessage id="activities.create.noCohort" />
          </p>
        ) : (
          <>
            <label htmlFor="ac-cohort">
              <FormattedMessage id="activities.create.cohort" />
            </label>
            <select
              id="ac-cohort"
              required
              value={cohortId}
              onChange={(e) => {
                setCohortId(e.target.value);
                setHeldOn(defaultDate(cohorts.find((c) => c.id === e.target.value), heldOn || today()));
              }}
            >
              {!cohort && <option value="">—</option>}
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {cohortLabel(c)}
                </option>
              ))}
            </select>
            <label htmlFor="ac-stage">
              <FormattedMessage id="activities.create.stage" />
            </label>
            <select id="ac-stage" value={stage} onChange={(e) => setStage(e.target.value as Stage)}>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {intl.formatMessage({ id: `stage.${s}` })}
                </option>
              ))}
            </select>
            <label htmlFor="ac-name">
              <FormattedMessage id="activities.create.activityTitle" />
            </label>
            <input id="ac-name" required maxLength={200} aria-describedby="ac-name-hint" value={title} onChange={(e) => setTitle(e.target.value)} />
            <p id="ac-name-hint" className="hint">
              <FormattedMessage id="activities.create.titleHint" />
            </p>
            <label htmlFor="ac-date">
              <FormattedMessage id="activities.create.date" />
            </label>
            <input
              id="ac-date"
              type="date"
              required
              min={cohort?.startsOn}
              max={cohort?.endsOn}
              aria-describedby={cohort ? 'ac-date-hint' : undefined}
              value={heldOn}
              onChange={(e) => setHeldOn(e.target.value)}
            />
            {cohort && (
              <p id="ac-date-hint" className="hint">
                <FormattedMessage id="activities.create.dateHint" values={{ from: date(cohort.startsOn), to: date(cohort.endsOn) }} />
              </p>
            )}
          </>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          {cohorts.length > 0 && (
            <button type="submit" className="primary" disabled={busy}>
              <FormattedMessage id="activities.create.save" />
            </button>
          )}
          <button type="button" onClick={modal.close}>
            <FormattedMessage id="activities.create.close" />
          </button>
        </div>
      </form>
    </dialog>
  );
}
