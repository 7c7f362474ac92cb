/**
 * Reads the requests each function of a Gazu module sends. Gazu goes through its transport helpers
 * (gazu/client.py, imported as `raw`): fetch_all/fetch_first prefix `data/`, fetch_one/create/update
 * build `data/<model>[/<id>]`, get/post/put/delete/upload/download take the path as given.
 */
import { evaluate, Unresolved, type Env } from './path-expression.ts';
import { placeholderName, toApiPath } from './path-template.ts';
import type { HttpMethod } from './route-list.ts';
import { callArguments, matchingClose, stripComments } from './source-scan.ts';
import { parsePython, walk } from './statement-tree.ts';
import { parameterNames, type ExtractedFunction } from './extracted-function.ts';

const HELPER_METHOD: Record<string, HttpMethod> = {
  fetch_all: 'GET', fetch_first: 'GET', fetch_one: 'GET', get: 'GET', download: 'GET',
  create: 'POST', post: 'POST', upload: 'POST',
  update: 'PUT', put: 'PUT',
  delete: 'DELETE',
};

/** The transport modules call their helpers by bare name; every other module through `raw.`. */
const TRANSPORT_MODULES = new Set(['client', 'aio']);

function helperPattern(module: string): RegExp {
  const helpers = Object.keys(HELPER_METHOD).join('|');
  return TRANSPORT_MODULES.has(module)
    ? new RegExp(`(?<![\\w.])(?:await\\s+)?(${helpers})\\s*\\(`, 'g')
    : new RegExp(`(?<![\\w.])raw\\s*\\.\\s*(${helpers})\\s*\\(`, 'g');
}
const SESSION_CALL = /\bsession\s*\.\s*(get|post|put|delete|head)\s*\(/g;

interface PythonFunction { name: string; params: string[]; body: string }

/** Every function and method of a module, nested helper functions left inside their parent's body. */
function pythonFunctions(source: string): PythonFunction[] {
  const functions: PythonFunction[] = [];
  const defPattern = /^([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(/gm;
  let coveredUntil = -1;
  let coveredIndent = -1;
  for (const match of source.matchAll(defPattern)) {
    const indent = match[1].length;
    if (match.index < coveredUntil && indent > coveredIndent) continue;
    const open = match.index + match[0].length - 1;
    const signature = callArguments(source, open, 'python');
    const colon = source.indexOf(':', matchingClose(source, open, 'python'));
    const bodyStart = source.indexOf('\n', colon) + 1;
    const rest = source.slice(bodyStart);
    const end = rest.search(new RegExp(`^[ \\t]{0,${indent}}\\S`, 'm'));
    const body = end < 0 ? rest : rest.slice(0, end);
    const classMatch = indent > 0 ? [...source.slice(0, match.index).matchAll(/^class\s+(\w+)/gm)].pop() : undefined;
    functions.push({ name: classMatch ? `${classMatch[1]}.${match[2]}` : match[2], params: parameterNames(signature.positional, signature.keyword), body });
    coveredUntil = bodyStart + body.length;
    coveredIndent = indent;
  }
  return functions;
}

function callPaths(helper: string, args: string[], env: Env): string[] {
  const paths = (expr: string | undefined) => evaluate(expr ?? '', env, 'python');
  switch (helper) {
    case 'fetch_all':
    case 'fetch_first':
    case 'create':
      return paths(args[0]).map((path) => `data/${path}`);
    case 'fetch_one':
    case 'update':
      return paths(args[0]).map((model) => `data/${model}/:${placeholderName(args[1] ?? 'id')}`);
    default:
      return paths(args[0]);
  }
}

/** The requests of every function of one Gazu module. */
export function gazuModuleCalls(module: string, source: string): ExtractedFunction[] {
  const pattern = helperPattern(module);
  return pythonFunctions(stripComments(source, 'python')).map(({ name, params, body }) => {
    const extracted: ExtractedFunction = { module, function: name, calls: [], unresolved: [] };
    const record = (method: HttpMethod, helper: string, args: string[], env: Env) => {
      try {
        for (const path of callPaths(helper, args, env)) extracted.calls.push({ method, path: toApiPath(path) });
      } catch (error) {
        if (!(error instanceof Unresolved)) throw error;
        const first = (args[0] ?? '').trim();
        extracted.unresolved.push({ method, reason: `${helper}(${first}): ${error.message}`, passThrough: params.includes(first) && !env.has(first) });
      }
    };
    walk(parsePython(body), new Map(), 'python', (code, env) => {
      for (const match of code.matchAll(pattern)) {
        const open = match.index + match[0].length - 1;
        record(HELPER_METHOD[match[1]], match[1], callArguments(code, open, 'python').positional, env);
      }
      for (const match of code.matchAll(SESSION_CALL)) {
        const open = match.index + match[0].length - 1;
        record(match[1].toUpperCase() as HttpMethod, 'session', callArguments(code, open, 'python').positional, env);
      }
    });
    return extracted;
  });
}
