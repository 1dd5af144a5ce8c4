import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../trpc.js';
import { ErrorText, PageTitle, Spinner } from '../ui.js';

export function ProfilePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const profile = useQuery(trpc.human.profile.get.queryOptions());
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  useEffect(() => {
    if (profile.data) {
      setFirst(profile.data.data.first_name ?? '');
      setLast(profile.data.data.last_name ?? '');
    }
  }, [profile.data]);
  const update = useMutation(
    trpc.human.profile.update.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.human.profile.get.pathFilter());
        void queryClient.invalidateQueries(trpc.human.session.current.pathFilter());
      },
    }),
  );
  if (profile.isPending) return <Spinner />;
  if (profile.error) return <ErrorText error={profile.error} />;
  const user = profile.data.data;
  return (
    <section>
      <PageTitle>Profile</PageTitle>
      <dl className="facts">
        <dt>Handle</dt>
        <dd>@{user.handle}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
      </dl>
      <form
        className="card stack"
        aria-label="Edit your name"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ user: { first_name: first || null, last_name: last || null } });
        }}
      >
        <label>
          First name
          <input value={first} maxLength={100} onChange={(e) => setFirst(e.target.value)} />
        </label>
        <label>
          Last name
          <input value={last} maxLength={100} onChange={(e) => setLast(e.target.value)} />
        </label>
        <ErrorText error={update.error} />
        <button type="submit" className="primary" disabled={update.isPending}>
          Save
        </button>
        {update.isSuccess && <p role="status">Saved.</p>}
      </form>
    </section>
  );
}
