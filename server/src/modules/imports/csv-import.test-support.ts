import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { TestContext } from '../../../../test/support/test-app.ts';
import { bearer } from '../../../../test/support/factories.ts';

/** Posts a file the way a browser form (or `curl -F file=@shots.csv`) does: multipart/form-data. */
export function postCsv(
  ctx: TestContext,
  token: string,
  path: string,
  content: string | Buffer,
  options: { field?: string; filename?: string; contentType?: string } = {},
): Promise<LightMyRequestResponse> {
  const boundary = `----rushes${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${options.filename ?? 'import.csv'}"\r\n`
    + `Content-Type: ${options.contentType ?? 'text/csv'}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/${path}`,
    headers: { ...bearer(token), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

/** A `;`-delimited CSV text from rows of cells (quoted when needed). */
export function csvText(rows: string[][], delimiter = ';'): string {
  const cell = (value: string) => (value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return rows.map((row) => row.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}
