/**
 * Evaluates the expression a client passes as a URL into the set of path templates it can produce:
 * string literals, f-strings and template literals (interpolations become `:name` placeholders),
 * `+`, Python's `%` and `.format`, conditional expressions (both sides), variables already known,
 * and the clients' own URL helpers (url_path_join, get_full_url, buildQueryString).
 */
import { placeholderName } from './path-template.ts';
import { callArguments, maskNested, matchingClose, skipString, splitTopLevel, type Language } from './source-scan.ts';

/** Variables known at a point of a function: each with every value it may hold there. */
export type Env = Map<string, string[]>;

export class Unresolved extends Error {}

const placeholder = (expression: string) => `:${placeholderName(expression)}`;
const product = (lefts: string[], rights: string[]) => lefts.flatMap((left) => rights.map((right) => left + right));
const unique = (values: string[]) => [...new Set(values)];

/**
 * `{expr}` (Python f-string) or `${expr}` (template literal) interpolations: a variable already known
 * gives its values (a path piece built earlier), anything else a placeholder.
 */
function interpolate(body: string, env: Env, language: Language): string[] {
  let variants = [''];
  const append = (values: string[]) => { variants = product(variants, values); };
  for (let i = 0; i < body.length; i += 1) {
    if (language === 'python' && (body.startsWith('{{', i) || body.startsWith('}}', i))) { append([body[i]]); i += 1; continue; }
    const open = language === 'python' ? (body[i] === '{' ? i : -1) : (body.startsWith('${', i) ? i + 1 : -1);
    if (open < 0) { append([body[i]]); continue; }
    const close = matchingClose(body, open, language);
    const inner = body.slice(open + 1, close).split(/!r|!s|:(?![^[]*\])/)[0].trim();
    append(env.get(inner) ?? [placeholder(inner)]);
    i = close;
  }
  return variants;
}

/** One string literal at the start of `text`: its value (interpolations as placeholders) and its length. */
function readLiteral(text: string, env: Env, language: Language): { values: string[]; length: number } | null {
  const prefix = language === 'python' ? /^[rRbBfFuU]{0,2}/.exec(text)![0] : '';
  const quote = text[prefix.length];
  if (!quote || !(quote === '"' || quote === "'" || (language === 'javascript' && quote === '`'))) return null;
  const end = skipString(text, prefix.length, language);
  const triple = language === 'python' && text.startsWith(quote.repeat(3), prefix.length) ? 3 : 1;
  const body = text.slice(prefix.length + triple, end - triple);
  const interpolates = language === 'javascript' ? quote === '`' : /f/i.test(prefix);
  return { values: interpolates ? interpolate(body, env, language) : [body], length: end };
}

/** Python's `"a/%s/b" % x` and `"a/{}/b".format(x)`: each slot filled with a placeholder. */
function fillSlots(template: string, args: string[], slot: RegExp): string {
  let index = 0;
  return template.replace(slot, () => placeholder(args[index++] ?? 'value'));
}

function evaluateCall(name: string, args: string[], env: Env, language: Language): string[] {
  const short = name.split('.').pop();
  if (short === 'url_path_join') {
    const parts = args.map((arg) => {
      const literal = readLiteral(arg, env, language);
      if (literal && literal.length === arg.length) return literal.values;
      const known = tryEvaluate(arg, env, language);
      if (known) return known;
      // A bare name nobody assigned is the caller's own path (a helper), not an id to fill in.
      if (/^[A-Za-z_]\w*$/.test(arg.trim())) throw new Unresolved(`the variable ${arg.trim()}`);
      return [placeholder(arg)];
    });
    return parts.reduce((acc, values) => product(acc.map((left) => (left === '' ? '' : `${left}/`)), values), ['']);
  }
  if (short === 'get_full_url' || short === 'buildQueryString' || short === 'build_path_with_params') return evaluate(args[0] ?? '', env, language);
  throw new Unresolved(`a call to ${name}()`);
}

function tryEvaluate(expression: string, env: Env, language: Language): string[] | null {
  try {
    return evaluate(expression, env, language);
  } catch (error) {
    if (error instanceof Unresolved) return null;
    throw error;
  }
}

function evaluateTerm(term: string, env: Env, language: Language): string[] {
  if (term.startsWith('(') && matchingClose(term, 0, language) === term.length - 1) return evaluate(term.slice(1, -1), env, language);
  // Adjacent literals concatenate (Python, inside parentheses), then an optional .format(...).
  let rest = term;
  let values = [''];
  let literal = readLiteral(rest, env, language);
  if (literal) {
    while (literal) {
      values = product(values, literal.values);
      rest = rest.slice(literal.length).trimStart();
      literal = readLiteral(rest, env, language);
    }
    const format = /^\.format\s*\(/.exec(rest);
    if (format) {
      const args = callArguments(rest, format[0].length - 1, language);
      values = values.map((value) => fillSlots(value, args.positional, /\{\}/g));
      rest = rest.slice(args.end + 1).trim();
    }
    if (rest !== '') throw new Unresolved(`a string followed by ${rest}`);
    return values;
  }
  const call = /^([A-Za-z_][\w.]*)\s*\(/.exec(term);
  if (call && matchingClose(term, call[0].length - 1, language) === term.length - 1) {
    return evaluateCall(call[1], callArguments(term, call[0].length - 1, language).positional, env, language);
  }
  if (/^[A-Za-z_]\w*$/.test(term)) {
    const known = env.get(term);
    if (known) return known;
    throw new Unresolved(`the variable ${term}`);
  }
  throw new Unresolved(`the expression ${term}`);
}

/** Every path template the expression may produce; throws Unresolved when it cannot tell. */
export function evaluate(expression: string, env: Env, language: Language): string[] {
  const expr = expression.trim();
  const masked = maskNested(expr, language);
  if (language === 'python') {
    const ifAt = masked.search(/\sif\s/);
    const elseAt = masked.search(/\selse\s/);
    if (ifAt > 0 && elseAt > ifAt) {
      return unique([...evaluate(expr.slice(0, ifAt), env, language), ...evaluate(expr.slice(elseAt + 5), env, language)]);
    }
    const percent = masked.search(/\s%\s/);
    if (percent > 0) {
      const right = expr.slice(percent + 2).trim();
      const args = right.startsWith('(') ? splitTopLevel(right.slice(1, -1), /,/, language).filter(Boolean) : [right];
      return evaluate(expr.slice(0, percent), env, language).map((template) => fillSlots(template, args, /%[sdi]/g));
    }
  } else {
    const question = masked.search(/\?(?![.?])/);
    if (question > 0) {
      const colon = masked.indexOf(':', question);
      if (colon > question) {
        return unique([...evaluate(expr.slice(question + 1, colon), env, language), ...evaluate(expr.slice(colon + 1), env, language)]);
      }
    }
  }
  const terms = splitTopLevel(expr, /\+/, language);
  return unique(terms.map((term) => evaluateTerm(term, env, language)).reduce((acc, values) => product(acc, values), ['']));
}
