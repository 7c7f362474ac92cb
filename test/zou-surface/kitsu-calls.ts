/**
 * Reads the requests each method of a Kitsu API-layer file (src/store/api/<name>.js: `export default
 * { method (...) { ... } }`) sends through its client (src/store/api/client.js): get/pget/pgetNdjson,
 * post/ppost/ppostFile, put/pput, del/pdel, and getModel(name, id) for `/api/data/<name>/<id>`.
 */
import { evaluate, Unresolved, type Env } from './path-expression.ts';
import { placeholderName, toApiPath } from './path-template.ts';
import type { HttpMethod } from './route-list.ts';
import { callArguments, maskNested, matchingClose, stripComments } from './source-scan.ts';
import { parseJavaScript, walk } from './statement-tree.ts';
import { parameterNames, type ExtractedFunction } from './extracted-function.ts';

const CLIENT_METHOD: Record<string, HttpMethod> = {
  get: 'GET', pget: 'GET', pgetNdjson: 'GET', getModel: 'GET',
  post: 'POST', ppost: 'POST', ppostFile: 'POST',
  put: 'PUT', pput: 'PUT',
  del: 'DELETE', pdel: 'DELETE',
};
const CLIENT_CALL = new RegExp(`\\bclient\\s*\\.\\s*(${Object.keys(CLIENT_METHOD).join('|')})\\s*\\(`, 'g');
/** A bare superagent call goes somewhere the client does not choose (custom actions: the studio's own URL). */
const SUPERAGENT_CALL = /\bsuperagent\s*\.\s*(get|post|put|del)\s*\(/g;

interface JsMethod { name: string; params: string[]; body: string }

/** The methods of the file's `export default { ... }` object. */
function exportedMethods(source: string): JsMethod[] {
  const start = source.indexOf('export default {');
  if (start < 0) return [];
  const open = source.indexOf('{', start);
  const object = source.slice(open + 1, matchingClose(source, open, 'javascript'));
  const masked = maskNested(object, 'javascript');
  const methods: JsMethod[] = [];
  for (const match of masked.matchAll(/(?:^|[\n,])\s*(?:async\s+)?([A-Za-z_]\w*)\s*\([_\s]*\)\s*\{/g)) {
    const paren = object.indexOf('(', match.index + match[0].indexOf(match[1]) + match[1].length);
    const signature = callArguments(object, paren, 'javascript');
    const bodyOpen = object.indexOf('{', signature.end);
    methods.push({ name: match[1], params: parameterNames(signature.positional, signature.keyword), body: object.slice(bodyOpen + 1, matchingClose(object, bodyOpen, 'javascript')) });
  }
  return methods;
}

function callPaths(helper: string, args: string[], env: Env): string[] {
  if (helper === 'getModel') {
    return evaluate(args[0] ?? '', env, 'javascript').map((model) => `/api/data/${model}/:${placeholderName(args[1] ?? 'id')}`);
  }
  return evaluate(args[0] ?? '', env, 'javascript');
}

/** The requests of every method of one Kitsu API-layer file. */
export function kitsuFileCalls(file: string, source: string): ExtractedFunction[] {
  return exportedMethods(stripComments(source, 'javascript')).map(({ name, params, body }) => {
    const extracted: ExtractedFunction = { module: file, function: name, calls: [], unresolved: [] };
    walk(parseJavaScript(body), new Map(), 'javascript', (code, env) => {
      for (const match of code.matchAll(CLIENT_CALL)) {
        const method = CLIENT_METHOD[match[1]];
        const args = callArguments(code, match.index + match[0].length - 1, 'javascript').positional;
        try {
          for (const path of callPaths(match[1], args, env)) extracted.calls.push({ method, path: toApiPath(path) });
        } catch (error) {
          if (!(error instanceof Unresolved)) throw error;
          const first = (args[0] ?? '').trim();
          extracted.unresolved.push({ method, reason: `client.${match[1]}(${first}): ${error.message}`, passThrough: params.includes(first) && !env.has(first) });
        }
      }
      for (const match of code.matchAll(SUPERAGENT_CALL)) {
        const first = callArguments(code, match.index + match[0].length - 1, 'javascript').positional[0] ?? '';
        extracted.unresolved.push({ method: CLIENT_METHOD[match[1]], reason: `superagent.${match[1]}(${first})`, passThrough: params.includes(first.trim()) });
      }
    });
    return extracted;
  });
}
