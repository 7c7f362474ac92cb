import pg from 'pg';
import { createTestDatabase } from '../../support/test-app.ts';

/** Black-box HTTP calls to a running Rushes, as Gazu makes them. */

async function json(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** POST /api/auth/login: the HTTP status and the body. */
export async function tryLogin(url: string, email: string, password: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, body: await json(response) };
}

/** Logs in and returns the access token; throws with the answer when the login fails. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const { status, body } = await tryLogin(url, email, password);
  const token = (body as { access_token?: unknown } | null)?.access_token;
  if (status !== 200 || typeof token !== 'string') throw new Error(`login of ${email} failed: ${status} ${JSON.stringify(body)}`);
  return token;
}

export async function api(url: string, token: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await json(response) };
}

/** A new database with no table at all, on the test server (dropped by drop(), or by the global teardown). */
export const emptyDatabase = (): Promise<{ url: string; drop(): Promise<void> }> => createTestDatabase({ noTables: true });

/** One query on a database, with a connection of its own. */
export async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
