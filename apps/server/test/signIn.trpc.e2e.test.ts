import { runAdminCommand } from '@parley/core/admin/runAdminCommand';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from './harness/browserSession.js';
import { makeUser } from './harness/fixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ PARLEY_SIGNIN_MAX_FAILURES_ACCOUNT: '3', PARLEY_SIGNIN_MAX_FAILURES_IP: '8' });
});
afterAll(async () => ts?.close());

const noMigrate = async () => [];
const PASSWORD = 'correct horse battery';

/** A user with a password, set the way `parley users set-password` sets it. */
async function userWithPassword() {
  const made = await makeUser(ts.server.deps);
  await runAdminCommand(
    ts.server.deps,
    { command: 'users.set-password', handle: made.user.handle, password: PASSWORD },
    noMigrate,
  );
  return made;
}

async function signedIn() {
  const made = await userWithPassword();
  const session = browserSession(ts.url);
  await session.client.human.session.signIn.mutate({ email: made.user.email, password: PASSWORD });
  return { ...made, ...session };
}

describe('password sign-in', () => {
  it('sets an httpOnly SameSite=Lax session cookie that authenticates human procedures, tRPC and REST', async () => {
    const { user, client, jar } = await signedIn();
    const set = jar.setCookies[0] ?? '';
    expect(set).toMatch(/^parley_session=pses_[\w-]{43}; Expires=/);
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Lax');
    expect(set).toContain('Path=/');
    expect(set).not.toContain('Secure');
    const current = await client.human.session.current.query();
    expect(current.data).toMatchObject({ user: { id: user.id, handle: user.handle }, via: 'session' });
    expect(new Date(current.data.expires_at ?? 0).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const created = await client.human.chats.create.mutate({ chat: {} });
    expect(created.data.id).toBeTruthy();
    const rest = await fetch(`${ts.url}/api/v1/me/profile`, { headers: { cookie: jar.cookie ?? '' } });
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { data: { id: string } }).data.id).toBe(user.id);
    // The database keeps only a hash of the token.
    const token = jar.cookie?.split('=')[1] ?? '';
    const rows = await ts.server.deps.db.selectFrom('user_sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash.includes(token))).toBe(false);
  });

  it('answers the same 401 for an unknown email and a wrong password, and sets no cookie', async () => {
    const { user } = await userWithPassword();
    const { client, jar } = browserSession(ts.url);
    const wrong = await expectTrpcError(
      client.human.session.signIn.mutate({ email: user.email, password: 'not the password' }),
      401,
      'invalid_credentials',
    );
    const unknown = await expectTrpcError(
      client.human.session.signIn.mutate({ email: 'nobody-here@example.test', password: 'not the password' }),
      401,
      'invalid_credentials',
    );
    expect(unknown?.message).toBe(wrong?.message);
    expect(jar.setCookies).toEqual([]);
    await expectTrpcError(client.human.session.current.query(), 401, 'unauthorized');
  });

  it('a user without a password cannot sign in with any', async () => {
    const { user } = await makeUser(ts.server.deps);
    const { client } = browserSession(ts.url);
    await expectTrpcError(
      client.human.session.signIn.mutate({ email: user.email, password: 'anything at all' }),
      401,
      'invalid_credentials',
    );
  });

  it('rate-limits failed attempts per account: 429 even with the right password, until the window passes', async () => {
    const { user } = await userWithPassword();
    const { client } = browserSession(ts.url);
    for (let i = 0; i < 3; i++) {
      await expectTrpcError(
        client.human.session.signIn.mutate({ email: user.email.toUpperCase(), password: `wrong ${i}` }),
        401,
        'invalid_credentials',
      );
    }
    const limited = await expectTrpcError(
      client.human.session.signIn.mutate({ email: user.email, password: PASSWORD }),
      429,
      'rate_limited',
    );
    expect(limited?.details?.retry_after_seconds).toBeGreaterThan(0);
    // The window passes (the failures age out): the right password works again.
    await sql`UPDATE sign_in_failures SET inserted_at = now() - interval '1 hour'`.execute(ts.server.deps.db);
    await client.human.session.signIn.mutate({ email: user.email, password: PASSWORD });
  });

  it('rate-limits failed attempts per IP across accounts', async () => {
    await ts.server.deps.db.deleteFrom('sign_in_failures').execute();
    const { client } = browserSession(ts.url);
    for (let i = 0; i < 8; i++) {
      await expectTrpcError(
        client.human.session.signIn.mutate({ email: `someone${i}@example.test`, password: 'guess' }),
        401,
        'invalid_credentials',
      );
    }
    const { user } = await userWithPassword();
    await expectTrpcError(
      client.human.session.signIn.mutate({ email: user.email, password: PASSWORD }),
      429,
      'rate_limited',
    );
    await ts.server.deps.db.deleteFrom('sign_in_failures').execute();
  });

  it('sets the Secure flag when the client came over https through a trusted proxy', async () => {
    const proxied = await startTestServer({ PARLEY_TRUST_PROXY: 'true' });
    try {
      const made = await makeUser(proxied.server.deps);
      await runAdminCommand(
        proxied.server.deps,
        { command: 'users.set-password', handle: made.user.handle, password: PASSWORD },
        noMigrate,
      );
      const host = new URL(proxied.url).host;
      const response = await fetch(`${proxied.url}/trpc/human.session.signIn`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-proto': 'https',
          origin: `https://${host}`,
        },
        body: JSON.stringify({ email: made.user.email, password: PASSWORD }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()[0]).toMatch(/; Secure/);
    } finally {
      await proxied.close();
    }
  });
});

describe('cross-site protection (Origin check on cookie-authenticated mutations)', () => {
  it('refuses a cookie mutation from a foreign origin or without an Origin, and allows queries and API keys', async () => {
    const { jar, apiKey } = await signedIn();
    const foreign = browserSession(ts.url, { origin: 'https://evil.example' });
    foreign.jar.cookie = jar.cookie;
    await expectTrpcError(foreign.client.human.chats.create.mutate({ chat: {} }), 403, 'forbidden');
    const bare = browserSession(ts.url, { origin: null });
    bare.jar.cookie = jar.cookie;
    await expectTrpcError(bare.client.human.chats.create.mutate({ chat: {} }), 403, 'forbidden');
    // A read is harmless (and unreadable cross-site); an API key is not a cookie, so no Origin is needed.
    expect((await bare.client.human.session.current.query()).data.via).toBe('session');
    await trpcClient(ts.url, apiKey).human.chats.create.mutate({ chat: {} });
    // Signing in from a foreign page is refused too (login CSRF).
    await expectTrpcError(
      foreign.client.human.session.signIn.mutate({ email: 'x@example.test', password: 'whatever' }),
      403,
      'forbidden',
    );
  });
});

describe('sessions end', () => {
  it('sign-out revokes the session and clears the cookie; the old cookie no longer works', async () => {
    const { client, jar } = await signedIn();
    const cookie = jar.cookie;
    await client.human.session.signOut.mutate({});
    expect(jar.setCookies.at(-1)).toMatch(/^parley_session=; Max-Age=0/);
    expect(jar.cookie).toBeUndefined();
    const replay = browserSession(ts.url);
    replay.jar.cookie = cookie;
    await expectTrpcError(replay.client.human.session.current.query(), 401, 'unauthorized');
  });

  it('sign-out everywhere ends the other sessions too', async () => {
    const first = await signedIn();
    const second = browserSession(ts.url);
    await second.client.human.session.signIn.mutate({ email: first.user.email, password: PASSWORD });
    await second.client.human.session.signOut.mutate({ everywhere: true });
    await expectTrpcError(first.client.human.session.current.query(), 401, 'unauthorized');
  });

  it('an expired session answers 401', async () => {
    const { client, user } = await signedIn();
    await ts.server.deps.db
      .updateTable('user_sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    await expectTrpcError(client.human.session.current.query(), 401, 'unauthorized');
  });

  it("setting a password (operator) ends every session; changing one's own needs the current one", async () => {
    const { client, user } = await signedIn();
    await expectTrpcError(
      client.human.session.changePassword.mutate({ current_password: 'wrong', new_password: 'a new long password' }),
      422,
      'validation_error',
    );
    await expectTrpcError(
      client.human.session.changePassword.mutate({ current_password: PASSWORD, new_password: 'short' }),
      422,
      'validation_error',
    );
    await client.human.session.changePassword.mutate({
      current_password: PASSWORD,
      new_password: 'a new long password',
    });
    expect((await client.human.session.current.query()).data.user.id).toBe(user.id);
    await runAdminCommand(
      ts.server.deps,
      { command: 'users.set-password', handle: user.handle, password: 'operator set this one' },
      noMigrate,
    );
    await expectTrpcError(client.human.session.current.query(), 401, 'unauthorized');
    const again = browserSession(ts.url);
    await again.client.human.session.signIn.mutate({ email: user.email, password: 'operator set this one' });
  });
});

describe('one-time sign-in links', () => {
  it('a link signs in once; a second use, an expired link and garbage answer 401 invalid_sign_in_link', async () => {
    const { user } = await makeUser(ts.server.deps);
    const link = await runAdminCommand(
      ts.server.deps,
      { command: 'users.login-link', handle: `@${user.handle}` },
      noMigrate,
    );
    expect(link.path).toMatch(/^\/sign-in\/link#token=plnk_[\w-]{43}$/);
    expect(new Date(String(link.expires_at)).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(new Date(String(link.expires_at)).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const token = String(link.path).split('#token=')[1] ?? '';
    const { client } = browserSession(ts.url);
    const signed = await client.human.session.redeemLink.mutate({ token });
    expect(signed.data.user.id).toBe(user.id);
    expect((await client.human.session.current.query()).data.user.handle).toBe(user.handle);
    const other = browserSession(ts.url);
    await expectTrpcError(other.client.human.session.redeemLink.mutate({ token }), 401, 'invalid_sign_in_link');
    await expectTrpcError(
      other.client.human.session.redeemLink.mutate({ token: 'garbage' }),
      401,
      'invalid_sign_in_link',
    );

    const late = await runAdminCommand(ts.server.deps, { command: 'users.login-link', handle: user.handle }, noMigrate);
    await ts.server.deps.db
      .updateTable('sign_in_links')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('used_at', 'is', null)
      .execute();
    const lateToken = String(late.path).split('#token=')[1] ?? '';
    await expectTrpcError(
      other.client.human.session.redeemLink.mutate({ token: lateToken }),
      401,
      'invalid_sign_in_link',
    );
  });

  it('only one of two concurrent redemptions of a link succeeds', async () => {
    const { user } = await makeUser(ts.server.deps);
    const link = await runAdminCommand(ts.server.deps, { command: 'users.login-link', handle: user.handle }, noMigrate);
    const token = String(link.path).split('#token=')[1] ?? '';
    const results = await Promise.allSettled(
      [0, 1, 2].map(() => browserSession(ts.url).client.human.session.redeemLink.mutate({ token })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('an unknown handle is 404', async () => {
    await expect(
      runAdminCommand(ts.server.deps, { command: 'users.login-link', handle: 'nobody-at-all' }, noMigrate),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('API keys for people (settings)', () => {
  it('creates a key shown once, lists it by prefix with last use, and revokes it', async () => {
    const { client, user } = await signedIn();
    const created = await client.human.apiKeys.create.mutate({ label: 'laptop script' });
    expect(created.data.key).toMatch(/^thnv_u_\d+_[A-Za-z0-9]{32}$/);
    expect(created.data.key.startsWith(created.data.prefix)).toBe(true);
    const viaKey = trpcClient(ts.url, created.data.key);
    expect((await viaKey.human.profile.get.query()).data.id).toBe(user.id);
    await expect
      .poll(
        async () => (await client.human.apiKeys.list.query()).data.find((k) => k.id === created.data.id)?.last_used_at,
      )
      .toBeTruthy();
    const listed = await client.human.apiKeys.list.query();
    const mine = listed.data.find((k) => k.id === created.data.id);
    expect(mine).toMatchObject({ prefix: created.data.prefix, label: 'laptop script' });
    expect(JSON.stringify(listed)).not.toContain(created.data.key);
    // The key from `users create` is listed too.
    expect(listed.data).toHaveLength(2);
    await client.human.apiKeys.revoke.mutate({ id: created.data.id });
    await expectTrpcError(viaKey.human.profile.get.query(), 401, 'unauthorized');
    expect((await client.human.apiKeys.list.query()).data.map((k) => k.id)).not.toContain(created.data.id);
    await expectTrpcError(client.human.apiKeys.revoke.mutate({ id: created.data.id }), 404, 'not_found');
  });

  it("cannot revoke another person's key or an agent's key (404)", async () => {
    const { client } = await signedIn();
    const other = await makeUser(ts.server.deps);
    const theirs = await trpcClient(ts.url, other.apiKey).human.apiKeys.list.query();
    await expectTrpcError(client.human.apiKeys.revoke.mutate({ id: theirs.data[0]?.id ?? '' }), 404, 'not_found');
    const agent = await trpcClient(ts.url, other.apiKey).human.agents.register.mutate({
      agent: { name: 'Keyed', description: 'x' },
    });
    const agentKey = await ts.server.deps.db
      .selectFrom('api_keys')
      .select('id')
      .where('principal_id', '=', agent.data.agent.id)
      .executeTakeFirstOrThrow();
    await expectTrpcError(
      trpcClient(ts.url, other.apiKey).human.apiKeys.revoke.mutate({ id: agentKey.id }),
      404,
      'not_found',
    );
  });
});
