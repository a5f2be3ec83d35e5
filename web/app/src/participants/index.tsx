// The participants screens as the shell's SCREENS table uses them: each is loaded on first use
// (React.lazy), so the initial bundle does not carry them.
import { lazy, Suspense } from 'react';
import { FormattedMessage } from 'react-intl';
import type { SessionUser } from '../api';

const pages = () => import('./pages');
const List = lazy(() => pages().then((m) => ({ default: m.ParticipantsPage })));
const Register = lazy(() => pages().then((m) => ({ default: m.RegisterPage })));
const Person = lazy(() => pages().then((m) => ({ default: m.ParticipantPage })));

function Loading() {
  return (
    <p role="status">
      <FormattedMessage id="loading" />
    </p>
  );
}

/** `/participants`: the list and its search. */
export function ParticipantsScreen({ user }: { user: SessionUser }) {
  return (
    <Suspense fallback={<Loading />}>
      <List userId={user.id} />
    </Suspense>
  );
}

/** `/participants/nouveau`: registering someone, with their consent. */
export function RegisterScreen({ user, announce }: { user: SessionUser; announce: (message: string) => void }) {
  return (
    <Suspense fallback={<Loading />}>
      <Register user={user} announce={announce} />
    </Suspense>
  );
}

/** `/participants/<id>`: one person. */
export function ParticipantScreen({ id, announce }: { id: string; announce: (message: string) => void }) {
  return (
    <Suspense fallback={<Loading />}>
      <Person key={id} id={id} announce={announce} />
    </Suspense>
  );
}

export { forgetRegistrationDraft } from './draft';
