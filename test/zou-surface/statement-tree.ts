/**
 * A function body as a tree of statements (assignments, if/else chains, anything else), walked to know
 * which values a URL variable may hold at each call: `path += "/x"` inside an `if` gives the path both
 * with and without `/x`; an if/else-if/else chain gives one value per branch.
 */
import { evaluate, Unresolved, type Env } from './path-expression.ts';
import { matchingClose, skipString, type Language } from './source-scan.ts';

export type Statement =
  | { kind: 'assign'; name: string; op: '=' | '+='; expr: string }
  | { kind: 'branches'; head: string; branches: Statement[][]; exhaustive: boolean }
  | { kind: 'other'; text: string };

function classify(text: string): Statement {
  const assign = /^(?:(?:const|let|var)\s+)?([A-Za-z_]\w*)\s*(\+=|=)(?!=)\s*([\s\S]+)$/.exec(text.trim());
  if (assign) return { kind: 'assign', name: assign[1], op: assign[2] as '=' | '+=', expr: assign[3] };
  return { kind: 'other', text };
}

// ---------------------------------------------------------------- JavaScript

const CONTINUES_AFTER = /[=+?:(,|&]$/;
const CONTINUES_BEFORE = /^[.?:+]/;

/** Index where the JavaScript statement starting at `from` ends (newline or `;` at depth 0, unless the expression goes on). */
function jsStatementEnd(body: string, from: number): number {
  for (let i = from; i < body.length; i += 1) {
    const c = body[i];
    if (c === '"' || c === "'" || c === '`') { i = skipString(body, i, 'javascript') - 1; continue; }
    if ('([{'.includes(c)) { i = matchingClose(body, i, 'javascript'); continue; }
    if (c === ';') return i + 1;
    if (c === '\n') {
      const before = body.slice(from, i).trimEnd();
      const after = body.slice(i).trimStart();
      if (!CONTINUES_AFTER.test(before) && !CONTINUES_BEFORE.test(after)) return i;
    }
  }
  return body.length;
}

function jsBranch(body: string, at: number): { statements: Statement[]; end: number } {
  let i = at;
  while (/\s/.test(body[i] ?? '')) i += 1;
  if (body[i] === '{') {
    const close = matchingClose(body, i, 'javascript');
    return { statements: parseJavaScript(body.slice(i + 1, close)), end: close + 1 };
  }
  const end = jsStatementEnd(body, i);
  return { statements: [classify(body.slice(i, end))], end };
}

/** The statements of a JavaScript block's inside. */
export function parseJavaScript(body: string): Statement[] {
  const statements: Statement[] = [];
  let i = 0;
  while (i < body.length) {
    while (i < body.length && /[\s;]/.test(body[i])) i += 1;
    if (i >= body.length) break;
    if (/^if\s*\(/.test(body.slice(i))) {
      const branches: Statement[][] = [];
      let head = '';
      let exhaustive = false;
      let at = i;
      for (;;) {
        const open = body.indexOf('(', at);
        const close = matchingClose(body, open, 'javascript');
        head += body.slice(open, close + 1);
        const branch = jsBranch(body, close + 1);
        branches.push(branch.statements);
        at = branch.end;
        const rest = body.slice(at);
        const elseIf = /^\s*else\s+if\s*\(/.exec(rest);
        if (elseIf) { at += elseIf[0].length - 1; continue; }
        const plainElse = /^\s*else\b/.exec(rest);
        if (plainElse) {
          const last = jsBranch(body, at + plainElse[0].length);
          branches.push(last.statements);
          exhaustive = true;
          at = last.end;
        }
        break;
      }
      statements.push({ kind: 'branches', head, branches, exhaustive });
      i = at;
      continue;
    }
    const end = jsStatementEnd(body, i);
    statements.push(classify(body.slice(i, end).replace(/;$/, '')));
    i = end;
  }
  return statements;
}

// ---------------------------------------------------------------- Python

interface LogicalLine { indent: number; text: string }

/** Physical lines joined while brackets are open or a line ends with a backslash. */
function logicalLines(body: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let i = 0;
  while (i < body.length) {
    const lineStart = i;
    let depth = 0;
    for (; i < body.length; i += 1) {
      const c = body[i];
      if (c === '"' || c === "'") { i = skipString(body, i, 'python') - 1; continue; }
      if ('([{'.includes(c)) depth += 1;
      else if (')]}'.includes(c)) depth -= 1;
      else if (c === '\n' && depth <= 0 && body[i - 1] !== '\\') break;
    }
    const raw = body.slice(lineStart, i);
    i += 1;
    if (raw.trim() === '') continue;
    lines.push({ indent: raw.length - raw.trimStart().length, text: raw.trim() });
  }
  return lines;
}

const PY_LOOP = /^(for|while|except)\b.*:$/;
const PY_PLAIN_BLOCK = /^(with|try|finally|async\s+with|async\s+for)\b.*:$|^(try|finally):$/;

function pythonBlock(lines: LogicalLine[], from: number, indent: number): { statements: Statement[]; next: number } {
  const statements: Statement[] = [];
  let i = from;
  const blockOf = (header: number) => {
    const inner = lines[header + 1];
    if (!inner || inner.indent <= lines[header].indent) return { statements: [] as Statement[], next: header + 1 };
    return pythonBlock(lines, header + 1, inner.indent);
  };
  while (i < lines.length && lines[i].indent >= indent) {
    const line = lines[i];
    const inlineIf = /^if\s+(.+?):\s*(\S.*)$/.exec(line.text);
    if (/^if\s.*:$/.test(line.text) || inlineIf) {
      const branches: Statement[][] = [];
      let exhaustive = false;
      let head = line.text;
      if (inlineIf && !line.text.endsWith(':')) {
        branches.push([classify(inlineIf[2])]);
        i += 1;
      } else {
        const first = blockOf(i);
        branches.push(first.statements);
        i = first.next;
      }
      while (i < lines.length && lines[i].indent === line.indent && /^(elif\s.*|else\s*):$/.test(lines[i].text)) {
        exhaustive ||= lines[i].text.startsWith('else');
        head += lines[i].text;
        const block = blockOf(i);
        branches.push(block.statements);
        i = block.next;
      }
      statements.push({ kind: 'branches', head, branches, exhaustive });
      continue;
    }
    if (PY_LOOP.test(line.text) || PY_PLAIN_BLOCK.test(line.text)) {
      const block = blockOf(i);
      statements.push({ kind: 'branches', head: line.text, branches: [block.statements], exhaustive: PY_PLAIN_BLOCK.test(line.text) });
      i = block.next;
      continue;
    }
    statements.push(classify(line.text));
    i += 1;
  }
  return { statements, next: i };
}

/** The statements of a Python function body (its lines, comments and docstrings already removed). */
export function parsePython(body: string): Statement[] {
  const lines = logicalLines(body);
  return lines.length === 0 ? [] : pythonBlock(lines, 0, lines[0].indent).statements;
}

// ---------------------------------------------------------------- walking

const cloneEnv = (env: Env): Env => new Map([...env].map(([name, values]) => [name, [...values]]));

function mergeEnvs(envs: Env[]): Env {
  const merged: Env = new Map();
  for (const env of envs) {
    for (const [name, values] of env) merged.set(name, [...new Set([...(merged.get(name) ?? []), ...values])]);
  }
  return merged;
}

const ARROW_BLOCK = /=>\s*\{/g;

/**
 * Walks the statements in order, calling `visit` with the text of every piece of code that may hold a
 * call and the variables known there. Variables whose value cannot be told are forgotten.
 */
export function walk(statements: Statement[], env: Env, language: Language, visit: (code: string, env: Env) => void): Env {
  let current = env;
  for (const statement of statements) {
    if (statement.kind === 'branches') {
      visit(statement.head, current);
      const ends = statement.branches.map((branch) => walk(branch, cloneEnv(current), language, visit));
      current = mergeEnvs(statement.exhaustive ? ends : [...ends, current]);
      continue;
    }
    const code = statement.kind === 'assign' ? statement.expr : statement.text;
    // Callback-style code (`new Promise((resolve) => { ... })`): the block is walked as statements.
    const arrow = language === 'javascript' ? [...code.matchAll(ARROW_BLOCK)][0] : undefined;
    if (arrow) {
      const open = arrow.index + arrow[0].length - 1;
      const close = matchingClose(code, open, language);
      visit(code.slice(0, open) + code.slice(close + 1), current);
      walk(parseJavaScript(code.slice(open + 1, close)), cloneEnv(current), language, visit);
    } else {
      visit(code, current);
    }
    if (statement.kind !== 'assign') continue;
    let values: string[] | null = null;
    try {
      values = evaluate(statement.expr, current, language);
    } catch (error) {
      if (!(error instanceof Unresolved)) throw error;
    }
    const previous = current.get(statement.name);
    if (values === null) current.delete(statement.name);
    else if (statement.op === '=') current.set(statement.name, values);
    else if (previous) current.set(statement.name, previous.flatMap((left) => values.map((right) => left + right)));
  }
  return current;
}
