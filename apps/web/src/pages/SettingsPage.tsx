import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc.js';
import { Empty, ErrorText, PageTitle, SecretOnce, Spinner, timeAgo } from '../ui.js';

export function SettingsPage() {
  return (
    <section>
      <PageTitle>Settings</PageTitle>
      <ApiKeys />
      <Password />
    </section>
  );
}

function ApiKeys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const keys = useQuery(trpc.human.apiKeys.list.queryOptions());
  const refresh = () => void queryClient.invalidateQueries(trpc.human.apiKeys.list.pathFilter());
  const create = useMutation(
    trpc.human.apiKeys.create.mutationOptions({
      onSuccess: () => {
        setLabel('');
        refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.human.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));
  return (
    <div className="card stack">
      <h2>API keys</h2>
      <p className="muted small">Keys act as you on the REST and tRPC APIs. Revoke the ones you no longer use.</p>
      {create.data && <SecretOnce label="Your new API key" value={create.data.data.key} />}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ label: label || null });
        }}
      >
        <label className="grow">
          <span className="sr-only">Label for the new key</span>
          <input placeholder="What is it for? (optional)" value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create key
        </button>
      </form>
      <ErrorText error={create.error ?? revoke.error} />
      {keys.isPending ? (
        <Spinner />
      ) : keys.error ? (
        <ErrorText error={keys.error} />
      ) : keys.data.data.length === 0 ? (
        <Empty title="No API keys" />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.data.map((k) => (
              <tr key={k.id}>
                <td>
                  <code>{k.prefix}…</code>
                  {k.label && <div className="muted small">{k.label}</div>}
                </td>
                <td>{timeAgo(k.created_at)}</td>
                <td>{timeAgo(k.last_used_at)}</td>
                <td>
                  <button type="button" className="danger small" onClick={() => revoke.mutate({ id: k.id })}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Password() {
  const trpc = useTRPC();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation(
    trpc.human.session.changePassword.mutationOptions({
      onSuccess: () => {
        setCurrent('');
        setNext('');
      },
    }),
  );
  return (
    <form
      className="card stack"
      aria-label="Password"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ current_password: current || undefined, new_password: next });
      }}
    >
      <h2>Password</h2>
      <label>
        Current password (leave empty if you have none yet)
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label>
        New password (at least 10 characters)
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      <ErrorText error={change.error} />
      <button type="submit" className="primary" disabled={change.isPending}>
        Set password
      </button>
      {change.isSuccess && <p role="status">Password set. Your other sessions were signed out.</p>}
    </form>
  );
}
