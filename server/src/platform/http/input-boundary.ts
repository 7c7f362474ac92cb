import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../errors/index.ts';

/**
 * The one input boundary every route inherits: whatever a client sends is refused here with a 400 from
 * the catalogue before any route, schema or SQL sees it, when it could only end as a 500 or in
 * another person's client crashing:
 * - a NUL character in any string (body, query, path): PostgreSQL text cannot hold one;
 * - JSON nested deeper than MAX_JSON_DEPTH: serialisers and Python's `json` recurse on depth, so a
 *   deep value stored by one person would break every client that lists it;
 * - a multipart body without its boundary, which the multipart reader cannot even start on.
 * `__proto__` and `constructor.prototype` keys are refused by Fastify's own JSON parser, kept here.
 */

export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';
// A NUL can only reach a parsed JSON value through the escape `\u0000` (a raw control character is
// not valid JSON), so bodies without that text skip the walk.
const NUL_ESCAPE = /\\u0000/i;

/** How deeply arrays and objects nest in a JSON text, counted without parsing it (strings skipped). */
export function jsonNestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index += 1; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return deepest;
}

/** The dotted path of the first string (value or key) holding a NUL character, or null. Iterative. */
export function findNulCharacter(value: unknown): string | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: path ? `${path}.${index}` : String(index) }));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const itemPath = path ? `${path}.${key}` : key;
        if (key.includes(NUL)) return itemPath.replaceAll(NUL, '\\u0000');
        stack.push({ value: item, path: itemPath });
      }
    }
  }
  return null;
}

const nulRefused = (where: string, field: string) =>
  errors.validation(
    [{ field: field || where, message: 'must not contain the NUL character (\\u0000)' }],
    `Validation error: ${field || where} must not contain the NUL character (\\u0000).`,
  );

const tooDeep = () =>
  errors.badRequest(`The request body nests arrays and objects deeper than the ${MAX_JSON_DEPTH} levels allowed.`);

function registerJsonParser(app: FastifyInstance): void {
  // Fastify's parser with prototype poisoning refused, behind the depth and NUL checks.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.length > MAX_JSON_DEPTH * 2 && jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(tooDeep(), undefined);
      return;
    }
    void parseJson(request, text, (error, parsed) => {
      if (error) return done(error, undefined);
      if (NUL_ESCAPE.test(text)) {
        const field = findNulCharacter(parsed);
        if (field !== null) return done(nulRefused('body', field), undefined);
      }
      done(null, parsed);
    });
  });
}

/** Query strings, path parameters and bodies read by other parsers (forms) get the same NUL check. */
function checkDecodedInput(request: FastifyRequest): void {
  const queryField = findNulCharacter(request.query);
  if (queryField !== null) throw nulRefused('query', queryField);
  const paramField = findNulCharacter(request.params);
  if (paramField !== null) throw nulRefused('path', paramField);
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json') && request.body !== undefined) {
    const bodyField = findNulCharacter(request.body);
    if (bodyField !== null) throw nulRefused('body', bodyField);
  }
}

function checkMultipartBoundary(request: FastifyRequest): void {
  const type = request.headers['content-type'];
  if (type && /^multipart\/form-data\b/i.test(type) && !/;\s*boundary=("[^"]+"|[^\s;]+)/i.test(type)) {
    throw errors.badRequest('A multipart/form-data body needs a boundary in its Content-Type header.');
  }
}

export function registerInputBoundary(app: FastifyInstance): void {
  registerJsonParser(app);
  app.addHook('onRequest', async (request) => checkMultipartBoundary(request));
  app.addHook('preValidation', async (request) => checkDecodedInput(request));
}
