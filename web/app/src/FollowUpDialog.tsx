import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useModalDialog } from './dialog';
import { request, RETRYABLE } from './api';
import type { Project } from './App';
import { codeOf, errorKey, errorText } from './errors';
import { today } from './format';
import type { FollowUpMode } from './gql/graphql';
import { FollowUpPartners, LogFollowUp } from './operations';
import { enqueue, type FollowUpDraft, type QueueStore } from './queue';

const MODES: FollowUpMode[] = ['IN_PERSON', 'VIRTUAL', 'PHONE', 'EMAIL'];

/** How the form opens: its idempotency key (made when it opens), and a draft to correct. */
export interface FollowUpOpening {
  key: string;
  draft?: FollowUpDraft;
  /** The queue item this corrects (removed once the correction is sent or queued). */
  replaces?: string;
  /** Whether this is a draft kept from before a reload. */
  restored?: boolean;
}

/** The input's target: a project, or a partner (and, from an admin, the region). */
export function followUpTarget(draft: FollowUpDraft): { projectId: string | null; partnerId: string | null; regionId: string | null } {
  if (draft.projectId) return { projectId: draft.projectId, partnerId: null, regionId: null };
  return { projectId: null, partnerId: draft.partnerId ?? null, regionId: draft.regionId ?? null };
}

interface Props {
  opening: FollowUpOpening;
  projects: Project[];
  /** The signed-in agent's region (null for an admin, who then chooses one for a partner follow-up). */
  regionId: string | null;
  store: QueueStore;
  /** Where the open form's draft is kept (one item), so that a reload loses nothing. */
  drafts: QueueStore;
  onClose: () => void;
  onSaved: (project: Project | null, message: string) => void;
}

export function FollowUpDialog({ opening, projects, regionId, store, drafts, onClose, onSaved }: Props) {
  const intl = useIntl();
  const modal = useModalDialog();
  const d = opening.draft;
  const [about, setAbout] = useState<'project' | 'partner'>(d && !d.projectId && d.partnerId ? 'partner' : 'project');
  const [projectId, setProjectId] = useState(d?.projectId ?? '');
  const [partnerId, setPartnerId] = useState(d?.partnerId ?? '');
  const [region, setRegion] = useState(d?.regionId ?? regionId ?? '');
  const [partners, setPartners] = useState<{ id: string; name: string }[] | null>(null);
  const [regions, setRegions] = useState<{ id: string; name: string }[]>([]);
  const [occurredOn, setOccurredOn] = useState(d?.occurredOn ?? today());
  const [mode, setMode] = useState<FollowUpMode>(d?.mode ?? 'IN_PERSON');
  const [quarters, setQuarters] = useState(d?.durationMinutes ? Math.round(d.durationMinutes / 15) : 2);
  const [summary, setSummary] = useState(d?.summary ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const done = useRef(false);
  const pendingSave = useRef<Promise<void>>(Promise.resolve());

  // Keeps the form as a local draft while it is open (with its idempotency key); dropped once
  // the follow-up is saved or queued, or the form is closed on purpose.
  useEffect(() => {
    if (done.current) return;
    const timer = setTimeout(() => {
      const draft: FollowUpDraft = { ...target(), occurredOn, mode, durationMinutes: quarters * 15 || null, summary };
      const saving = drafts.all().then(async (old) => {
        for (const item of old) if (item.key !== opening.key) await drafts.remove(item.key);
        // A draft is stored as a queue item; its `code` holds the queue item it corrects, if any.
        if (!done.current) await drafts.put({ key: opening.key, draft, state: 'pending', queuedAt: new Date().toISOString(), ...(opening.replaces ? { code: opening.replaces } : {}) });
      });
      pendingSave.current = saving;
    }, 250);
    return () => clearTimeout(timer);
  }, [about, projectId, partnerId, region, occurredOn, mode, quarters, summary, drafts, opening, projects, d]);

  // The partners (and, for an admin, the regions) once a partner follow-up is chosen.
  useEffect(() => {
    if (about !== 'partner' || partners) return;
    request(FollowUpPartners, {})
      .then((r) => {
        setPartners(r.partners.nodes);
        setRegions(r.regions);
      })
      .catch((e) => setError(intl.formatMessage({ id: errorKey(e) })));
  }, [about, partners, intl]);

  /** The follow-up's target as the draft keeps it. */
  function target(): Pick<FollowUpDraft, 'projectId' | 'projectName' | 'partnerId' | 'partnerName' | 'regionId'> {
    if (about === 'project') return { projectId, projectName: projects.find((p) => p.id === projectId)?.name ?? d?.projectName ?? '' };
    const partnerName = partners?.find((p) => p.id === partnerId)?.name ?? d?.partnerName ?? '';
    return { projectId: '', projectName: '', partnerId, partnerName, ...(regionId ? {} : { regionId: region }) };
  }

  const finish = async () => {
    done.current = true;
    // A save already under way would otherwise write the draft back after it is removed.
    await pendingSave.current.catch(() => {});
    for (const item of await drafts.all()) await drafts.remove(item.key);
  };
  const close = () => {
    void finish();
    modal.close();
  };
  const open_projects = projects.filter((p) => p.status === 'ACTIVE' || p.status === 'ON_HOLD' || p.id === projectId);

  const submit = async () => {
    const missingTarget = about === 'project' ? !projectId : !partnerId || (!regionId && !region);
    if (missingTarget || !summary.trim()) {
      setError(intl.formatMessage({ id: about === 'project' ? 'followup.required' : 'followup.requiredPartner' }));
      return;
    }
    const draft: FollowUpDraft = {
      ...target(),
      occurredOn,
      mode,
      durationMinutes: quarters > 0 ? quarters * 15 : null,
      summary: summary.trim(),
    };
    setBusy(true);
    setError(null);
    try {
      const answer = await request(LogFollowUp, {
        input: { ...followUpTarget(draft), occurredOn, mode, summary: draft.summary, durationMinutes: draft.durationMinutes, idempotencyKey: opening.key },
      });
      if (opening.replaces) await store.remove(opening.replaces);
      await finish();
      onSaved(answer.logFollowUp.followUp.project ?? null, intl.formatMessage({ id: 'followup.saved' }, { name: draft.projectName || draft.partnerName }));
      close();
    } catch (failure) {
      const code = codeOf(failure);
      if (RETRYABLE.has(code)) {
        if (opening.replaces && opening.replaces !== opening.key) await store.remove(opening.replaces);
        await enqueue(store, opening.key, draft);
        await finish();
        onSaved(null, intl.formatMessage({ id: 'followup.queued' }));
        close();
      } else {
        setError(errorText(intl, failure, errorKey(failure, 'followUp')));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={modal.attach} className="followup" aria-labelledby="fu-title" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="fu-title">
          <FormattedMessage id="followup.title" />
        </h2>
        {opening.restored && (
          <p className="restored">
            <FormattedMessage id="followup.restored" />
          </p>
        )}
        <fieldset>
          <legend>
            <FormattedMessage id="followup.about" />
          </legend>
          <div className="modes">
            <label className="mode">
              <input type="radio" name="fu-about" value="project" checked={about === 'project'} onChange={() => setAbout('project')} />
              <FormattedMessage id="followup.aboutProject" />
            </label>
            <label className="mode">
              <input type="radio" name="fu-about" value="partner" checked={about === 'partner'} onChange={() => setAbout('partner')} />
              <FormattedMessage id="followup.aboutPartner" />
            </label>
          </div>
        </fieldset>
        {about === 'project' ? (
          <>
            <label htmlFor="fu-project">
              <FormattedMessage id="followup.project" />
            </label>
            <select id="fu-project" required value={projectId} onChange={(e) => setProjectId(e.target.value)}>
              <option value="">{intl.formatMessage({ id: 'followup.chooseProject' })}</option>
              {open_projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
              {d && d.projectId && !projects.some((p) => p.id === d.projectId) && <option value={d.projectId}>{d.projectName}</option>}
            </select>
          </>
        ) : (
          <>
            <label htmlFor="fu-partner">
              <FormattedMessage id="followup.partner" />
            </label>
            <select id="fu-partner" required value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
              <option value="">{intl.formatMessage({ id: 'followup.choosePartner' })}</option>
              {(partners ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
              {d?.partnerId && !partners?.some((p) => p.id === d.partnerId) && <option value={d.partnerId}>{d.partnerName}</option>}
            </select>
            {!regionId && (
              <>
                <label htmlFor="fu-region">
                  <FormattedMessage id="followup.region" />
                </label>
                <select id="fu-region" required value={region} onChange={(e) => setRegion(e.target.value)}>
                  <option value="">{intl.formatMessage({ id: 'followup.chooseRegion' })}</option>
                  {regions.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </>
            )}
          </>
        )}
        <div className="row">
          <div>
            <label htmlFor="fu-date">
              <FormattedMessage id="followup.date" />
            </label>
            <input id="fu-date" type="date" required max={today()} value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
          </div>
          <div>
            <label htmlFor="fu-duration">
              <FormattedMessage id="followup.duration" />
            </label>
            <select id="fu-duration" value={quarters} onChange={(e) => setQuarters(Number(e.target.value))}>
              <option value={0}>{intl.formatMessage({ id: 'followup.durationNone' })}</option>
              {Array.from({ length: 16 }, (_, i) => i + 1).map((q) => (
                <option key={q} value={q}>
                  {intl.formatMessage({ id: 'followup.durationValue' }, { hours: Math.floor(q / 4), minutes: (q % 4) * 15 }).trim()}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset>
          <legend>
            <FormattedMessage id="followup.mode" />
          </legend>
          <div className="modes">
            {MODES.map((m) => (
              <label key={m} className="mode">
                <input type="radio" name="fu-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                <FormattedMessage id={`mode.${m}`} />
              </label>
            ))}
          </div>
        </fieldset>
        <label htmlFor="fu-summary">
          <FormattedMessage id="followup.summary" />
        </label>
        <textarea id="fu-summary" required maxLength={2000} rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            <FormattedMessage id="followup.save" />
          </button>
          <button type="button" onClick={close}>
            <FormattedMessage id="followup.close" />
          </button>
        </div>
      </form>
    </dialog>
  );
}
