import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { FormattedMessage, IntlProvider, useIntl } from 'react-intl';
import { useModalDialog } from './dialog';
import { allPages, ApiError, currentSession, onUnauthenticated, request, RETRYABLE, signOut, type SessionUser } from './api';
import { Board } from './Board';
import { FollowUpDialog, followUpTarget, type FollowUpOpening } from './FollowUpDialog';
import type { BoardProjectsQuery, ProjectCardFieldsFragment } from './gql/graphql';
import { clearAllDrafts } from './drafts';
import { codeOf } from './errors';
import { forgetOfflineData, lastBoard, rememberedUser, rememberUser, saveBoard } from './offline';
import { catalogs, initialLocale, rememberLocale, type Locale, type MessageKey } from './i18n';
import { closeLive, subscribe } from './live';
import { BoardChanges, BoardProjects, LogFollowUp } from './operations';
import { flush, IndexedDbStore, MemoryStore, type QueueItem, type QueueStore, type Sender } from './queue';
import { AttentionPage } from './AttentionPage';
import { ProjectPage } from './ProjectPage';
import { forgetRegistrationDraft, ParticipantScreen, ParticipantsScreen, RegisterScreen } from './participants';
import { QueuePage } from './QueuePage';
import { Link, navigate, useLocation } from './router';
import { ChangeOneTimePassword, SignIn } from './SignIn';

export type Project = ProjectCardFieldsFragment;

// Screens loaded when first opened, so the initial JavaScript stays small.
const ActivitiesPage = lazy(() => import('./activities/ActivitiesPage').then((m) => ({ default: m.ActivitiesPage })));
const ActivityPage = lazy(() => import('./activities/ActivityPage').then((m) => ({ default: m.ActivityPage })));
const ReportsScreen = lazy(() => import('./reports/ReportsScreen'));
const ReferenceDataPage = lazy(() => import('./admin/ReferenceDataPage').then((m) => ({ default: m.ReferenceDataPage })));
const AccountsPage = lazy(() => import('./admin/AccountsPage').then((m) => ({ default: m.AccountsPage })));
const AuditLogPage = lazy(() => import('./admin/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));
const PartnerProjectsPage = lazy(() => import('./partner/PartnerScreens').then((m) => ({ default: m.PartnerProjectsPage })));
const ImportPage = lazy(() => import('./importing/ImportPage').then((m) => ({ default: m.ImportPage })));
const PartnerProjectPage = lazy(() => import('./partner/PartnerScreens').then((m) => ({ default: m.PartnerProjectPage })));
const loadingScreen = (
  <p role="status">
    <FormattedMessage id="loading" />
  </p>
);
/** The report screens, loaded on demand: their charts and tables stay out of the first load. */
const reports = (c: ScreenContext) => (
  <Suspense fallback={loadingScreen}>
    <ReportsScreen route={c.route} user={c.user} announce={c.announce} />
  </Suspense>
);

const store: QueueStore = typeof indexedDB === 'undefined' ? new MemoryStore() : new IndexedDbStore();
/** The open follow-up form's draft (one item at most), in a database of its own. */
const drafts: QueueStore = typeof indexedDB === 'undefined' ? new MemoryStore() : new IndexedDbStore(indexedDB, 'sismic-draft');

/** Opens the follow-up form: on the draft kept from before a reload if there is one, else new. */
async function openFollowUp(): Promise<FollowUpOpening> {
  const [kept] = await drafts.all().catch(() => []);
  if (kept) return { key: kept.key, draft: kept.draft, restored: true, ...(kept.code ? { replaces: kept.code } : {}) };
  return { key: crypto.randomUUID() };
}

/** Sends one queued follow-up with its own idempotency key. */
const sendQueued: Sender = async (key, draft) => {
  try {
    await request(LogFollowUp, {
      input: {
        ...followUpTarget(draft),
        occurredOn: draft.occurredOn,
        mode: draft.mode,
        summary: draft.summary,
        durationMinutes: draft.durationMinutes,
        idempotencyKey: key,
      },
    });
    return { kind: 'sent' };
  } catch (error) {
    const code = error instanceof ApiError ? error.code : 'INTERNAL';
    if (RETRYABLE.has(code) || code === 'UNAUTHENTICATED' || code === 'RATE_LIMITED') return { kind: 'retry' };
    return { kind: 'refused', code };
  }
};

/** The roles of the contract (`Role` in schema.graphql). */
export type Role = 'ADMIN' | 'AGENT' | 'PARTNER' | 'FUNDER';
const STAFF: Role[] = ['ADMIN', 'AGENT'];

/** What a screen gets from the shell. */
export interface ScreenContext {
  /** The path without its query string. */
  route: string;
  /** The query string, with its `?` (or ''). */
  search: string;
  user: SessionUser;
  /** The board's projects (every page loaded), or null while loading. */
  projects: Project[] | null;
  loadError: string | null;
  loadProjects: () => Promise<void>;
  replaceProject: (project: Project) => void;
  /** Says something to screen readers (and shows it) through the status line. */
  announce: (message: string) => void;
  /** Bumped when a follow-up is saved, so open pages reload their lists. */
  refreshKey: number;
  queue: QueueItem[];
  sendQueue: () => Promise<void>;
  refreshQueue: () => Promise<void>;
  setOpening: (opening: FollowUpOpening | null) => void;
}

/**
 * A screen of the app: its path (`prefix` when the rest of the path is a parameter), the roles
 * that see it, its entry in the main navigation if it has one, and what it renders. The shell
 * shows a role only its own screens, so nobody meets an empty page that answers FORBIDDEN.
 */
interface Screen {
  path: string;
  prefix?: boolean;
  roles: Role[];
  nav?: MessageKey;
  render: (ctx: ScreenContext) => React.ReactNode;
}

const SCREENS: Screen[] = [
  {
    path: '/',
    roles: STAFF,
    nav: 'nav.board',
    render: (c) => <Board projects={c.projects} loadError={c.loadError} reload={c.loadProjects} replaceProject={c.replaceProject} announce={c.announce} />,
  },
  { path: '/a-surveiller', roles: STAFF, nav: 'nav.attention', render: () => <AttentionPage /> },
  {
    path: '/projets/',
    prefix: true,
    roles: STAFF,
    render: (c) => <ProjectPage id={decodeURIComponent(c.route.slice('/projets/'.length))} refreshKey={c.refreshKey} announce={c.announce} />,
  },
  {
    path: '/activites',
    roles: STAFF,
    nav: 'activities.nav',
    render: (c) => (
      <Suspense fallback={loadingScreen}>
        <ActivitiesPage announce={c.announce} />
      </Suspense>
    ),
  },
  {
    path: '/activites/',
    prefix: true,
    roles: STAFF,
    render: (c) => (
      <Suspense fallback={loadingScreen}>
        <ActivityPage key={c.route} id={decodeURIComponent(c.route.slice('/activites/'.length))} announce={c.announce} />
      </Suspense>
    ),
  },
  { path: '/participants', roles: STAFF, nav: 'participants.nav', render: (c) => <ParticipantsScreen user={c.user} /> },
  // Before the prefix below: « nouveau » is the registration form, not an id.
  { path: '/participants/nouveau', roles: STAFF, render: (c) => <RegisterScreen user={c.user} announce={c.announce} /> },
  {
    path: '/participants/',
    prefix: true,
    roles: STAFF,
    render: (c) => <ParticipantScreen id={decodeURIComponent(c.route.slice('/participants/'.length))} announce={c.announce} />,
  },
  {
    path: '/suivis-en-attente',
    roles: STAFF,
    nav: 'nav.queue',
    render: (c) => (
      <QueuePage
        items={c.queue}
        onSendNow={c.sendQueue}
        onCorrect={(item) => c.setOpening({ key: item.code === 'CONFLICT' ? crypto.randomUUID() : item.key, draft: item.draft, replaces: item.key })}
        onDiscard={async (item) => {
          await store.remove(item.key);
          await c.refreshQueue();
        }}
      />
    ),
  },
  {
    path: '/import',
    roles: STAFF,
    nav: 'importing.nav',
    render: (c) => (
      <Suspense fallback={loadingScreen}>
        <ImportPage user={c.user} announce={c.announce} />
      </Suspense>
    ),
  },
  { path: '/rapports', roles: ['ADMIN', 'AGENT', 'FUNDER'], nav: 'reports.nav', render: reports },
  { path: '/rapports/cohortes/', prefix: true, roles: ['ADMIN', 'AGENT', 'FUNDER'], render: reports },
  // networkReport answers ADMIN and funders only (agents: FORBIDDEN).
  {
    path: '/admin/comptes',
    roles: ['ADMIN'],
    nav: 'admin.nav.accounts',
    render: (c) => (
      <Suspense fallback={loadingScreen}>
        <AccountsPage announce={c.announce} myId={c.user.id} />
      </Suspense>
    ),
  },
  {
    path: '/admin/referentiel',
    roles: ['ADMIN'],
    nav: 'admin.nav.reference',
    render: (c) => (
      <Suspense fallback={loadingScreen}>
        <ReferenceDataPage announce={c.announce} />
      </Suspense>
    ),
  },
  {
    path: '/admin/journal',
    roles: ['ADMIN'],
    nav: 'admin.nav.audit',
    render: (c) => (
      <Suspense fallback={loadingScreen}>
        <AuditLogPage search={c.search} />
      </Suspense>
    ),
  },
  {
    path: '/mes-projets',
    roles: ['PARTNER'],
    nav: 'partner.nav',
    render: (c) => (
      <Suspense fallback={loadingScreen}>
        <PartnerProjectsPage search={c.search} partnerName={c.user.partner?.name ?? null} />
      </Suspense>
    ),
  },
  {
    path: '/mes-projets/',
    prefix: true,
    roles: ['PARTNER'],
    render: (c) => (
      <Suspense fallback={loadingScreen}>
        <PartnerProjectPage key={c.route} id={decodeURIComponent(c.route.slice('/mes-projets/'.length))} />
      </Suspense>
    ),
  },
  { path: '/rapports/reseau', roles: ['ADMIN', 'FUNDER'], render: reports },
];

/**
 * The board's first page, asked at load beside `GET /session` when the person signed in last on
 * this device works on the board (an agent or an admin): it saves a round trip before the board
 * shows. Used once; a failure (signed out, say) only means the page is asked again normally.
 */
let earlyBoard: Promise<BoardProjectsQuery | null> | null = (() => {
  const last = typeof localStorage === 'undefined' ? null : rememberedUser();
  return last && STAFF.includes(last.role as Role) ? request(BoardProjects, { after: null }).catch(() => null) : null;
})();
function takeEarlyBoard(): Promise<BoardProjectsQuery | null> | null {
  const early = earlyBoard;
  earlyBoard = null;
  return early;
}

/** Whether the browser says it is online (it is sure only when it says offline). */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    rememberLocale(locale);
  }, [locale]);
  return (
    <IntlProvider locale={locale} messages={catalogs[locale]} defaultLocale="fr-CA">
      <Shell locale={locale} setLocale={setLocale} />
    </IntlProvider>
  );
}

/**
 * Who is signed in. `offline`: the server could not be reached at load, and the app opened for
 * the user signed in last on this device (the server checks the session again once online).
 */
type SessionState = { kind: 'loading' } | { kind: 'out' } | { kind: 'in'; user: SessionUser; expired: boolean; offline?: boolean };

function Shell({ locale, setLocale }: { locale: Locale; setLocale: (l: Locale) => void }) {
  const intl = useIntl();
  const path = useLocation();
  const [session, setSession] = useState<SessionState>({ kind: 'loading' });
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [status, setStatus] = useState('');
  const [opening, setOpening] = useState<FollowUpOpening | null>(null);
  // Bumped when a follow-up is saved, so the open project page reloads its list.
  const [refreshKey, setRefreshKey] = useState(0);
  const newButton = useRef<HTMLButtonElement>(null);

  const announce = useCallback((message: string) => {
    setStatus('');
    setTimeout(() => setStatus(message), 50);
  }, []);

  useEffect(() => {
    onUnauthenticated(() => setSession((s) => (s.kind === 'in' ? { ...s, expired: true } : s)));
    currentSession()
      .then((user) => {
        if (user) rememberUser(user);
        setSession(user ? { kind: 'in', user, expired: false } : { kind: 'out' });
      })
      .catch((error) => {
        const kept = codeOf(error) === 'NETWORK' ? rememberedUser() : null;
        setSession(kept ? { kind: 'in', user: kept, expired: false, offline: true } : { kind: 'out' });
      });
  }, []);

  // Opened offline: once the connection returns, the server says whether the session still holds.
  const offline = session.kind === 'in' && session.offline === true;
  useEffect(() => {
    if (!offline) return;
    const recheck = () =>
      void currentSession()
        .then((user) => setSession(user ? { kind: 'in', user, expired: false } : (s) => (s.kind === 'in' ? { ...s, offline: false, expired: true } : s)))
        .catch(() => {});
    window.addEventListener('online', recheck);
    return () => window.removeEventListener('online', recheck);
  }, [offline]);

  const refreshQueue = useCallback(async () => setQueue(await store.all()), []);

  const loadProjects = useCallback(async () => {
    try {
      const all = await allPages(async (after) => {
        // The first page may already be on its way (asked beside GET /session at load).
        const early = after === null ? takeEarlyBoard() : null;
        return ((await early) ?? (await request(BoardProjects, { after }))).projects;
      });
      const sorted = all.sort((a, b) => a.name.localeCompare(b.name, 'fr-CA'));
      setProjects(sorted);
      setLoadError(null);
      void saveBoard(sorted);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'INTERNAL';
      // No connection: the last board loaded on this device, said to be so.
      const kept = RETRYABLE.has(code) ? await lastBoard<Project>() : null;
      if (kept) {
        setProjects((now) => now ?? kept.projects);
        setLoadError(intl.formatMessage({ id: 'offline.board' }, { when: new Intl.DateTimeFormat(intl.locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(kept.savedAt)) }));
      } else {
        setLoadError(intl.formatMessage({ id: `error.${code}` as never }));
      }
    }
  }, [intl]);

  const sendQueue = useCallback(async () => {
    const result = await flush(store, sendQueued);
    await refreshQueue();
    if (result.sent > 0) {
      announce(intl.formatMessage({ id: 'queue.sent' }, { count: result.sent }));
      void loadProjects();
    }
  }, [announce, intl, refreshQueue, loadProjects]);


  const online = useOnline();
  // The phone's menu (the navigation and the account, behind one button below 48 rem).
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  // Until a one-time password is replaced, nothing else may be asked of the server.
  const signedIn = session.kind === 'in' && !session.user.mustChangePassword;
  const staff = signedIn && session.kind === 'in' && STAFF.includes(session.user.role as Role);
  useEffect(() => {
    if (!signedIn) return;
    if (staff) void loadProjects();
    // At load, and whenever the connection comes back, the queue is sent again by itself.
    void refreshQueue().then(sendQueue);
    const backOnline = () => {
      void sendQueue();
      if (staff) void loadProjects();
    };
    window.addEventListener('online', backOnline);
    return () => window.removeEventListener('online', backOnline);
  }, [signedIn, staff, loadProjects, refreshQueue, sendQueue]);

  // Signed out: every route but the sign-in page leads to it, and back after signing in.
  useEffect(() => {
    if (session.kind === 'out' && !path.startsWith('/connexion')) {
      navigate(`/connexion?retour=${encodeURIComponent(path)}`);
    }
  }, [session.kind, path]);

  // The shortcut: N (or Alt+N) anywhere but in a field opens the follow-up form.
  useEffect(() => {
    if (!staff) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      const typing = target.closest('input, textarea, select, [contenteditable="true"]') !== null;
      if (e.key.toLowerCase() !== 'n' || e.ctrlKey || e.metaKey || (typing && !e.altKey)) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      void openFollowUp().then(setOpening);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [staff]);

  const replaceProject = useCallback((project: Project) => {
    setProjects((list) => list?.map((p) => (p.id === project.id ? project : p)) ?? [project]);
  }, []);

  // Live: the board follows every change to the region's projects, whoever makes it (a new
  // project appears, a moved one changes column). After a reconnection it is read again.
  const live = session.kind === 'in' && !session.expired && !session.offline;
  useEffect(() => {
    if (!live || !staff) return;
    return subscribe(
      BoardChanges,
      {},
      ({ projectChanged: { project } }) =>
        setProjects((list) => {
          if (!list) return list; // still loading: the load brings it
          if (list.some((p) => p.id === project.id)) return list.map((p) => (p.id === project.id ? project : p));
          return [...list, project].sort((a, b) => a.name.localeCompare(b.name, 'fr-CA'));
        }),
      () => void loadProjects(),
    );
  }, [live, staff, loadProjects]);

  // `/` is the agents' board: another role lands on its own first screen instead.
  const role = session.kind === 'in' ? (session.user.role as Role) : null;
  useEffect(() => {
    if (!role || path.split('?')[0] !== '/') return;
    const mine = SCREENS.filter((s) => s.roles.includes(role));
    if (!mine.some((s) => s.path === '/') && mine[0]) navigate(mine[0].path, { replace: true });
  }, [role, path]);

  if (session.kind === 'loading') {
    return (
      <main id="main" className="loading">
        <p role="status">
          <FormattedMessage id="loading" />
        </p>
      </main>
    );
  }

  const languageSwitch = (
    <button
      type="button"
      className="link"
      lang={locale === 'fr-CA' ? 'en' : 'fr'}
      aria-label={intl.formatMessage({ id: 'lang.otherLabel' })}
      onClick={() => setLocale(locale === 'fr-CA' ? 'en' : 'fr-CA')}
    >
      <FormattedMessage id="lang.other" />
    </button>
  );

  if (session.kind === 'out') {
    const back = new URLSearchParams(location.search).get('retour');
    return (
      <>
        <header className="topbar">
          <span className="brand">
            <FormattedMessage id="app.title" />
          </span>
          {languageSwitch}
        </header>
        <main id="main">
          <SignIn
            onSignedIn={(user) => {
              // Signed in before the route changes (the popstate update is applied at once).
              rememberUser(user);
              flushSync(() => setSession({ kind: 'in', user, expired: false }));
              navigate(back && back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/connexion') ? back : '/');
            }}
          />
        </main>
      </>
    );
  }

  if (session.user.mustChangePassword) {
    return (
      <>
        <header className="topbar">
          <span className="brand">
            <FormattedMessage id="app.title" />
          </span>
          {languageSwitch}
        </header>
        <main id="main">
          <ChangeOneTimePassword
            email={session.user.email}
            current={null}
            onSignedIn={(user) => {
              rememberUser(user);
              setSession({ kind: 'in', user, expired: false });
            }}
          />
        </main>
      </>
    );
  }

  const route = path.split('?')[0];
  const pendingCount = queue.length;
  // Only the screens of the signed-in role: none that would answer FORBIDDEN.
  const visible = SCREENS.filter((s) => s.roles.includes(session.user.role as Role));
  const screen = visible.find((s) => (s.prefix ? route.startsWith(s.path) : route === s.path));
  return (
    <>
      <a className="skip" href="#main">
        <FormattedMessage id="nav.skip" />
      </a>
      <header className="topbar">
        <span className="brand">
          <FormattedMessage id="app.title" />
        </span>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="topbar-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <FormattedMessage id="nav.menu" />
        </button>
        <div id="topbar-menu" className={menuOpen ? 'menu open' : 'menu'}>
          <nav aria-label={intl.formatMessage({ id: 'nav.main' })}>
            {visible
              .filter((s) => s.nav)
              .map((s) => (
                <Link key={s.path} to={s.path} aria-current={route === s.path || (s.path !== '/' && route.startsWith(`${s.path}/`)) ? 'page' : undefined}>
                  <FormattedMessage id={s.nav!} values={{ count: pendingCount }} />
                </Link>
              ))}
          </nav>
          <span className="who">
            <FormattedMessage id="session.signedInAs" values={{ email: session.user.email }} />
              {session.user.region && ` · ${session.user.region.name}`}
          </span>
          {languageSwitch}
          <button
            type="button"
            className="link"
            onClick={async () => {
              // What waits in the queue would be sent under the next person's session: say so.
              if (queue.length > 0 && !window.confirm(intl.formatMessage({ id: 'session.signOutPending' }, { count: queue.length }))) return;
              await signOut().catch(() => {});
              await closeLive();
              // The next person on this tablet finds nothing of this session.
              for (const item of queue) await store.remove(item.key);
              // The registration draft (personal information) first, record by record.
              await forgetRegistrationDraft();
              await Promise.all([forgetOfflineData(), clearAllDrafts(), drafts.all().then((all) => Promise.all(all.map((d) => drafts.remove(d.key))))]);
              setQueue([]);
              setProjects(null);
              flushSync(() => setSession({ kind: 'out' }));
              navigate('/connexion');
            }}
          >
            <FormattedMessage id="session.signOut" />
          </button>
        </div>
        {staff && (
          <button
            ref={newButton}
            type="button"
            className="primary"
            aria-keyshortcuts="N Alt+N"
            title={intl.formatMessage({ id: 'followup.shortcutHint' })}
            onClick={() => void openFollowUp().then(setOpening)}
          >
            <FormattedMessage id="followup.new" /> <kbd aria-hidden="true">N</kbd>
          </button>
        )}
      </header>
      {(!online || offline) && (
        <p className="offline-banner" role="status">
          <FormattedMessage id="offline.banner" />
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {screen ? (
          screen.render({ route, search: path.slice(route.length), user: session.user, projects, loadError, loadProjects, replaceProject, announce, refreshKey, queue, sendQueue, refreshQueue, setOpening })
        ) : (
          <section aria-labelledby="nf">
            <h1 id="nf">
              <FormattedMessage id="notFound.title" />
            </h1>
            <Link to={visible[0]?.path ?? '/'}>
              <FormattedMessage id="notFound.back" />
            </Link>
          </section>
        )}
      </main>
      <p role="status" aria-live="polite" className="announcer">
        {status}
      </p>
      {opening && (
        <FollowUpDialog
          opening={opening}
          projects={projects ?? []}
          regionId={session.user.region?.id ?? null}
          store={store}
          drafts={drafts}
          onClose={() => {
            setOpening(null);
            newButton.current?.focus();
          }}
          onSaved={(project, message) => {
            if (project) replaceProject(project);
            setRefreshKey((k) => k + 1);
            announce(message);
            void refreshQueue();
          }}
        />
      )}
      {session.expired && (
        <ExpiredDialog
          onSignedIn={(user) => {
            rememberUser(user);
            setSession({ kind: 'in', user, expired: false });
          }}
        />
      )}
    </>
  );
}

/**
 * The session expired: sign in again in a modal dialog opened last, so it sits above any open
 * form (the top layer), which stays mounted with everything typed in it.
 */
function ExpiredDialog({ onSignedIn }: { onSignedIn: (user: SessionUser) => void }) {
  const modal = useModalDialog();
  return (
    <dialog
      className="expired"
      aria-labelledby="signin-title"
      ref={modal.attach}
      onCancel={(e) => e.preventDefault()}
    >
      <SignIn expired onSignedIn={onSignedIn} />
    </dialog>
  );
}
