import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { request } from './api';
import { errorKey } from './errors';
import type { NeedingAttentionQuery } from './gql/graphql';
import { NeedingAttention } from './operations';
import { Link } from './router';

type Row = NeedingAttentionQuery['projectsNeedingAttention'][number];

/** Projects needing attention: the filter is the API's (projectsNeedingAttention). */
export function AttentionPage() {
  const intl = useIntl();
  const [quietDays, setQuietDays] = useState(30);
  const [onHoldDays, setOnHoldDays] = useState(60);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      request(NeedingAttention, { quietDays: Math.min(Math.max(quietDays, 1), 3650), onHoldDays: Math.min(Math.max(onHoldDays, 1), 3650) })
        .then((r) => live && (setRows(r.projectsNeedingAttention), setError(null)))
        .catch((e) => live && setError(intl.formatMessage({ id: errorKey(e) })));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [quietDays, onHoldDays, intl]);

  return (
    <section aria-labelledby="attention-title">
      <h1 id="attention-title">
        <FormattedMessage id="attention.title" />
      </h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="quiet-days">
            <FormattedMessage id="attention.quietDays" />
          </label>
          <input id="quiet-days" type="number" min={1} max={3650} value={quietDays} onChange={(e) => setQuietDays(Number(e.target.value) || 1)} />
        </div>
        <div>
          <label htmlFor="hold-days">
            <FormattedMessage id="attention.onHoldDays" />
          </label>
          <input id="hold-days" type="number" min={1} max={3650} value={onHoldDays} onChange={(e) => setOnHoldDays(Number(e.target.value) || 1)} />
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {rows === null ? (
        <p role="status">
          <FormattedMessage id="loading" />
        </p>
      ) : rows.length === 0 ? (
        <p>
          <FormattedMessage id="attention.none" />
        </p>
      ) : (
        <ul className="cards attention">
          {rows.map((r) => (
            <li key={r.project.id} className="card stale">
              <h2 className="card-title">
                <Link to={`/projets/${encodeURIComponent(r.project.id)}`}>{r.project.name}</Link>
              </h2>
              <p className="meta">
                <FormattedMessage id={`stage.${r.project.stage}`} /> · <FormattedMessage id={`status.${r.project.status}`} />
              </p>
              <ul>
                {r.reasons.map((reason) => (
                  <li key={reason}>
                    <FormattedMessage
                      id={`attention.${reason}`}
                      values={{
                        days: reason === 'ON_HOLD_TOO_LONG' ? (r.daysOnHold ?? 0) : reason === 'LONG_STAY_IN_STAGE' ? r.daysInStage : r.daysWithoutFollowUp,
                        median: r.cohortMedianDaysInStage ?? 0,
                      }}
                    />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
