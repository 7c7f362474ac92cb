import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../test/support/test-app.ts';

let ctx: TestContext;
let doc: { paths: Record<string, Record<string, Operation>> };
beforeAll(async () => {
  ctx = await createTestContext();
  doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(async () => {
  await ctx.close();
});

type Operation = { responses: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }> };

describe('OpenAPI document of the studio routes', () => {
  const expected: Array<[string, string, string[]]> = [
    ['/api/shots/{shot_id}/tasks', 'post', ['200', '201', '400', '403', '404']],
    ['/api/assets/{asset_id}/tasks', 'post', ['200', '201', '400', '403', '404']],
    ['/api/shots/tasks/bulk', 'post', ['200', '400', '403', '413']],
    ['/api/assets/tasks/bulk', 'post', ['200', '400', '403', '413']],
    ['/api/projects/{project_id}/task-templates', 'get', ['200', '403', '404']],
    ['/api/projects/{project_id}/task-templates', 'put', ['200', '400', '403', '404']],
    ['/api/tasks/{task_id}/audit', 'get', ['200', '403', '404']],
    ['/api/projects/{project_id}/task-statuses', 'get', ['200', '403', '404']],
    ['/api/projects/{project_id}/task-statuses', 'post', ['201', '400', '403', '404', '422']],
    ['/api/projects/{project_id}/task-statuses/{status_id}', 'put', ['200', '400', '403', '404', '422']],
    ['/api/projects/{project_id}/task-statuses/{status_id}', 'delete', ['200', '400', '403', '404', '409']],
    ['/api/projects/{project_id}/task-statuses/reorder', 'patch', ['200', '400', '403', '404', '422']],
  ];

  it.each(expected)('documents %s %s with its error responses carrying detail', (path, method, codes) => {
    const operation: Operation | undefined = doc.paths[path]?.[method];
    expect(operation).toBeDefined();
    for (const code of codes) {
      expect(operation?.responses[code], `${method} ${path} ${code}`).toBeDefined();
      if (Number(code) >= 400) {
        const schema = operation?.responses[code]?.content?.['application/json']?.schema;
        expect(schema?.properties).toHaveProperty('detail');
      }
    }
  });
});
