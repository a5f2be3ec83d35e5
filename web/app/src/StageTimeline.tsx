// A project's stage history as a timeline: when, what changed (creation, stage, status), and
// the agent's note where the viewer may read it (partners get none: `note` is null for them).
import { FormattedMessage, useIntl } from 'react-intl';
import type { ProjectStatus, Stage } from './gql/graphql';

export interface StageChangeEntry {
  version: number;
  fromStage?: Stage | null;
  toStage: Stage;
  fromStatus?: ProjectStatus | null;
  toStatus: ProjectStatus;
  at: string;
  note?: string | null;
}

/** The section « Historique des étapes »; `withTime` adds the time of day to each date. */
export function StageTimeline({ history, headingId, withTime = false }: { history: StageChangeEntry[]; headingId: string; withTime?: boolean }) {
  const intl = useIntl();
  const stage = (s: Stage | null | undefined) => (s ? intl.formatMessage({ id: `stage.${s}` }) : '');
  const status = (s: ProjectStatus | null | undefined) => (s ? intl.formatMessage({ id: `status.${s}` }) : '');
  const when = new Intl.DateTimeFormat(intl.locale, withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' });
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        <FormattedMessage id="project.history" />
      </h2>
      <ol className="timeline">
        {history.map((h) => (
          <li key={h.version}>
            <time dateTime={h.at}>{when.format(new Date(h.at))}</time>
            <p>
              {h.fromStage == null ? (
                <FormattedMessage id="project.created" values={{ stage: stage(h.toStage) }} />
              ) : h.fromStage !== h.toStage ? (
                <FormattedMessage id="project.stageChange" values={{ from: stage(h.fromStage), to: stage(h.toStage) }} />
              ) : (
                <FormattedMessage id="project.statusChange" values={{ from: status(h.fromStatus), to: status(h.toStatus) }} />
              )}
            </p>
            {h.note && <p className="note">« {h.note} »</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
