import { useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { request } from '../api';
import { errorKey } from '../errors';
import type { ParticipantListFieldsFragment } from '../gql/graphql';
import { Link } from '../router';
import { draftOf, isWorthKeeping, registrationDrafts } from './draft';
import { ParticipantList } from './operations';
import { formatInstant, personName } from './labels';

/** How long typing pauses before the search is sent. */
export const SEARCH_DELAY_MS = 300;

/**
 * The participants the viewer serves (the agent's region; every region for an administrator):
 * a search that ignores accents and case (the API's `participants(search:)`), 20 at a time with
 * « Afficher plus ». The search stays in the page, never in the address (no names in URLs).
 */
export function ParticipantsPage({ userId }: { userId: string }) {
  const intl = useIntl();
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<ParticipantListFieldsFragment[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [draft, setDraft] = useState(false);
  // Answers to an older search are ignored once a newer one was sent.
  const asked = useRef(0);

  useEffect(() => {
    void draftOf(registrationDrafts, userId).then((d) => setDraft(d !== null && isWorthKeeping(d)));
  }, [userId]);

  const load = useCallback(
    async (text: string, after: string | null) => {
      const ticket = ++asked.current;
      try {
        const { participants } = await request(ParticipantList, { after, search: text.trim() || null });
        if (ticket !== asked.current) return;
        setRows((list) => (after && list ? [...list, ...participants.nodes] : participants.nodes));
        setCursor(participants.pageInfo.hasNextPage ? (participants.pageInfo.endCursor ?? null) : null);
        setError(null);
      } catch (failure) {
        if (ticket === asked.current) setError(intl.formatMessage({ id: errorKey(failure) }));
      }
    },
    [intl],
  );

  useEffect(() => {
    const timer = setTimeout(() => void load(search, null), search ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [search, load]);

  const more = async () => {
    setLoadingMore(true);
    await load(search, cursor);
    setLoadingMore(false);
  };

  return (
    <section aria-labelledby="participants-title" className="participants">
      <div className="board-head">
        <h1 id="participants-title">
          <FormattedMessage id="participants.title" />
        </h1>
        <Link to="/participants/nouveau" className="button primary">
          <FormattedMessage id={draft ? 'participants.resume' : 'participants.register'} />
        </Link>
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="participant-search">
            <FormattedMessage id="participants.search" />
          </label>
          <input id="participant-search" type="search" maxLength={200} autoComplete="off" value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby="participant-search-hint" />
          <p id="participant-search-hint" className="hint">
            <FormattedMessage id="participants.searchHint" />
          </p>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className="meta">
        {rows === null ? <FormattedMessage id="loading" /> : <FormattedMessage id={cursor ? 'participants.countMore' : 'participants.count'} values={{ count: rows.length }} />}
      </p>
      {rows !== null && rows.length === 0 && (
        <p>
          <FormattedMessage id={search.trim() ? 'participants.noneFound' : 'participants.none'} />
        </p>
      )}
      {rows !== null && rows.length > 0 && (
        <ul className="cards people">
          {rows.map((p) => (
            <li key={p.id} className={p.anonymized ? 'card erased' : 'card'}>
              <h2 className="card-title">
                <Link to={`/participants/${encodeURIComponent(p.id)}`}>{personName(p, intl)}</Link>
              </h2>
              <p className="meta">
                {[
                  p.birthYear != null ? intl.formatMessage({ id: 'participants.bornIn' }, { year: p.birthYear }) : null,
                  p.email,
                  p.mrc,
                  intl.formatMessage({ id: 'participants.registeredOn' }, { date: formatInstant(p.createdAt, intl.locale) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={() => void more()} disabled={loadingMore}>
          <FormattedMessage id="participants.more" />
        </button>
      )}
    </section>
  );
}
