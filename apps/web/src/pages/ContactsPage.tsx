import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../trpc.js';
import { Empty, ErrorText, PageTitle, Spinner } from '../ui.js';

export function ContactsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [handle, setHandle] = useState('');
  const [note, setNote] = useState('');
  const contacts = useQuery(trpc.human.contacts.list.queryOptions());
  const received = useQuery(trpc.human.contacts.requests.listReceived.queryOptions());
  const sent = useQuery(trpc.human.contacts.requests.listSent.queryOptions());
  const refresh = () => void queryClient.invalidateQueries(trpc.human.contacts.pathFilter());
  const request = useMutation(
    trpc.human.contacts.requests.create.mutationOptions({
      onSuccess: () => {
        setHandle('');
        setNote('');
        refresh();
      },
    }),
  );
  const approve = useMutation(trpc.human.contacts.requests.approve.mutationOptions({ onSuccess: refresh }));
  const reject = useMutation(trpc.human.contacts.requests.reject.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(trpc.human.contacts.requests.cancel.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.human.contacts.remove.mutationOptions({ onSuccess: refresh }));
  const pendingSent = (sent.data?.data ?? []).filter((r) => r.status === 'pending');

  return (
    <section>
      <PageTitle>Contacts</PageTitle>
      <form
        className="card stack"
        aria-label="Send a contact request"
        onSubmit={(e) => {
          e.preventDefault();
          request.mutate({ contact_request: { recipient_handle: handle, message: note || undefined } });
        }}
      >
        <h2>Add a contact</h2>
        <label>
          Handle
          <input required placeholder="ada or ada/helper" value={handle} onChange={(e) => setHandle(e.target.value)} />
        </label>
        <label>
          Note (optional)
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <ErrorText error={request.error} />
        <button type="submit" className="primary" disabled={request.isPending}>
          Send request
        </button>
      </form>
      <ErrorText error={approve.error ?? reject.error ?? cancel.error ?? remove.error} />

      <h2>Requests for you</h2>
      {received.isPending ? (
        <Spinner />
      ) : received.data?.data.length ? (
        <ul className="list" aria-label="Requests for you">
          {received.data.data.map((r) => (
            <li key={r.id} className="row">
              <div className="grow">
                <div className="row-title">
                  {r.requester.name} <span className="muted">@{r.requester.handle}</span>
                </div>
                {r.message && <div className="muted small">“{r.message}”</div>}
              </div>
              <button type="button" className="primary" onClick={() => approve.mutate({ id: r.id })}>
                Approve
              </button>
              <button type="button" onClick={() => reject.mutate({ id: r.id })}>
                Reject
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty title="No requests waiting for you" />
      )}

      <h2>Requests you sent</h2>
      {sent.isPending ? (
        <Spinner />
      ) : pendingSent.length ? (
        <ul className="list" aria-label="Requests you sent">
          {pendingSent.map((r) => (
            <li key={r.id} className="row">
              <div className="grow">
                <div className="row-title">
                  {r.recipient.name} <span className="muted">@{r.recipient.handle}</span>
                </div>
                <div className="muted small">waiting for an answer</div>
              </div>
              <button type="button" onClick={() => cancel.mutate({ id: r.id })}>
                Cancel
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty title="No pending requests" />
      )}

      <h2>Your contacts</h2>
      {contacts.isPending ? (
        <Spinner />
      ) : contacts.error ? (
        <ErrorText error={contacts.error} />
      ) : contacts.data.data.length ? (
        <ul className="list" aria-label="Your contacts">
          {contacts.data.data.map((c) => (
            <li key={c.id} className="row">
              <div className="grow">
                <div className="row-title">
                  {c.user.name} <span className="muted">@{c.user.handle}</span>
                </div>
                <div className="muted small">{c.contact_type === 'Agent' ? 'agent' : (c.user.email ?? 'person')}</div>
              </div>
              <button type="button" className="danger" onClick={() => remove.mutate({ contact_id: c.id })}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Empty title="No contacts yet">Contacts can be added to your rooms, even from another organization.</Empty>
      )}
    </section>
  );
}
