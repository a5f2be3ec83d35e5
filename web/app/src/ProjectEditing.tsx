// The project page's editing: its details (name, summary, sector, MRC), its team (add by search,
// remove), its awards (record one) and its enterprise launch. Each change is one mutation; the
// page then shows what the server answered, never an optimistic guess.
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { request } from './api';
import { useModalDialog } from './dialog';
import { loadDraft, clearDraft, saveDraft } from './drafts';
import { errorKey } from './errors';
import { formatDate, formatMoney, parseMoney, today } from './format';
import type { ProjectPageFieldsFragment, Sector } from './gql/graphql';
import { AddMember, FunderPartners, MemberSearch, RecordAward, RemoveMember, UpdateProject } from './operations';
import { Link } from './router';

export type Details = ProjectPageFieldsFragment;

export const SECTORS: Sector[] = [
  'TOURISM', 'CULTURE', 'AGRI_FOOD', 'RETAIL', 'HEALTH', 'LEISURE', 'EDUCATION', 'COMMUNITY_SERVICES', 'COMMUNICATIONS', 'ENVIRONMENT', 'TECHNOLOGY', 'HOUSING', 'OTHER',
];

interface DetailsDraft {
  name: string;
  summary: string;
  sector: Sector | '';
  mrc: string;
}

/** Edits name, summary, sector and MRC; keeps a local draft until saved or cancelled. */
export function EditDetailsDialog({ project, onClose, onSaved }: { project: Details; onClose: () => void; onSaved: (p: Details) => void }) {
  const intl = useIntl();
  const draftId = `project-details:${project.id}`;
  const initial: DetailsDraft = { name: project.name, summary: project.summary ?? '', sector: project.sector ?? '', mrc: project.mrc ?? '' };
  const [form, setForm] = useState<DetailsDraft>(initial);
  const [restored, setRestored] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const modal = useModalDialog();

  useEffect(() => {
    void loadDraft<DetailsDraft>(draftId).then((kept) => {
      if (kept) {
        setForm(kept);
        setRestored(true);
      }
    });
  }, [draftId]);
  const change = (next: DetailsDraft) => {
    setForm(next);
    void saveDraft(draftId, next);
  };
  const cancel = () => {
    void clearDraft(draftId);
    modal.close();
  };

  return (
    <dialog ref={modal.attach} aria-labelledby="edit-title" onClose={onClose} onCancel={(e) => (e.preventDefault(), cancel())}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!form.name.trim()) {
            setError(intl.formatMessage({ id: 'projectEditing.nameRequired' }));
            return;
          }
          setBusy(true);
          try {
            const input = {
              projectId: project.id,
              name: form.name.trim(),
              summary: form.summary.trim() || null,
              mrc: form.mrc.trim() || null,
              ...(form.sector ? { sector: form.sector } : {}),
            };
            const { updateProject } = await request(UpdateProject, { input });
            await clearDraft(draftId);
            onSaved(updateProject.project);
            modal.close();
          } catch (failure) {
            setError(intl.formatMessage({ id: errorKey(failure) }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id="edit-title">
          <FormattedMessage id="projectEditing.edit.title" values={{ name: project.name }} />
        </h2>
        {restored && (
          <p className="hint">
            <FormattedMessage id="projectEditing.draftRestored" />
          </p>
        )}
        <label htmlFor="edit-name">
          <FormattedMessage id="projectEditing.name" />
        </label>
        <input id="edit-name" required maxLength={200} value={form.name} onChange={(e) => change({ ...form, name: e.target.value })} />
        <label htmlFor="edit-summary">
          <FormattedMessage id="projectEditing.summary" />
        </label>
        <textarea id="edit-summary" rows={4} maxLength={2000} value={form.summary} onChange={(e) => change({ ...form, summary: e.target.value })} />
        <label htmlFor="edit-sector">
          <FormattedMessage id="projectEditing.sector" />
        </label>
        <select id="edit-sector" value={form.sector} onChange={(e) => change({ ...form, sector: e.target.value as Sector | '' })}>
          <option value="" disabled={project.sector != null}>
            {intl.formatMessage({ id: 'projectEditing.sector.none' })}
          </option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {intl.formatMessage({ id: `sector.${s}` })}
            </option>
          ))}
        </select>
        <label htmlFor="edit-mrc">
          <FormattedMessage id="projectEditing.mrc" />
        </label>
        <input id="edit-mrc" maxLength={100} value={form.mrc} onChange={(e) => change({ ...form, mrc: e.target.value })} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            <FormattedMessage id="projectEditing.save" />
          </button>
          <button type="button" onClick={cancel}>
            <FormattedMessage id="action.cancel" />
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The team: each member with a « Retirer » button, and a search that adds one. */
export function TeamSection({ project, onChanged }: { project: Details; onChanged: (p: Details) => void }) {
  const intl = useIntl();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<{ id: string; firstName: string; lastName: string; birthYear?: number | null }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const members = new Set(project.team.map((m) => m.id));

  useEffect(() => {
    const words = search.trim();
    if (words.length < 2) {
      setFound(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      request(MemberSearch, { search: words.slice(0, 200), regionId: project.region.id })
        .then((r) => live && setFound(r.participants.nodes))
        .catch((e) => live && setError(intl.formatMessage({ id: errorKey(e) })));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search, project.region.id, intl]);

  const change = async (participantId: string, add: boolean, name: string) => {
    setError(null);
    try {
      const input = { projectId: project.id, participantId };
      const p = add ? (await request(AddMember, { input })).addProjectMember.project : (await request(RemoveMember, { input })).removeProjectMember.project;
      onChanged(p);
      if (add) setSearch('');
      setStatus(intl.formatMessage({ id: add ? 'projectEditing.team.added' : 'projectEditing.team.removed' }, { name }));
    } catch (failure) {
      setError(intl.formatMessage({ id: errorKey(failure) }));
    }
  };

  return (
    <section aria-labelledby="team-title">
      <h2 id="team-title">
        <FormattedMessage id="projectEditing.team.title" values={{ count: project.team.length }} />
      </h2>
      {project.team.length === 0 ? (
        <p>
          <FormattedMessage id="projectEditing.team.empty" />
        </p>
      ) : (
        <ul className="plain-list">
          {project.team.map((m) => {
            const name = `${m.firstName} ${m.lastName}`;
            return (
              <li key={m.id} className="member">
                <Link to={`/participants/${encodeURIComponent(m.id)}`}>{name}</Link>
                <button type="button" onClick={() => void change(m.id, false, name)} aria-label={intl.formatMessage({ id: 'projectEditing.team.removeLabel' }, { name })}>
                  <FormattedMessage id="projectEditing.team.remove" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="team-add">
        <label htmlFor="team-search">
          <FormattedMessage id="projectEditing.team.search" />
        </label>
        <input id="team-search" type="search" autoComplete="off" value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby="team-search-hint" />
        <p id="team-search-hint" className="hint">
          <FormattedMessage id="projectEditing.team.searchHint" />
        </p>
      </div>
      {found && (
        <ul className="plain-list" aria-label={intl.formatMessage({ id: 'projectEditing.team.results' })}>
          {found.length === 0 && (
            <li>
              <FormattedMessage id="projectEditing.team.noResult" />
            </li>
          )}
          {found.map((p) => {
            const name = `${p.firstName} ${p.lastName}`;
            return (
              <li key={p.id} className="member">
                <span>
                  {name}
                  {p.birthYear ? ` (${p.birthYear})` : ''}
                </span>
                {members.has(p.id) ? (
                  <span className="meta">
                    <FormattedMessage id="projectEditing.team.already" />
                  </span>
                ) : (
                  <button type="button" onClick={() => void change(p.id, true, name)} aria-label={intl.formatMessage({ id: 'projectEditing.team.addLabel' }, { name })}>
                    <FormattedMessage id="projectEditing.team.add" />
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className="announcer">
        {status}
      </p>
    </section>
  );
}

/** The awards: the list, and a form to record one (idempotency key made when it opens). */
export function AwardsSection({ project, onChanged }: { project: Details; onChanged: () => void }) {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="awards-title">
      <h2 id="awards-title">
        <FormattedMessage id="projectEditing.awards.title" values={{ count: project.awards.length }} />
      </h2>
      {project.awards.length === 0 ? (
        <p>
          <FormattedMessage id="projectEditing.awards.empty" />
        </p>
      ) : (
        <ul className="plain-list">
          {project.awards.map((a) => (
            <li key={a.id}>
              <FormattedMessage
                id="projectEditing.awards.item"
                values={{ amount: formatMoney(a.amountCents, intl.locale), funder: a.funder.name, date: formatDate(a.awardedOn, intl.locale) }}
              />
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => setOpen(true)}>
        <FormattedMessage id="projectEditing.awards.record" />
      </button>
      {open && (
        <AwardDialog
          project={project}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function AwardDialog({ project, onClose, onSaved }: { project: Details; onClose: () => void; onSaved: () => void }) {
  const intl = useIntl();
  const modal = useModalDialog();
  // Made when the form opens: a retry after a lost answer records the award once.
  const [key] = useState(() => crypto.randomUUID());
  const [funders, setFunders] = useState<{ id: string; name: string }[] | null>(null);
  const [funder, setFunder] = useState('');
  const [amount, setAmount] = useState('');
  const [awardedOn, setAwardedOn] = useState(today());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    request(FunderPartners, {})
      .then((r) => {
        const list = r.partners.nodes.filter((p) => p.kind === 'FUNDER');
        setFunders(list);
        setFunder((f) => f || list[0]?.id || '');
      })
      .catch((e) => setError(intl.formatMessage({ id: errorKey(e) })));
  }, [intl]);

  return (
    <dialog ref={modal.attach} aria-labelledby="award-title" onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const cents = parseMoney(amount);
          if (cents === null || cents < 1 || cents > 100_000_000) {
            setError(intl.formatMessage({ id: 'projectEditing.awards.badAmount' }));
            return;
          }
          setBusy(true);
          try {
            await request(RecordAward, { input: { projectId: project.id, funderPartnerId: funder, amountCents: cents, awardedOn, idempotencyKey: key } });
            onSaved();
          } catch (failure) {
            setError(intl.formatMessage({ id: errorKey(failure) }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id="award-title">
          <FormattedMessage id="projectEditing.awards.dialogTitle" values={{ name: project.name }} />
        </h2>
        <label htmlFor="award-funder">
          <FormattedMessage id="projectEditing.awards.funder" />
        </label>
        <select id="award-funder" required value={funder} onChange={(e) => setFunder(e.target.value)}>
          {(funders ?? []).map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        {funders && funders.length === 0 && (
          <p className="hint">
            <FormattedMessage id="projectEditing.awards.noFunder" />
          </p>
        )}
        <label htmlFor="award-amount">
          <FormattedMessage id="projectEditing.awards.amount" />
        </label>
        <input id="award-amount" required inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-describedby="award-amount-hint" />
        <p id="award-amount-hint" className="hint">
          <FormattedMessage id="projectEditing.awards.amountHint" />
        </p>
        <label htmlFor="award-date">
          <FormattedMessage id="projectEditing.awards.date" />
        </label>
        <input id="award-date" type="date" required max={today()} value={awardedOn} onChange={(e) => setAwardedOn(e.target.value)} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !funder}>
            <FormattedMessage id="projectEditing.save" />
          </button>
          <button type="button" onClick={() => modal.close()}>
            <FormattedMessage id="action.cancel" />
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** The enterprise launch, once recorded. */
export function LaunchSection({ project }: { project: Details }) {
  const intl = useIntl();
  const launch = project.enterpriseLaunch;
  if (!launch) return null;
  return (
    <section aria-labelledby="launch-title">
      <h2 id="launch-title">
        <FormattedMessage id="projectEditing.launch.title" />
      </h2>
      <dl className="facts">
        <dt>
          <FormattedMessage id="action.launch.legalName" />
        </dt>
        <dd>{launch.legalName}</dd>
        <dt>
          <FormattedMessage id="action.launch.legalForm" />
        </dt>
        <dd>{intl.formatMessage({ id: `legalForm.${launch.legalForm}` })}</dd>
        <dt>
          <FormattedMessage id="action.launch.date" />
        </dt>
        <dd>{formatDate(launch.launchedOn, intl.locale)}</dd>
        {launch.neq && (
          <>
            <dt>
              <FormattedMessage id="projectEditing.launch.neq" />
            </dt>
            <dd>{launch.neq}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
