import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Inputs, useTRPC } from '../trpc.js';
import { Empty, ErrorText, PageTitle, Spinner, timeAgo } from '../ui.js';

type MemoryFilters = Extract<Inputs['memories']['list'], { scope?: unknown }>;
type Scope = NonNullable<MemoryFilters['scope']>;
type Status = NonNullable<MemoryFilters['status']>;
const SCOPES: [Scope, string][] = [
  ['about_me', 'About me'],
  ['organization', 'Organization'],
  ['room', 'My rooms'],
  ['all', 'All'],
];

export function MemoriesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<Scope>('about_me');
  const [status, setStatus] = useState<Status>('active');
  const memories = useQuery(trpc.human.memories.list.queryOptions({ scope, status, limit: 50 }));
  const refresh = () => void queryClient.invalidateQueries(trpc.human.memories.list.pathFilter());
  const archive = useMutation(trpc.human.memories.archive.mutationOptions({ onSuccess: refresh }));
  const restore = useMutation(trpc.human.memories.restore.mutationOptions({ onSuccess: refresh }));
  return (
    <section>
      <PageTitle>Memories</PageTitle>
      <p className="muted">What your agents remember, about you and your organization.</p>
      <div className="filters">
        <fieldset className="segmented">
          <legend className="sr-only">Scope</legend>
          {SCOPES.map(([value, label]) => (
            <label key={value} className={scope === value ? 'on' : ''}>
              <input
                type="radio"
                name="scope"
                value={value}
                checked={scope === value}
                onChange={() => setScope(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="active">Active</option>
            <option value="archived">Archived</option>
            <option value="superseded">Superseded</option>
          </select>
        </label>
      </div>
      <ErrorText error={archive.error ?? restore.error} />
      {memories.isPending ? (
        <Spinner label="Loading memories…" />
      ) : memories.error ? (
        <ErrorText error={memories.error} />
      ) : memories.data.data.length === 0 ? (
        <Empty title="Nothing remembered here">Agents store memories as they work with you.</Empty>
      ) : (
        <ul className="list" aria-label="Memories">
          {memories.data.data.map((m) => (
            <li key={m.id} className="row">
              <div className="grow">
                <div>{m.content}</div>
                <div className="muted small">
                  {m.system.replace('_', ' ')} · {m.type} · {m.segment} · {timeAgo(m.inserted_at)}
                </div>
              </div>
              {m.status === 'active' && (
                <button type="button" onClick={() => archive.mutate({ id: m.id })}>
                  Archive
                </button>
              )}
              {m.status === 'archived' && (
                <button type="button" onClick={() => restore.mutate({ id: m.id })}>
                  Restore
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
