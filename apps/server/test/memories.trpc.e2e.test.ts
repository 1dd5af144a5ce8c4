import { memorySystems, memoryTypes, memoryTypesBySystem } from '@parley/contracts/objects/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRoomMemory, makeMemoryOrg } from './harness/memoryFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { expectTrpcError, trpcClient } from './harness/trpcClient.js';

/** The memory procedures over native tRPC: the same rules as REST, from the same core. */
let ts: TestServer;
let org: Awaited<ReturnType<typeof makeMemoryOrg>>;
let agentApi: ReturnType<typeof trpcClient>;
let otherAgentApi: ReturnType<typeof trpcClient>;
let ownerApi: ReturnType<typeof trpcClient>;
let teammateApi: ReturnType<typeof trpcClient>;

beforeAll(async () => {
  ts = await startTestServer();
  org = await makeMemoryOrg(ts.server.deps);
  agentApi = trpcClient(ts.url, org.agent.apiKey);
  otherAgentApi = trpcClient(ts.url, org.otherAgent.apiKey);
  ownerApi = trpcClient(ts.url, org.owner.apiKey);
  teammateApi = trpcClient(ts.url, org.teammate.apiKey);
});
afterAll(async () => ts?.close());

const base = { content: 'Prefers window seats', segment: 'user' as const, thought: 'said so' };

describe('agent.memories.create', () => {
  it('enforces the system/type pairing for every combination', async () => {
    for (const system of memorySystems) {
      for (const type of memoryTypes) {
        const call = agentApi.agent.memories.create.mutate({
          memory: { ...base, system, type, subject_id: org.owner.user.id },
        });
        if (memoryTypesBySystem[system].includes(type)) {
          expect((await call).data).toMatchObject({ system, type, status: 'active' });
        } else {
          const error = await expectTrpcError(call, 422, 'validation_error');
          expect(Object.keys(error?.details ?? {})).toEqual(['/memory/type']);
        }
      }
    }
  });

  it('applies the scope rules', async () => {
    const memory = { ...base, system: 'working', type: 'semantic' } as const;
    const noSubject = await expectTrpcError(agentApi.agent.memories.create.mutate({ memory }), 422, 'validation_error');
    expect(Object.keys(noSubject?.details ?? {})).toEqual(['/memory/subject_id']);
    await expectTrpcError(
      agentApi.agent.memories.create.mutate({
        memory: { ...memory, subject_id: '00000000-0000-4000-8000-000000000000' },
      }),
      422,
      'validation_error',
    );
    const orgWide = await agentApi.agent.memories.create.mutate({ memory: { ...memory, scope: 'organization' } });
    expect(orgWide.data).toMatchObject({ scope: 'organization', subject_id: null });
    const aboutAgent = await agentApi.agent.memories.create.mutate({
      memory: { ...memory, subject_id: org.otherAgent.id },
    });
    expect(aboutAgent.data.subject_id).toBe(org.otherAgent.id);
  });

  it('requires thought and refuses unknown keys', async () => {
    const { thought: _, ...withoutThought } = base;
    await expectTrpcError(
      agentApi.agent.memories.create.mutate({
        memory: { ...withoutThought, system: 'working', type: 'semantic', scope: 'organization' } as never,
      }),
      422,
      'validation_error',
    );
    await expectTrpcError(
      agentApi.agent.memories.create.mutate({
        memory: { ...base, system: 'working', type: 'semantic', scope: 'organization', extra: 1 } as never,
      }),
      400,
      'unknown_property',
    );
  });

  it('is refused to a user key', async () => {
    await expectTrpcError(
      ownerApi.agent.memories.create.mutate({
        memory: { ...base, system: 'working', type: 'semantic', scope: 'organization' },
      }),
      403,
      'forbidden',
    );
  });
});

describe('agent.memories changes', () => {
  it('lets only the creating agent supersede, delete (alias) or archive', async () => {
    const { data } = await agentApi.agent.memories.create.mutate({
      memory: { ...base, system: 'long_term', type: 'episodic', subject_id: org.owner.user.id },
    });
    await expectTrpcError(otherAgentApi.agent.memories.supersede.mutate({ id: data.id }), 403, 'forbidden');
    await expectTrpcError(otherAgentApi.agent.memories.delete.mutate({ id: data.id }), 403, 'forbidden');
    await expectTrpcError(otherAgentApi.agent.memories.archive.mutate({ id: data.id }), 403, 'forbidden');
    expect((await otherAgentApi.agent.memories.get.query({ id: data.id })).data.status).toBe('active');
    expect((await agentApi.agent.memories.archive.mutate({ id: data.id })).data.status).toBe('archived');
    expect((await agentApi.agent.memories.delete.mutate({ id: data.id })).data.status).toBe('superseded');
    await expectTrpcError(agentApi.agent.memories.archive.mutate({ id: data.id }), 422, 'validation_error');
    await expectTrpcError(agentApi.agent.memories.get.query({ id: 'nope' }), 422, 'validation_error');
  });
});

describe('agent.memories.list', () => {
  it('defaults to the memories about the subject plus the organization ones, with both metadata keys', async () => {
    const subject = org.teammate.user.id;
    const about = await agentApi.agent.memories.create.mutate({
      memory: { ...base, system: 'working', type: 'procedural', subject_id: subject },
    });
    const page = await agentApi.agent.memories.list.query({ subject_id: subject, page_size: 50 });
    const ids = page.data.map((m) => m.id);
    expect(ids).toContain(about.data.id);
    for (const m of page.data) {
      expect(m.scope === 'organization' || m.subject_id === subject).toBe(true);
      expect(m.status).toBe('active');
    }
    expect(page.meta).toEqual(page.metadata);
    const subjectOnly = await agentApi.agent.memories.list.query({ scope: 'subject', subject_id: subject });
    expect(subjectOnly.data.map((m) => m.id)).toEqual([about.data.id]);
    await expectTrpcError(agentApi.agent.memories.list.query({ scope: 'subject' }), 422, 'validation_error');
    await expectTrpcError(agentApi.agent.memories.list.query({ page: 1, limit: 2 }), 422, 'validation_error');
  });
});

describe('human.memories', () => {
  it('lists by scope and narrows to a room the user is in', async () => {
    const aboutTeammate = await agentApi.agent.memories.create.mutate({
      memory: { ...base, system: 'working', type: 'episodic', subject_id: org.teammate.user.id, content: 'tm' },
    });
    const inRoom = await insertRoomMemory(ts.server.deps, {
      organizationId: org.organizationId,
      roomId: org.room,
      sourceAgentId: org.agent.id,
      content: 'said in the room',
      subjectId: org.teammate.user.id,
    });
    const aboutMe = (await teammateApi.human.memories.list.query({ scope: 'about_me' })).data.map((m) => m.id);
    expect(aboutMe).toContain(aboutTeammate.data.id);
    expect(aboutMe).toContain(inRoom);
    // The owner is in the room; the teammate is not, though the memory is about them.
    expect((await ownerApi.human.memories.list.query({ scope: 'room' })).data.map((m) => m.id)).toEqual([inRoom]);
    expect((await teammateApi.human.memories.list.query({ scope: 'room' })).data).toEqual([]);
    expect((await teammateApi.human.memories.list.query({ chat_room_id: org.room })).data).toEqual([]);
    const organization = (await ownerApi.human.memories.list.query({ scope: 'organization' })).data;
    expect(organization.every((m) => m.scope === 'organization')).toBe(true);
    expect((await ownerApi.human.memories.get.query({ id: inRoom })).data.chat_room_id).toBe(org.room);
    await expectTrpcError(ownerApi.human.memories.get.query({ id: aboutTeammate.data.id }), 404, 'not_found');
  });

  it('changes only memories about the caller: archive, restore, supersede, delete', async () => {
    const { data } = await agentApi.agent.memories.create.mutate({
      memory: { ...base, system: 'working', type: 'episodic', subject_id: org.owner.user.id },
    });
    const orgWide = await agentApi.agent.memories.create.mutate({
      memory: { ...base, system: 'working', type: 'episodic', scope: 'organization' },
    });
    await expectTrpcError(ownerApi.human.memories.archive.mutate({ id: orgWide.data.id }), 403, 'forbidden');
    await expectTrpcError(ownerApi.human.memories.delete.mutate({ id: orgWide.data.id }), 403, 'forbidden');
    await expectTrpcError(teammateApi.human.memories.archive.mutate({ id: data.id }), 404, 'not_found');
    await expectTrpcError(ownerApi.human.memories.restore.mutate({ id: data.id }), 422, 'validation_error');
    expect((await ownerApi.human.memories.archive.mutate({ id: data.id })).data.status).toBe('archived');
    expect((await ownerApi.human.memories.restore.mutate({ id: data.id })).data.status).toBe('active');
    expect((await ownerApi.human.memories.supersede.mutate({ id: data.id })).data.status).toBe('superseded');
    expect(await ownerApi.human.memories.delete.mutate({ id: data.id })).toBeNull();
    await expectTrpcError(ownerApi.human.memories.get.query({ id: data.id }), 404, 'not_found');
    await expectTrpcError(agentApi.human.memories.list.query(), 403, 'forbidden');
  });
});
