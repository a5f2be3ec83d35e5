import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useModalDialog } from './dialog';
import { request } from './api';
import type { Project } from './App';
import { codeOf, errorDetail, errorKey } from './errors';
import { daysBetween, formatDate, STALE_AFTER_DAYS, today } from './format';
import type { LegalForm, ProjectStatus, Stage } from './gql/graphql';
import { LiveMark } from './LiveMark';
import { Link } from './router';
import { AdvanceProject, CurrentProject, MoveProject, RecordLaunch, SetStatus } from './operations';

const STAGES: Stage[] = ['REVELATION', 'IDEATION', 'PROTOTYPING'];
const OUTCOMES: ProjectStatus[] = ['LAUNCHED', 'ON_HOLD', 'ABANDONED', 'REFERRED_OUT'];
const SETTABLE: ProjectStatus[] = ['ACTIVE', 'ON_HOLD', 'ABANDONED', 'REFERRED_OUT'];

type Action =
  | { kind: 'advance' }
  | { kind: 'move'; toStage: Stage; note: string }
  | { kind: 'status'; status: ProjectStatus; note: string }
  | { kind: 'launch'; legalName: string; legalForm: LegalForm; launchedOn: string };

/** What a card says after a failed change: the message, and for a CONFLICT the retry. */
interface Notice {
  message: string;
  detail?: string;
  retry?: Action;
}

interface BoardProps {
  projects: Project[] | null;
  loadError: string | null;
  reload: () => Promise<void>;
  replaceProject: (p: Project) => void;
  announce: (message: string) => void;
}

export function Board({ projects, loadError, reload, replaceProject, announce }: BoardProps) {
  const intl = useIntl();
  const [notices, setNotices] = useState<Record<string, Notice>>({});
  const [dialog, setDialog] = useState<{ project: Project; kind: 'move' | 'status' | 'launch' } | null>(null);
  const [filters, setFilters] = useState({ text: '', partner: '', cohort: '', status: '', mrc: '' });

  const setNotice = (id: string, notice: Notice | null) =>
    setNotices((all) => {
      const next = { ...all };
      if (notice) next[id] = notice;
      else delete next[id];
      return next;
    });

  /** Runs a change on the project's version; a CONFLICT reloads it and offers a retry. */
  const act = async (project: Project, action: Action): Promise<boolean> => {
    const base = { projectId: project.id, expectedVersion: project.version };
    try {
      let updated: Project;
      if (action.kind === 'advance') {
        updated = (await request(AdvanceProject, { input: base })).advanceProjectStage.project;
        announce(intl.formatMessage({ id: 'action.advanced' }, { name: updated.name, stage: intl.formatMessage({ id: `stage.${updated.stage}` }) }));
      } else if (action.kind === 'move') {
        updated = (await request(MoveProject, { input: { ...base, toStage: action.toStage, note: action.note } })).moveProjectStage.project;
        announce(intl.formatMessage({ id: 'action.moved' }, { name: updated.name, stage: intl.formatMessage({ id: `stage.${updated.stage}` }) }));
      } else if (action.kind === 'launch') {
        const input = { ...base, legalName: action.legalName, legalForm: action.legalForm, launchedOn: action.launchedOn };
        updated = (await request(RecordLaunch, { input })).recordEnterpriseLaunch.project;
        announce(intl.formatMessage({ id: 'action.launched' }, { name: updated.name }));
      } else {
        updated = (await request(SetStatus, { input: { ...base, status: action.status, note: action.note } })).setProjectStatus.project;
        announce(intl.formatMessage({ id: 'action.statusSet' }, { name: updated.name, status: intl.formatMessage({ id: `status.${updated.status}` }) }));
      }
      replaceProject(updated);
      setNotice(project.id, null);
      return true;
    } catch (error) {
      if (codeOf(error) === 'CONFLICT') {
        const current = await request(CurrentProject, { id: project.id }).then((r) => r.project).catch(() => null);
        if (current) {
          replaceProject(current);
          setNotice(project.id, {
            message: intl.formatMessage({ id: 'error.CONFLICT' }),
            detail: intl.formatMessage(
              { id: 'conflict.now' },
              {
                before: project.version,
                beforeStage: intl.formatMessage({ id: `stage.${project.stage}` }),
                beforeStatus: intl.formatMessage({ id: `status.${project.status}` }),
                stage: intl.formatMessage({ id: `stage.${current.stage}` }),
                status: intl.formatMessage({ id: `status.${current.status}` }),
                version: current.version,
              },
            ),
            retry: action,
          });
          return false;
        }
      }
      setNotice(project.id, {
        message: intl.formatMessage({ id: errorKey(error) }),
        detail: errorDetail(intl, error) ?? undefined,
      });
      return false;
    }
  };

  if (loadError && !projects) {
    return (
      <section aria-labelledby="board-title">
        <h1 id="board-title">
          <FormattedMessage id="board.title" />
        </h1>
        <p role="alert" className="error">
          {loadError}
        </p>
        <button type="button" onClick={() => void reload()}>
          <FormattedMessage id="board.reload" />
        </button>
      </section>
    );
  }
  if (!projects) {
    return (
      <p role="status">
        <FormattedMessage id="loading" />
      </p>
    );
  }

  const partners = unique(projects.map((p) => p.originPartner).filter((x): x is { id: string; name: string } => x !== null));
  const cohorts = unique(projects.map((p) => p.cohort));
  const mrcs = [...new Set(projects.map((p) => p.mrc).filter((m): m is string => !!m))].sort((a, b) => a.localeCompare(b, 'fr-CA'));
  const needle = fold(filters.text.trim());
  const shown = projects.filter(
    (p) =>
      (!needle || fold(p.name).includes(needle) || fold(p.originPartner?.name ?? '').includes(needle)) &&
      (!filters.partner || (filters.partner === 'none' ? !p.originPartner : p.originPartner?.id === filters.partner)) &&
      (!filters.cohort || p.cohort.id === filters.cohort) &&
      (!filters.status || p.status === filters.status) &&
      (!filters.mrc || (filters.mrc === 'none' ? !p.mrc : p.mrc === filters.mrc)),
  );
  const active = shown.filter((p) => p.status === 'ACTIVE');
  const card = (p: Project) => (
    <Card
      key={p.id}
      project={p}
      notice={notices[p.id]}
      onAdvance={() => void act(p, { kind: 'advance' })}
      onMoveBack={() => setDialog({ project: p, kind: 'move' })}
      onStatus={() => setDialog({ project: p, kind: 'status' })}
      onLaunch={() => setDialog({ project: p, kind: 'launch' })}
      onRetry={(action) => void act(projects.find((x) => x.id === p.id) ?? p, action)}
      onDismiss={() => setNotice(p.id, null)}
    />
  );
  return (
    <section aria-labelledby="board-title">
      <div className="board-head">
        <h1 id="board-title">
          <FormattedMessage id="board.title" />
        </h1>
        <span role="status">
          {shown.length === projects.length ? (
            <FormattedMessage id="board.count" values={{ count: projects.length }} />
          ) : (
            <FormattedMessage id="board.countFiltered" values={{ count: shown.length, total: projects.length }} />
          )}
        </span>
        <LiveMark />
        <button type="button" onClick={() => void reload()}>
          <FormattedMessage id="board.reload" />
        </button>
      </div>
      {loadError && (
        <p role="alert" className="error">
          {loadError}
        </p>
      )}
      <form className="filters" role="search" aria-label={intl.formatMessage({ id: 'filters.label' })} onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="filter-text">
            <FormattedMessage id="filters.text" />
          </label>
          <input id="filter-text" type="search" value={filters.text} onChange={(e) => setFilters({ ...filters, text: e.target.value })} />
        </div>
        <div>
          <label htmlFor="filter-partner">
            <FormattedMessage id="filters.partner" />
          </label>
          <select id="filter-partner" value={filters.partner} onChange={(e) => setFilters({ ...filters, partner: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'filters.all' })}</option>
            <option value="none">{intl.formatMessage({ id: 'card.noOrigin' })}</option>
            {partners.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-status">
            <FormattedMessage id="filters.status" />
          </label>
          <select id="filter-status" value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value })}>
            <option value="">{intl.formatMessage({ id: 'filters.all' })}</option>
            {(['ACTIVE', ...OUTCOMES] as ProjectStatus[]).map((s) => (
              <option key={s} value={s}>
                {intl.formatMessage({ id: `status.${s}` })}
              </option>
            ))}
          </select>
        </div>
        {mrcs.length > 0 && (
          <div>
            <label htmlFor="filter-mrc">
              <FormattedMessage id="filters.mrc" />
            </label>
            <select id="filter-mrc" value={filters.mrc} onChange={(e) => setFilters({ ...filters, mrc: e.target.value })}>
              <option value="">{intl.formatMessage({ id: 'filters.all' })}</option>
              <option value="none">{intl.formatMessage({ id: 'filters.noMrc' })}</option>
              {mrcs.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
        )}
        {cohorts.length > 1 && (
          <div>
            <label htmlFor="filter-cohort">
              <FormattedMessage id="filters.cohort" />
            </label>
            <select id="filter-cohort" value={filters.cohort} onChange={(e) => setFilters({ ...filters, cohort: e.target.value })}>
              <option value="">{intl.formatMessage({ id: 'filters.all' })}</option>
              {cohorts.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      <div className="board">
        {STAGES.map((stage) => {
          const list = active.filter((p) => p.stage === stage);
          return (
            <section key={stage} className="column" aria-labelledby={`col-${stage}`}>
              <h2 id={`col-${stage}`}>
                <FormattedMessage id={`stage.${stage}`} /> <span className="count">({list.length})</span>
              </h2>
              {list.length === 0 ? (
                <p className="empty">
                  <FormattedMessage id="board.emptyColumn" />
                </p>
              ) : (
                <ul className="cards">{list.map(card)}</ul>
              )}
            </section>
          );
        })}
        <section className="column outcomes" aria-labelledby="col-outcomes">
          <h2 id="col-outcomes">
            <FormattedMessage id="board.outcomes" />
          </h2>
          {OUTCOMES.map((status) => {
            const list = shown.filter((p) => p.status === status);
            return (
              <section key={status} aria-labelledby={`out-${status}`}>
                <h3 id={`out-${status}`}>
                  <FormattedMessage id={`status.${status}`} /> <span className="count">({list.length})</span>
                </h3>
                {list.length > 0 && <ul className="cards">{list.map(card)}</ul>}
              </section>
            );
          })}
        </section>
      </div>
      {dialog && (
        <ChangeDialog
          project={dialog.project}
          kind={dialog.kind}
          onClose={() => setDialog(null)}
          onSubmit={async (action) => {
            const ok = await act(dialog.project, action);
            setDialog(null);
            return ok;
          }}
        />
      )}
    </section>
  );
}

/** Text for an accent- and case-insensitive match (« Épicerie » finds « epicerie »). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr-CA');
}

function unique<T extends { id: string; name: string }>(items: T[]): T[] {
  const seen = new Map(items.map((x) => [x.id, x]));
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr-CA'));
}

interface CardProps {
  project: Project;
  notice: Notice | undefined;
  onAdvance: () => void;
  onMoveBack: () => void;
  onStatus: () => void;
  onLaunch: () => void;
  onRetry: (action: Action) => void;
  onDismiss: () => void;
}

function Card({ project: p, notice, onAdvance, onMoveBack, onStatus, onLaunch, onRetry, onDismiss }: CardProps) {
  const intl = useIntl();
  const now = today();
  const days = p.lastFollowUpOn ? daysBetween(p.lastFollowUpOn, now) : daysBetween(p.createdAt.slice(0, 10), now);
  // Only an open project (active or on hold) can be waiting for a follow-up.
  const stale = (p.status === 'ACTIVE' || p.status === 'ON_HOLD') && days > STALE_AFTER_DAYS;
  const next = STAGES[STAGES.indexOf(p.stage) + 1];
  const titleId = `card-${p.id}`;
  return (
    <li className={`card${stale ? ' stale' : ''}`} aria-labelledby={titleId}>
      <h3 className="card-title" id={titleId}>
        <Link to={`/projets/${encodeURIComponent(p.id)}`}>{p.name}</Link>
      </h3>
      {p.status !== 'ACTIVE' && (
        <p className="meta">
          <FormattedMessage id={`stage.${p.stage}`} />
        </p>
      )}
      <p className="meta">{p.originPartner ? <FormattedMessage id="card.origin" values={{ name: p.originPartner.name }} /> : <FormattedMessage id="card.noOrigin" />}</p>
      <p className="meta followup">
        {stale && (
          <strong className="badge">
            <span aria-hidden="true">⚠ </span>
            <FormattedMessage id="card.stale" />
          </strong>
        )}{' '}
        {p.lastFollowUpOn ? (
          <>
            <FormattedMessage id="card.lastFollowUp" values={{ days }} /> (<FormattedMessage id="card.lastFollowUpOn" values={{ date: formatDate(p.lastFollowUpOn, intl.locale) }} />)
          </>
        ) : (
          <FormattedMessage id="card.never" values={{ days }} />
        )}
      </p>
      {notice && (
        <div className="notice" role="alert">
          <p>{notice.message}</p>
          {notice.detail && <p>{notice.detail}</p>}
          <div className="actions">
            {notice.retry && (
              <button type="button" className="primary" onClick={() => onRetry(notice.retry!)}>
                <FormattedMessage id="conflict.retry" />
              </button>
            )}
            <button type="button" onClick={onDismiss}>
              <FormattedMessage id="conflict.dismiss" />
            </button>
          </div>
        </div>
      )}
      {p.status !== 'LAUNCHED' && (
        <div className="actions" role="group" aria-label={intl.formatMessage({ id: 'card.actionsFor' }, { name: p.name })}>
          {p.status === 'ACTIVE' && next && (
            <button type="button" onClick={onAdvance}>
              <FormattedMessage id="card.advance" values={{ stage: intl.formatMessage({ id: `stage.${next}` }) }} />
            </button>
          )}
          {p.status === 'ACTIVE' && p.stage !== 'REVELATION' && (
            <button type="button" onClick={onMoveBack}>
              <FormattedMessage id="card.moveBack" />
            </button>
          )}
          {p.status === 'ACTIVE' && p.stage === 'PROTOTYPING' && (
            <button type="button" onClick={onLaunch}>
              <FormattedMessage id="card.launch" />
            </button>
          )}
          <button type="button" onClick={onStatus}>
            <FormattedMessage id="card.setStatus" />
          </button>
        </div>
      )}
    </li>
  );
}

function ChangeDialog({ project, kind, onClose, onSubmit }: { project: Project; kind: 'move' | 'status' | 'launch'; onClose: () => void; onSubmit: (a: Action) => Promise<boolean> }) {
  const intl = useIntl();
  const modal = useModalDialog();
  const earlier = STAGES.slice(0, STAGES.indexOf(project.stage));
  const [toStage, setToStage] = useState<Stage>(earlier[earlier.length - 1] ?? 'REVELATION');
  const [status, setStatus] = useState<ProjectStatus>(SETTABLE.find((s) => s !== project.status) ?? 'ON_HOLD');
  const [note, setNote] = useState('');
  const [legalName, setLegalName] = useState(project.name);
  const [legalForm, setLegalForm] = useState<LegalForm>('COOPERATIVE');
  const [launchedOn, setLaunchedOn] = useState(today());
  const [error, setError] = useState<string | null>(null);
  return (
    <dialog ref={modal.attach} aria-labelledby="change-title" onClose={onClose} onCancel={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (kind === 'launch') {
            if (!legalName.trim()) return;
            await onSubmit({ kind: 'launch', legalName: legalName.trim(), legalForm, launchedOn });
            return;
          }
          if (!note.trim()) {
            setError(intl.formatMessage({ id: 'action.noteRequired' }));
            return;
          }
          await onSubmit(kind === 'move' ? { kind: 'move', toStage, note: note.trim() } : { kind: 'status', status, note: note.trim() });
        }}
      >
        <h2 id="change-title">
          <FormattedMessage id={kind === 'move' ? 'action.moveBack.title' : kind === 'launch' ? 'action.launch.title' : 'action.setStatus.title'} values={{ name: project.name }} />
        </h2>
        {kind === 'launch' ? (
          <>
            <label htmlFor="launch-name">
              <FormattedMessage id="action.launch.legalName" />
            </label>
            <input id="launch-name" required value={legalName} onChange={(e) => setLegalName(e.target.value)} />
            <label htmlFor="launch-form">
              <FormattedMessage id="action.launch.legalForm" />
            </label>
            <select id="launch-form" value={legalForm} onChange={(e) => setLegalForm(e.target.value as LegalForm)}>
              <option value="COOPERATIVE">{intl.formatMessage({ id: 'legalForm.COOPERATIVE' })}</option>
              <option value="NONPROFIT">{intl.formatMessage({ id: 'legalForm.NONPROFIT' })}</option>
            </select>
            <label htmlFor="launch-date">
              <FormattedMessage id="action.launch.date" />
            </label>
            <input id="launch-date" type="date" required max={today()} value={launchedOn} onChange={(e) => setLaunchedOn(e.target.value)} />
          </>
        ) : kind === 'move' ? (
          <>
            <label htmlFor="change-stage">
              <FormattedMessage id="action.toStage" />
            </label>
            <select id="change-stage" value={toStage} onChange={(e) => setToStage(e.target.value as Stage)}>
              {earlier.map((s) => (
                <option key={s} value={s}>
                  {intl.formatMessage({ id: `stage.${s}` })}
                </option>
              ))}
            </select>
          </>
        ) : (
          <>
            <label htmlFor="change-status">
              <FormattedMessage id="action.status" />
            </label>
            <select id="change-status" value={status} onChange={(e) => setStatus(e.target.value as ProjectStatus)}>
              {SETTABLE.filter((s) => s !== project.status).map((s) => (
                <option key={s} value={s}>
                  {intl.formatMessage({ id: `status.${s}` })}
                </option>
              ))}
            </select>
          </>
        )}
        {kind !== 'launch' && (
          <>
            <label htmlFor="change-note">
              <FormattedMessage id="action.note" />
            </label>
            <textarea id="change-note" required rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={error ? 'change-error' : undefined} />
          </>
        )}
        {error && (
          <p id="change-error" role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            <FormattedMessage id="action.confirm" />
          </button>
          <button type="button" onClick={modal.close}>
            <FormattedMessage id="action.cancel" />
          </button>
        </div>
      </form>
    </dialog>
  );
}
