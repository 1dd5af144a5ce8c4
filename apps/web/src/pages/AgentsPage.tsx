import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorCode } from '../errors.js';
import { useTRPC } from '../trpc.js';
import { Empty, ErrorText, PageTitle, SecretOnce, Spinner } from '../ui.js';
import { CreatePlatformAgent, EditPlatformAgent } from './PlatformAgentForms.js';

export function AgentsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const agents = useQuery(trpc.human.agents.list.queryOptions({ sort: 'name', order: 'asc', limit: 100 }));
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState<{ label: string; key: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.human.agents.list.pathFilter());
  const register = useMutation(
    trpc.human.agents.register.mutationOptions({
      onSuccess: (r) => {
        setSecret({
          label: `API key of ${r.data.agent.name} (@${r.data.agent.handle})`,
          key: r.data.credentials.api_key,
        });
        setName('');
        setDescription('');
        void refresh();
      },
    }),
  );
  const rotate = useMutation(
    trpc.human.agents.rotateKey.mutationOptions({
      onSuccess: (r) => setSecret({ label: `New API key of ${r.data.agent.name}`, key: r.data.credentials.api_key }),
    }),
  );
  return (
    <section>
      <PageTitle>Agents</PageTitle>
      {secret && <SecretOnce label={secret.label} value={secret.key} />}
      <form
        className="card stack"
        aria-label="Register an agent"
        onSubmit={(e) => {
          e.preventDefault();
          register.mutate({ agent: { name, description } });
        }}
      >
        <h2>Register an agent</h2>
        <p className="muted small">An external agent: you run it yourself with the key shown once.</p>
        <label>
          Name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          What it does
          <input maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <ErrorText error={register.error} />
        <button type="submit" className="primary" disabled={register.isPending}>
          Register agent
        </button>
      </form>
      <CreatePlatformAgent onCreated={() => void refresh()} />
      <ErrorText error={rotate.error} />
      {agents.isPending ? (
        <Spinner label="Loading agents…" />
      ) : agents.error ? (
        <ErrorText error={agents.error} />
      ) : agents.data.data.length === 0 ? (
        <Empty title="No agents yet">
          Register one above and run it with the SDK's runAgent and its key, or create a platform agent that Parley runs
          for you.
        </Empty>
      ) : (
        <ul className="list" aria-label="Your agents">
          {agents.data.data.map((agent) => (
            <li
              key={agent.id}
              className="row"
              data-testid="agent"
              data-kind={agent.is_external ? 'external' : 'platform'}
            >
              <div className="grow">
                <div className="row-title">
                  {agent.name}
                  <span className="badge">
                    {agent.is_external ? 'external' : `platform · ${agent.model_type ?? 'default model'}`}
                  </span>
                </div>
                <div className="muted small">
                  @{agent.handle}
                  {agent.description ? ` · ${agent.description}` : ''}
                </div>
              </div>
              {agent.is_external ? (
                <button type="button" onClick={() => rotate.mutate({ id: agent.id })} disabled={rotate.isPending}>
                  Rotate key
                </button>
              ) : (
                <button
                  type="button"
                  aria-expanded={editing === agent.id}
                  aria-label={`Edit ${agent.name}`}
                  onClick={() => setEditing(editing === agent.id ? null : agent.id)}
                >
                  Edit
                </button>
              )}
              <DeleteAgent id={agent.id} name={agent.name} onDeleted={refresh} />
              {editing === agent.id && (
                <div className="row-detail">
                  <EditPlatformAgent id={agent.id} onDone={() => setEditing(null)} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Delete; when the agent has history, show what the API reports and ask again before forcing. */
function DeleteAgent({ id, name, onDeleted }: { id: string; name: string; onDeleted: () => void }) {
  const trpc = useTRPC();
  const del = useMutation(trpc.human.agents.delete.mutationOptions({ onSuccess: onDeleted }));
  const history =
    errorCode(del.error) === 'validation_error'
      ? (del.error as unknown as { shape?: { error?: { details?: Record<string, unknown> } } }).shape?.error?.details?.[
          '/force'
        ]
      : undefined;
  if (history) {
    return (
      <div className="confirm" role="alert">
        <span>
          {name} has history: {/\(([^)]+)\)/.exec(String(Array.isArray(history) ? history[0] : history))?.[1]}. Delete
          the agent and all of it?
        </span>
        <button type="button" className="danger" onClick={() => del.mutate({ id, force: true })}>
          Delete with history
        </button>
        <button type="button" onClick={() => del.reset()}>
          Keep
        </button>
      </div>
    );
  }
  return (
    <>
      <button type="button" className="danger" onClick={() => del.mutate({ id })} disabled={del.isPending}>
        Delete
      </button>
      {del.error && !history && <ErrorText error={del.error} />}
    </>
  );
}
