import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, signIn, type SessionUser } from './api';
import { errorKey } from './errors';

/** The sign-in form: POST /session sets the HttpOnly cookie; the page never sees a token. */
export function SignIn({ onSignedIn, expired }: { onSignedIn: (user: SessionUser) => void; expired?: boolean }) {
  const intl = useIntl();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="signin"
      aria-labelledby="signin-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          onSignedIn(await signIn(email.trim(), password));
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
