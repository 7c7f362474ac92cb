import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../../test/support/test-app.ts';
import { personWithToken } from '../../../../../test/support/factories.ts';
import { localServer, type LocalServer } from '../../../../../test/support/media-fixtures.ts';
import { createOrganization, createShotType, createSubject, v1, type Caller } from '../../../../../test/support/set-design-factories.ts';
import { waitFor } from '../../../../../test/support/wait.ts';

interface NotificationBody { id: string; set_design_id: string; requested_by: string; kind: string; message: string; read_at: string | null; data: Record<string, unknown> }

let ctx: TestContext;
let operators: LocalServer;
let answers: number[];
let owner: Caller;
let admin: Caller;
let member: Caller;
let outsider: Caller;
let studioAdmin: Caller;
let organizationId: string;
let otherOrganizationId: string;
let subjectId: string;
let shotTypeId: string;
let setDesignId: string;

beforeAll(async () => {
  // The operators channel answers 500 once, then 200: the job must retry.
  answers = [500];
  operators = await localServer((_request, response) => {
    response.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' }).end('ok');
  });
  ctx = await createTestContext({ operatorsWebhookUrl: `${operators.url}/hooks/operators` });
  ctx.deps.jobs.start();
  [owner, admin, member, outsider] = await Promise.all([personWithToken(ctx), personWithToken(ctx), personWithToken(ctx), personWithToken(ctx)]);
  studioAdmin = await personWithToken(ctx, 'admin');
  organizationId = await createOrganization(ctx, owner, [{ person: admin, role: 'admin' }, { person: member, role: 'member' }]);
  otherOrganizationId = await createOrganization(ctx, outsider);
  subjectId = await createSubject(ctx, owner, organizationId, 'Ana');
  shotTypeId = await createShotType(ctx, owner, 'front_full_body', organizationId);
  setDesignId = (await v1<{ id: string }>(ctx, owner, 'POST', `/set-designs/?organization_id=${organizationId}`, { name: 'Loft' })).body.id;
});
afterAll(async () => {
  await ctx.close();
  await operators.close();
});

const request = (caller: Caller, body: unknown, org: string | null = organizationId, id = setDesignId) =>
  v1(ctx, caller, 'POST', `/set-designs/${id}/request-completion${org ? `?organization_id=${org}` : ''}`, body);

describe('completion requests', () => {
  it('notifies the organization admins in the app and the operators channel, retrying after a failure', async () => {
    const res = await request(member, { subject_ids: [subjectId], shot_type_ids: [shotTypeId] });
    expect(res).toEqual({ status: 200, body: { message: 'Completion request sent to the operators' } });

    for (const recipient of [owner, admin]) {
      const inbox = await v1<{ data: NotificationBody[]; count: number }>(ctx, recipient, 'GET', '/set-designs/notifications');
      expect(inbox.body.count).toBe(1);
      expect(inbox.body.data[0]).toMatchObject({ set_design_id: setDesignId, requested_by: member.id, kind: 'completion_request', read_at: null, data: { subject_ids: [subjectId], shot_type_ids: [shotTypeId] } });
      expect(inbox.body.data[0].message).toMatch(/"Loft".*subjects: Ana; shot types: front_full_body/);
    }
    expect((await v1<{ count: number }>(ctx, member, 'GET', '/set-designs/notifications')).body.count).toBe(0);

    const delivered = await waitFor(() => operators.requests.length >= 2 && operators.requests, { timeoutMs: 10_000, what: 'the webhook retry' });
    expect(delivered).toHaveLength(2);
    for (const call of delivered) {
      expect(call.method).toBe('POST');
      expect(call.path).toBe('/hooks/operators');
      expect(JSON.parse(call.body)).toEqual({ text: expect.stringMatching(/requests completion of set design "Loft"/) });
    }
    const job = await waitFor(async () => {
      const row = await ctx.db.selectFrom('job').selectAll().where('queue', '=', 'set-design.operators-webhook').executeTakeFirst();
      return row?.state === 'completed' ? row : undefined;
    }, { what: 'the webhook job to complete' });
    expect(job).toMatchObject({ attempts: 2, last_error: 'The operators webhook answered HTTP 500' });
  });

  it('marks a notification read for its recipient only', async () => {
    const inbox = await v1<{ data: NotificationBody[] }>(ctx, admin, 'GET', '/set-designs/notifications');
    const id = inbox.body.data[0].id;
    expect((await v1(ctx, member, 'POST', `/set-designs/notifications/${id}/read`)).status).toBe(404);
    const read = await v1<NotificationBody>(ctx, admin, 'POST', `/set-designs/notifications/${id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.read_at).toMatch(/Z$/);
  });

  it('tells the studio admins about a set design without organization', async () => {
    const subject = await createSubject(ctx, member);
    const personal = (await v1<{ id: string }>(ctx, member, 'POST', '/set-designs/', { name: 'Personal' })).body.id;
    expect((await request(member, { subject_ids: [subject], shot_type_ids: [] }, null, personal)).status).toBe(200);
    const inbox = await v1<{ data: NotificationBody[] }>(ctx, studioAdmin, 'GET', '/set-designs/notifications');
    expect(inbox.body.data.map((n) => n.set_design_id)).toContain(personal);
  });

  it('answers 404 to outsiders and for unknown ids, 422 for invalid bodies', async () => {
    expect((await request(outsider, { subject_ids: [], shot_type_ids: [] }, otherOrganizationId)).status).toBe(404);
    expect((await request(outsider, { subject_ids: [], shot_type_ids: [] })).status).toBe(404);
    expect((await request(owner, { subject_ids: [], shot_type_ids: [] }, organizationId, '00000000-0000-4000-8000-000000000000')).body).toEqual({ detail: 'Set design not found' });
    expect((await request(owner, { subject_ids: ['00000000-0000-4000-8000-000000000000'], shot_type_ids: [] })).body).toEqual({ detail: 'Subject not found' });
    const invalid = await request(owner, { subject_ids: [subjectId] });
    expect(invalid).toMatchObject({ status: 422, body: { detail: [{ type: 'missing', loc: ['body', 'shot_type_ids'] }] } });
  });
});

describe('completion requests without a webhook', () => {
  it('records the in-app notification and enqueues no webhook job', async () => {
    const quiet = await createTestContext();
    try {
      const person = await personWithToken(quiet);
      const design = (await v1<{ id: string }>(quiet, person, 'POST', '/set-designs/', { name: 'Quiet' })).body.id;
      const res = await v1(quiet, person, 'POST', `/set-designs/${design}/request-completion`, { subject_ids: [], shot_type_ids: [] });
      expect(res.status).toBe(200);
      expect(await quiet.db.selectFrom('job').selectAll().execute()).toEqual([]);
    } finally {
      await quiet.close();
    }
  });
});
