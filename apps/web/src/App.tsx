import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { isUnauthorized } from './errors.js';
import { LiveEvents, useLiveStatus } from './live/LiveEvents.js';
import { AgentsPage } from './pages/AgentsPage.js';
import { ContactsPage } from './pages/ContactsPage.js';
import { MemoriesPage } from './pages/MemoriesPage.js';
import { ProfilePage } from './pages/ProfilePage.js';
import { RoomPage } from './pages/RoomPage.js';
import { RoomsPage } from './pages/RoomsPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { LinkSignInPage, SignInPage } from './pages/SignInPage.js';
import { useTRPC } from './trpc.js';
import { ErrorText, Spinner } from './ui.js';

const NAV = [
  ['/', 'Rooms'],
  ['/agents', 'Agents'],
  ['/contacts', 'Contacts'],
  ['/memories', 'Memories'],
  ['/profile', 'Profile'],
  ['/settings', 'Settings'],
] as const;

export function App() {
  const trpc = useTRPC();
  const [location] = useLocation();
  const onLinkPage = location.startsWith('/sign-in/link');
  // Not while a link is being redeemed: a 401 answered before the redemption would win the race.
  const session = useQuery({
    ...trpc.human.session.current.queryOptions(),
    retry: false,
    staleTime: Infinity,
    enabled: !onLinkPage,
  });

  if (onLinkPage) return <LinkSignInPage />;
  if (session.isPending) return <Spinner label="Opening Parley…" />;
  if (session.error) {
    if (isUnauthorized(session.error)) return location === '/sign-in' ? <SignInPage /> : <Redirect to="/sign-in" />;
    return (
      <main className="center-page">
        <ErrorText error={session.error} />
        <button type="button" onClick={() => session.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  if (location === '/sign-in') return <Redirect to="/" />;
  return (
    <LiveEvents>
      <Shell handle={session.data.data.user.handle}>
        <Switch>
          <Route path="/" component={RoomsPage} />
          <Route path="/rooms/:id">{(params) => <RoomPage key={params.id} roomId={params.id} />}</Route>
          <Route path="/agents" component={AgentsPage} />
          <Route path="/contacts" component={ContactsPage} />
          <Route path="/memories" component={MemoriesPage} />
          <Route path="/profile" component={ProfilePage} />
          <Route path="/settings" component={SettingsPage} />
          <Route>
            <p>
              There is no page here. <Link href="/">Back to your rooms</Link>
            </p>
          </Route>
        </Switch>
      </Shell>
    </LiveEvents>
  );
}

function Shell({ handle, children }: { handle: string; children: React.ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [location, navigate] = useLocation();
  const live = useLiveStatus();
  const signOut = useMutation(
    trpc.human.session.signOut.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        navigate('/sign-in');
      },
    }),
  );
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="logo" aria-hidden="true" />
          Parley
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map(([href, label]) => {
              const current =
                href === '/' ? location === '/' || location.startsWith('/rooms') : location.startsWith(href);
              return (
                <li key={href}>
                  <Link href={href} aria-current={current ? 'page' : undefined}>
                    {label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="me">
          <span className="muted">@{handle}</span>
          <button type="button" className="ghost" onClick={() => signOut.mutate({})} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      {live === 'reconnecting' && (
        <div className="banner" role="status">
          Reconnecting to live updates… nothing is lost, messages will appear when the connection is back.
        </div>
      )}
      <main id="main" className="main">
        {children}
      </main>
    </div>
  );
}
