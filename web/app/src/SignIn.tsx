import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, request, signIn, signOut, type SessionUser } from './api';
import { errorKey, errorText } from './errors';
import { ChangePassword } from './operations';

/** Shortest new password the server takes (changePassword's rule). */
const MIN_PASSWORD = 10;

/** The sign-in form: POST /session sets the HttpOnly cookie; the page never sees a token. */
export function SignIn({ onSignedIn, expired }: { onSignedIn: (user: SessionUser) => void; expired?: boolean }) {
  const intl = useIntl();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Signed in with a one-time password: it must be replaced before anything else.
  const [mustChange, setMustChange] = useState<string | null>(null);
  if (mustChange !== null) {
    return <ChangeOneTimePassword email={email.trim()} current={mustChange} onSignedIn={onSignedIn} />;
  }
  return (
    <form
      className="signin"
      aria-labelledby="signin-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const user = await signIn(email.trim(), password);
          if (user.mustChangePassword) setMustChange(password);
          else onSignedIn(user);
        } catch (failure) {
          const code = failure instanceof ApiError ? failure.code : 'INTERNAL';
          setError(intl.formatMessage({ id: code === 'UNAUTHENTICATED' ? 'signin.failed' : errorKey(failure) }));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1 id="signin-title">
        <FormattedMessage id="signin.title" />
      </h1>
      <p>
        <FormattedMessage id={expired ? 'signin.expired' : 'signin.intro'} />
      </p>
      <label htmlFor="signin-email">
        <FormattedMessage id="signin.email" />
      </label>
      <input id="signin-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="signin-password">
        <FormattedMessage id="signin.password" />
      </label>
      <input id="signin-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        <FormattedMessage id="signin.submit" />
      </button>
    </form>
  );
}

/**
 * The first sign-in with a one-time password (from an administrator's reset): the person
 * chooses their own, then is signed in with it (the server ends the one-time session on change).
 */
export function ChangeOneTimePassword({ email, current, onSignedIn }: { email: string; current: string | null; onSignedIn: (user: SessionUser) => void }) {
  const intl = useIntl();
  const [oneTime, setOneTime] = useState(current ?? '');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="signin"
      aria-labelledby="change-title"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (next.length < MIN_PASSWORD) return setError(intl.formatMessage({ id: 'password.tooShort' }, { min: MIN_PASSWORD }));
        if (next !== again) return setError(intl.formatMessage({ id: 'password.mismatch' }));
        if (next === oneTime) return setError(intl.formatMessage({ id: 'password.same' }));
        setBusy(true);
        setError(null);
        try {
          await request(ChangePassword, { currentPassword: oneTime, newPassword: next });
          // The one-time session ends with the change: sign in with the new password.
          onSignedIn(await signIn(email, next));
        } catch (failure) {
          const code = failure instanceof ApiError ? failure.code : 'INTERNAL';
          setError(errorText(intl, failure, code === 'UNAUTHENTICATED' ? 'password.wrongOneTime' : errorKey(failure)));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1 id="change-title">
        <FormattedMessage id="password.title" />
      </h1>
      <p>
        <FormattedMessage id="password.intro" values={{ email }} />
      </p>
      {current === null && (
        <>
          <label htmlFor="pw-current">
            <FormattedMessage id="password.current" />
          </label>
          <input id="pw-current" type="password" autoComplete="current-password" required value={oneTime} onChange={(e) => setOneTime(e.target.value)} />
        </>
      )}
      <label htmlFor="pw-new">
        <FormattedMessage id="password.new" />
      </label>
      <input id="pw-new" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD} value={next} onChange={(e) => setNext(e.target.value)} aria-describedby="pw-hint" />
      <p id="pw-hint" className="hint">
        <FormattedMessage id="password.hint" values={{ min: MIN_PASSWORD }} />
      </p>
      <label htmlFor="pw-again">
        <FormattedMessage id="password.again" />
      </label>
      <input id="pw-again" type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          <FormattedMessage id="password.submit" />
        </button>
        <button type="button" onClick={() => void signOut().finally(() => location.assign('/connexion'))}>
          <FormattedMessage id="session.signOut" />
        </button>
      </div>
    </form>
  );
}
