import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { useTRPC } from '../trpc.js';
import { ErrorText, Spinner } from '../ui.js';

export function SignInPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    trpc.human.session.signIn.mutationOptions({
      onSuccess: (session) => {
        queryClient.setQueryData(trpc.human.session.current.queryKey(), session);
        navigate('/');
      },
    }),
  );
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <main className="center-page">
      <form
        className="card auth"
        aria-labelledby="sign-in-title"
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate({ email, password });
        }}
      >
        <div className="brand big">
          <span className="logo" aria-hidden="true" />
          Parley
        </div>
        <h1 id="sign-in-title">Sign in</h1>
        <label>
          Email
          <input
            ref={first}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorText error={signIn.error} />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">
          No password yet? Ask your operator for a one-time sign-in link:{' '}
          <code>parley users login-link --handle you</code>
        </p>
      </form>
    </main>
  );
}

/** `/sign-in/link#token=…`: redeems a one-time link once, then opens the app. */
export function LinkSignInPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const redeem = useMutation(
    trpc.human.session.redeemLink.mutationOptions({
      onSuccess: (session) => {
        queryClient.setQueryData(trpc.human.session.current.queryKey(), session);
        navigate('/', { replace: true });
      },
    }),
  );
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
    // The token leaves the address bar (and the history) at once.
    window.history.replaceState(null, '', window.location.pathname);
    redeem.mutate({ token });
  }, [redeem]);
  return (
    <main className="center-page">
      <div className="card auth">
        <h1>Signing you in</h1>
        {redeem.error ? (
          <>
            <ErrorText error={redeem.error} />
            <button type="button" onClick={() => navigate('/sign-in', { replace: true })}>
              Sign in with a password
            </button>
          </>
        ) : (
          <Spinner label="Checking your sign-in link…" />
        )}
      </div>
    </main>
  );
}
