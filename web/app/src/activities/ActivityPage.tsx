import { useCallback, useEffect, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { allPages, request } from '../api';
import { codeOf, errorKey } from '../errors';
import { formatDate } from '../format';
import type { AttendanceFieldsFragment, RegionParticipantsQuery } from '../gql/graphql';
import { Link } from '../router';
import { checklistRows, deselectAll, filterRows, MAX_PER_SAVE, selectAll, sheetRows, toggle, toRecord, type Person } from './checklist';
import { ActivityAttendance, RecordAttendance, RegionParticipants } from './operations';

type Activity = AttendanceFieldsFragment;
type Participant = RegionParticipantsQuery['participants']['nodes'][number];

/** Blank rows at the end of the sheet to print, for people who came without being registered. */
const BLANK_ROWS = 3;

/** The activity, or null when it does not exist (or is not an activity) for this viewer. */
async function loadActivity(id: string): Promise<Activity | null> {
  const { node } = await request(ActivityAttendance, { id });
  return node && 'title' in node ? (node as Activity) : null;
}

/**
 * The participants of the region the activity's cohort belongs to (participants belong to a
 * region, not to a cohort), every page read: the people the API lets this viewer see there.
 */
function loadParticipants(regionId: string): Promise<Participant[]> {
  return allPages(async (after) => (await request(RegionParticipants, { regionId, after })).participants);
}

/**
 * `/activites/<id>`: the activity, its attendance as a checklist of the region's participants
 * (search, « Tout sélectionner » on the rows shown, one `recordAttendance` to save), and the
 * attendance sheet that `@media print` lays out (styles.css).
 */
export function ActivityPage({ id, announce }: { id: string; announce: (message: string) => void }) {
  const intl = useIntl();
  const [activity, setActivity] = useState<Activity | null>(null);
  const [participants, setParticipants] = useState<Participant[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<{ message: string; retry: boolean } | null>(null);
  const [printWhich, setPrintWhich] = useState<'all' | 'recorded'>('all');

  /** Reads the activity and the region's participants; true when both came. */
  const load = useCallback(async (): Promise<boolean> => {
    try {
      const found = await loadActivity(id);
      if (!found) {
        setLoadError(intl.formatMessage({ id: 'activities.page.notFound' }));
        return false;
      }
      const people = await loadParticipants(found.cohort.region.id);
      setActivity(found);
      setParticipants(people);
      setLoadError(null);
      return true;
    } catch (failure) {
      const code = codeOf(failure);
      setLoadError(intl.formatMessage({ id: code === 'NOT_FOUND' || code === 'BAD_USER_INPUT' ? 'activities.page.notFound' : errorKey(failure) }));
      return false;
    }
  }, [id, intl]);
  useEffect(() => {
    void load();
  }, [load]);

  const rows = useMemo(() => (activity && participants ? checklistRows(participants, activity.attendees) : []), [activity, participants]);
  const shown = useMemo(() => filterRows(rows, query), [rows, query]);
  const pending = toRecord(rows, selected);

  const save = async () => {
    if (!activity) return;
    if (pending.length === 0) {
      setSaveError({ message: intl.formatMessage({ id: 'activities.page.nothingToSave' }), retry: false });
      return;
    }
    if (pending.length > MAX_PER_SAVE) {
      setSaveError({ message: intl.formatMessage({ id: 'activities.page.tooMany' }, { max: MAX_PER_SAVE }), retry: false });
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      // One request for the whole checklist.
      const answer = await request(RecordAttendance, { input: { activityId: activity.id, participantIds: pending } });
      setActivity(answer.recordAttendance.activity);
      setSelected(new Set());
      announce(intl.formatMessage({ id: 'activities.page.saved' }, { count: pending.length }));
    } catch (failure) {
      const code = codeOf(failure);
      if (code === 'CONFLICT' || code === 'NOT_FOUND') {
        // Something changed meanwhile (someone erased, the activity gone): read it all again;
        // the selection is kept, and whoever left the list is no longer sent.
        const reloaded = await load();
        setSaveError({ message: intl.formatMessage({ id: reloaded ? 'activities.page.conflict' : errorKey(failure) }), retry: true });
      } else {
        setSaveError({ message: intl.formatMessage({ id: errorKey(failure) }), retry: true });
      }
    } finally {
      setSaving(false);
    }
  };

  if (!activity || !participants) {
    return (
      <section aria-labelledby="activity-title">
        <h1 id="activity-title">
          <FormattedMessage id="activities.page.title" />
        </h1>
        {loadError ? (
          <>
            <p role="alert" className="error">
              {loadError}
            </p>
            <Link to="/activites">
              <FormattedMessage id="activities.back" />
            </Link>
          </>
        ) : (
          <p role="status">
            <FormattedMessage id="loading" />
          </p>
        )}
      </section>
    );
  }

  const stage = intl.formatMessage({ id: `stage.${activity.stage}` });
  const recordedCount = rows.filter((r) => r.recorded).length;
  const name = (r: Person) => (r.anonymized ? intl.formatMessage({ id: 'activities.page.anonymized' }) : `${r.lastName}, ${r.firstName}`);
  const sheet = sheetRows(rows, printWhich);

  return (
    <article aria-labelledby="activity-title" className="activity">
      <p className="screen-only">
        <Link to="/activites">
          <FormattedMessage id="activities.back" />
        </Link>
      </p>
      <header className="activity-head">
        <p className="print-only sheet-label">
          <FormattedMessage id="activities.page.sheet" />
        </p>
        <h1 id="activity-title">{activity.title}</h1>
        <dl className="facts">
          <div>
            <dt>
              <FormattedMessage id="activities.page.date" />
            </dt>
            <dd>
              <time dateTime={activity.heldOn}>{formatDate(activity.heldOn, intl.locale)}</time>
            </dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="activities.page.cohort" />
            </dt>
            <dd>{activity.cohort.name}</dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="activities.page.stage" />
            </dt>
            <dd>{stage}</dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="activities.page.region" />
            </dt>
            <dd>{activity.cohort.region.name}</dd>
          </div>
        </dl>
      </header>

      <div className="screen-only print-choice">
        <fieldset>
          <legend>
            <FormattedMessage id="activities.page.printWhich" />
          </legend>
          <label className="mode">
            <input type="radio" name="print-which" value="all" checked={printWhich === 'all'} onChange={() => setPrintWhich('all')} />
            <FormattedMessage id="activities.page.printAll" />
          </label>
          <label className="mode">
            <input type="radio" name="print-which" value="recorded" checked={printWhich === 'recorded'} onChange={() => setPrintWhich('recorded')} />
            <FormattedMessage id="activities.page.printRecorded" />
          </label>
        </fieldset>
        <button type="button" onClick={() => window.print()}>
          <FormattedMessage id="activities.page.print" />
        </button>
      </div>

      <section aria-labelledby="attendance-title" className="screen-only attendance">
        <h2 id="attendance-title">
          <FormattedMessage id="activities.page.attendance" />
        </h2>
        <p>
          <FormattedMessage id="activities.page.recordedCount" values={{ count: recordedCount }} />
        </p>
        {rows.length === 0 ? (
          <p>
            <FormattedMessage id="activities.page.noParticipants" />
          </p>
        ) : (
          <>
            <label htmlFor="attendance-search">
              <FormattedMessage id="activities.page.search" />
            </label>
            <input id="attendance-search" type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
            <div className="checklist-tools">
              <p id="attendance-shown" className="meta">
                <FormattedMessage id="activities.page.shown" values={{ shown: shown.length, total: rows.length }} />
              </p>
              <div className="actions">
                <button type="button" aria-describedby="attendance-shown" onClick={() => setSelected((s) => selectAll(s, shown))}>
                  <FormattedMessage id="activities.page.selectAll" />
                </button>
                <button type="button" aria-describedby="attendance-shown" onClick={() => setSelected((s) => deselectAll(s, shown))}>
                  <FormattedMessage id="activities.page.deselectAll" />
                </button>
              </div>
            </div>
            <p className="selected-count" role="status">
              <FormattedMessage id="activities.page.selectedCount" values={{ count: pending.length }} />
            </p>
            {shown.length === 0 ? (
              <p>
                <FormattedMessage id="activities.page.noMatch" values={{ query: query.trim() }} />
              </p>
            ) : (
              <ul className="checklist" aria-labelledby="attendance-title">
                {shown.map((r) => (
                  <li key={r.id} className={r.recorded ? 'recorded' : undefined}>
                    <label>
                      <input
                        type="checkbox"
                        checked={r.recorded || selected.has(r.id)}
                        disabled={r.recorded || saving}
                        onChange={(e) => setSelected((s) => toggle(s, r, e.target.checked))}
                      />
                      <span className="person">{name(r)}</span>
                      {r.recorded && (
                        <span className="badge">
                          <FormattedMessage id="activities.page.recorded" />
                        </span>
                      )}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {saveError && (
          <div className="notice" role="alert">
            <p>{saveError.message}</p>
            {saveError.retry && (
              <button type="button" disabled={saving} onClick={() => void save()}>
                <FormattedMessage id="activities.page.retry" />
              </button>
            )}
          </div>
        )}
        {rows.length > 0 && (
          <div className="actions save">
            <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
              <FormattedMessage id={saving ? 'activities.page.saving' : 'activities.page.save'} />
            </button>
          </div>
        )}
      </section>

      <table className="print-only sheet">
        <caption>
          <FormattedMessage id="activities.page.sheetCaption" />
        </caption>
        <thead>
          <tr>
            <th scope="col" className="number">
              <FormattedMessage id="activities.page.sheetNumber" />
            </th>
            <th scope="col">
              <FormattedMessage id="activities.page.sheetName" />
            </th>
            <th scope="col">
              <FormattedMessage id="activities.page.sheetFirstName" />
            </th>
            <th scope="col" className="signature">
              <FormattedMessage id="activities.page.sheetSignature" />
            </th>
          </tr>
        </thead>
        <tbody>
          {sheet.map((r, i) => (
            <tr key={r.id}>
              <td className="number">{i + 1}</td>
              <td>{r.lastName}</td>
              <td>{r.firstName}</td>
              <td className="signature" />
            </tr>
          ))}
          {printWhich === 'recorded' && sheet.length === 0 && (
            <tr>
              <td colSpan={4}>
                <FormattedMessage id="activities.page.sheetEmpty" />
              </td>
            </tr>
          )}
          {printWhich === 'all' &&
            Array.from({ length: BLANK_ROWS }, (_, i) => (
              <tr key={`blank-${i}`} className="blank">
                <td className="number">{sheet.length + i + 1}</td>
                <td />
                <td />
                <td className="signature" />
              </tr>
            ))}
        </tbody>
      </table>
    </article>
  );
}
