import { setOrganizationLimits } from '@parley/core/organizations/setOrganizationLimits';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRestError } from './harness/expectError.js';
import { makeUser } from './harness/fixtures.js';
import { restClient } from './harness/http.js';
import { tryUpgrade } from './harness/phoenixClient.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';
import { expectVendorComponent, expectVendorShape } from './harness/vendorContract.js';

/**
 * Creating and configuring platform agents (issue 15) over REST and native tRPC. The provider
 * points at a closed port: nothing here mentions an agent, so no model is ever called.
 */
let ts: TestServer;
let bare: TestServer;
const api = restClient(() => ts.url);
beforeAll(async () => {
  ts = await startTestServer({
    PARLEY_LLM_BASE_URL: 'http://127.0.0.1:9/v1',
    PARLEY_LLM_MODELS: 'small-model,big-model',
    PARLEY_LLM_API_KEY: 'sk-api-test-secret',
  });
  bare = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
  await bare?.close();
});

interface MyAgent {
  id: string;
  is_external: boolean;
  model_type: string | null;
  handle: string;
  name: string;
}
const create = (key: string, agent: Record<string, unknown>) =>
  api.post<{ data: MyAgent }>('/me/agents', { key, body: { agent } });

describe('POST /me/agents', () => {
  it('creates a platform agent in the vendor agent shape, with the default model', async () => {
    const { apiKey, user } = await makeUser(ts.server.deps);
    const created = await create(apiKey, {
      name: 'Research Helper',
      description: 'Finds things',
      instructions: 'Be brief.',
    });
    expect(created.status, created.text).toBe(201);
    expectVendorComponent('MyAgent', created.body.data);
    expect(created.body.data).toMatchObject({
      name: 'Research Helper',
      is_external: false,
      model_type: 'small-model',
      handle: `${user.handle}/research-helper`,
    });
    expect(created.text).not.toContain('sk-api-test-secret');
    expect(created.text).not.toContain('api_key');

    const settings = await api.get<{ data: Record<string, unknown> }>(`/me/agents/${created.body.data.id}/platform`, {
      key: apiKey,
    });
    expect(settings.status).toBe(200);
    expect(settings.body.data).toMatchObject({
      id: created.body.data.id,
      instructions: 'Be brief.',
      model: 'small-model',
      temperature: null,
      max_tokens: null,
      available_models: ['small-model', 'big-model'],
    });
  });

  it('tells platform from external agents in the agent list', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    await create(apiKey, { name: 'Hosted', instructions: 'x', model: 'big-model', temperature: 0.2, max_tokens: 300 });
    await api.post('/me/agents/register', { key: apiKey, body: { agent: { name: 'Own', description: '' } } });
    const listed = await api.get<{ data: MyAgent[] }>('/me/agents?sort=name&order=asc', { key: apiKey });
    expectVendorShape('listMyAgents', listed);
    expect(listed.body.data.map((a) => [a.name, a.is_external, a.model_type])).toEqual([
      ['Hosted', false, 'big-model'],
      ['Own', true, null],
    ]);
    const platformOnly = await api.get<{ data: MyAgent[] }>('/me/agents?is_external=false', { key: apiKey });
    expect(platformOnly.body.data.map((a) => a.name)).toEqual(['Hosted']);
  });

  it('refuses unknown properties (400), bad settings and models not allowed (422)', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const unknown = expectRestError(
      await create(apiKey, { name: 'A', instructions: 'x', api_key: 'mine' }),
      400,
      'unknown_property',
    );
    expect(unknown.details).toEqual({ unknown_properties: ['/agent/api_key'] });
    expectRestError(await create(apiKey, { name: 'A' }), 422, 'validation_error');
    expectRestError(await create(apiKey, { name: 'A', instructions: 'x', temperature: 3 }), 422, 'validation_error');
    const model = expectRestError(
      await create(apiKey, { name: 'A', instructions: 'x', model: 'gpt-9' }),
      422,
      'validation_error',
    );
    expect(model.details).toEqual({ '/agent/model': ['must be one of: small-model, big-model'] });
    const listed = await api.get<{ data: unknown[] }>('/me/agents', { key: apiKey });
    expect(listed.body.data).toHaveLength(0);
  });

  it('counts against the agent quota (403 limit_reached)', async () => {
    const { apiKey, organization } = await makeUser(ts.server.deps);
    await setOrganizationLimits(ts.server.deps, { org: organization.slug, limits: { agents: 1 } });
    expect((await create(apiKey, { name: 'One', instructions: 'x' })).status).toBe(201);
    const refused = expectRestError(await create(apiKey, { name: 'Two', instructions: 'x' }), 403, 'limit_reached');
    expect(refused.details).toEqual({ resource: 'agents', limit: 1, current: 1 });
    const registered = await api.post('/me/agents/register', {
      key: apiKey,
      body: { agent: { name: 'Three', description: '' } },
    });
    expectRestError(registered, 403, 'limit_reached');
  });

  it('without a provider answers 503 llm_not_configured naming PARLEY_LLM_BASE_URL, and creates nothing', async () => {
    const { apiKey } = await makeUser(bare.server.deps);
    const response = await restClient(bare.url).post('/me/agents', {
      key: apiKey,
      body: { agent: { name: 'Nope', instructions: 'x' } },
    });
    const error = expectRestError(response, 503, 'llm_not_configured');
    expect(error.message).toContain('PARLEY_LLM_BASE_URL');
    const listed = await restClient(bare.url).get<{ data: unknown[] }>('/me/agents', { key: apiKey });
    expect(listed.body.data).toHaveLength(0);
  });
});

describe('platform agent settings (Parley extension)', () => {
  it('the owner updates them; a null setting goes back to the provider default', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const { id } = (await create(apiKey, { name: 'Tuned', instructions: 'x', temperature: 0.5 })).body.data;
    const updated = await api.patch<{ data: Record<string, unknown> }>(`/me/agents/${id}/platform`, {
      key: apiKey,
      body: { agent: { instructions: 'Answer in French.', model: 'big-model', temperature: null, max_tokens: 50 } },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body.data).toMatchObject({
      instructions: 'Answer in French.',
      model: 'big-model',
      temperature: null,
      max_tokens: 50,
      name: 'Tuned',
    });
    const listed = await api.get<{ data: MyAgent[] }>('/me/agents', { key: apiKey });
    expect(listed.body.data[0]?.model_type).toBe('big-model');
    expectRestError(
      await api.patch(`/me/agents/${id}/platform`, { key: apiKey, body: { agent: { model: 'gpt-9' } } }),
      422,
      'validation_error',
    );
    expectRestError(
      await api.patch(`/me/agents/${id}/platform`, { key: apiKey, body: { agent: { colour: 'red' } } }),
      400,
      'unknown_property',
    );
  });

  it('another user’s agent, an unknown id and an external agent are 404', async () => {
    const owner = await makeUser(ts.server.deps);
    const other = await makeUser(ts.server.deps);
    const { id } = (await create(owner.apiKey, { name: 'Mine', instructions: 'x' })).body.data;
    expectRestError(await api.get(`/me/agents/${id}/platform`, { key: other.apiKey }), 404, 'not_found');
    expectRestError(
      await api.patch(`/me/agents/${id}/platform`, { key: other.apiKey, body: { agent: { name: 'Stolen' } } }),
      404,
      'not_found',
    );
    expectRestError(
      await api.get('/me/agents/00000000-0000-4000-8000-000000000000/platform', { key: owner.apiKey }),
      404,
      'not_found',
    );
    const external = await api.post<{ data: { agent: { id: string } } }>('/me/agents/register', {
      key: owner.apiKey,
      body: { agent: { name: 'External', description: '' } },
    });
    expectRestError(
      await api.get(`/me/agents/${external.body.data.agent.id}/platform`, { key: owner.apiKey }),
      404,
      'not_found',
    );
  });

  it('a platform agent has no key to rotate (409 agent_has_no_key)', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const { id } = (await create(apiKey, { name: 'Keyless', instructions: 'x' })).body.data;
    const error = expectRestError(
      await api.post(`/me/agents/${id}/rotate-key`, { key: apiKey }),
      409,
      'agent_has_no_key',
    );
    expect(error.message).toContain('platform agent');
  });

  it('nobody may connect a socket as a platform agent, not even its owner (403)', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const { id } = (await create(apiKey, { name: 'Hosted', instructions: 'x' })).body.data;
    const refused = await tryUpgrade(ts.url, `vsn=2.0.0&api_key=${apiKey}&agent_id=${id}`);
    expect(refused.status).toBe(403);
    const external = await api.post<{ data: { agent: { id: string } } }>('/me/agents/register', {
      key: apiKey,
      body: { agent: { name: 'Own', description: '' } },
    });
    const allowed = await tryUpgrade(ts.url, `vsn=2.0.0&api_key=${apiKey}&agent_id=${external.body.data.agent.id}`);
    expect(allowed.opened).toBe(true);
    allowed.ws?.close();
  });

  it('works the same over native tRPC', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const client = trpcClient(ts.url, apiKey);
    const created = await client.human.agents.create.mutate({
      agent: { name: 'Native', instructions: 'Be kind.', top_p: 0.9 },
    });
    expect(created.data).toMatchObject({ is_external: false, model_type: 'small-model' });
    const read = await client.human.agents.getPlatform.query({ id: created.data.id });
    expect(read.data).toMatchObject({ instructions: 'Be kind.', top_p: 0.9 });
    const updated = await client.human.agents.updatePlatform.mutate({
      id: created.data.id,
      agent: { description: 'Kind helper' },
    });
    expect(updated.data.description).toBe('Kind helper');
    await expectTrpcError(client.human.agents.rotateKey.mutate({ id: created.data.id }), 409, 'agent_has_no_key');
    const { apiKey: bareKey } = await makeUser(bare.server.deps);
    await expectTrpcError(
      trpcClient(bare.url, bareKey).human.agents.create.mutate({ agent: { name: 'X', instructions: 'x' } }),
      503,
      'llm_not_configured',
    );
  });
});

describe('GET /me/platform-models (Parley extension)', () => {
  it('lists the allowed models, the first as default, over REST and native tRPC', async () => {
    const { apiKey } = await makeUser(ts.server.deps);
    const listed = await api.get<{ data: unknown }>('/me/platform-models', { key: apiKey });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data).toEqual({ models: ['small-model', 'big-model'], default_model: 'small-model' });
    expect(listed.text).not.toContain('sk-api-test-secret');
    expect(listed.text).not.toContain('127.0.0.1:9');
    const native = await trpcClient(ts.url, apiKey).human.agents.listPlatformModels.query();
    expect(native.data).toEqual(listed.body.data);
    expectRestError(await api.get('/me/platform-models'), 401, 'unauthorized');
    expectRestError(await api.get('/me/platform-models?x=1', { key: apiKey }), 400, 'unknown_property');
  });

  it('without a provider answers 503 llm_not_configured naming the settings, on both transports', async () => {
    const { apiKey } = await makeUser(bare.server.deps);
    const error = expectRestError(
      await restClient(bare.url).get('/me/platform-models', { key: apiKey }),
      503,
      'llm_not_configured',
    );
    expect(error.message).toContain('PARLEY_LLM_BASE_URL');
    await expectTrpcError(
      trpcClient(bare.url, apiKey).human.agents.listPlatformModels.query(),
      503,
      'llm_not_configured',
    );
  });
});
