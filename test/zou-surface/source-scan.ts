/**
 * Just enough lexing of Python and JavaScript to find calls and split their arguments: strings (with
 * f-string and template-literal interpolations), brackets and comments. Not a parser: the clients'
 * API layers are regular enough that this, plus a small table of manual resolutions, covers them.
 */

export type Language = 'python' | 'javascript';

const OPENERS = '([{';
const CLOSERS = ')]}';

/** Index just past the string literal whose opening quote is at `start`. */
export function skipString(text: string, start: number, language: Language): number {
  const quote = text[start];
  if (language === 'python' && text.startsWith(quote.repeat(3), start)) {
    const end = text.indexOf(quote.repeat(3), start + 3);
    return end < 0 ? text.length : end + 3;
  }
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') { i += 1; continue; }
    if (c === quote) return i + 1;
    if (quote === '`' && c === '$' && text[i + 1] === '{') { i = matchingClose(text, i + 1, language); continue; }
    if (c === '\n' && quote !== '`') return i; // an unterminated one-line string ends at the line
  }
  return text.length;
}

const isQuote = (c: string, language: Language) => c === '"' || c === "'" || (language === 'javascript' && c === '`');

/** Index of the bracket closing the one at `open`. */
export function matchingClose(text: string, open: number, language: Language): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (isQuote(c, language)) { i = skipString(text, i, language) - 1; continue; }
    if (OPENERS.includes(c)) depth += 1;
    else if (CLOSERS.includes(c)) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

/**
 * The text with every character inside a string literal or inside brackets replaced by `_` (the
 * quotes and outermost brackets stay), so that top-level operators can be found by index.
 */
export function maskNested(text: string, language: Language): string {
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (isQuote(c, language)) {
      const end = skipString(text, i, language);
      out.push(depth > 0 ? '_' : c, '_'.repeat(Math.max(0, end - i - 2)), depth > 0 ? '_' : text[end - 1] ?? '');
      i = end - 1;
      continue;
    }
    if (OPENERS.includes(c)) { out.push(depth > 0 ? '_' : c); depth += 1; continue; }
    if (CLOSERS.includes(c)) { depth -= 1; out.push(depth > 0 ? '_' : c); continue; }
    out.push(depth > 0 && c !== '\n' ? '_' : c);
  }
  return out.join('').slice(0, text.length);
}

/** Splits on a separator that stands outside strings and brackets. */
export function splitTopLevel(text: string, separator: RegExp, language: Language): string[] {
  const masked = maskNested(text, language);
  const parts: string[] = [];
  let from = 0;
  const global = new RegExp(separator.source, 'g');
  for (const match of masked.matchAll(global)) {
    parts.push(text.slice(from, match.index));
    from = match.index + match[0].length;
  }
  parts.push(text.slice(from));
  return parts.map((part) => part.trim());
}

/** The text without comments (and, in Python, with triple-quoted strings emptied: docstrings). */
export function stripComments(text: string, language: Language): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (isQuote(c, language)) {
      const end = skipString(text, i, language);
      const literal = text.slice(i, end);
      out += language === 'python' && /^("""|''')/.test(literal) ? '""' : literal;
      i = end - 1;
      continue;
    }
    const lineComment = language === 'python' ? c === '#' : text.startsWith('//', i);
    if (lineComment) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
      continue;
    }
    if (language === 'javascript' && text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = (end < 0 ? text.length : end + 2) - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** The arguments of the call whose `(` is at `open`: positional ones in order, keyword ones by name. */
export function callArguments(text: string, open: number, language: Language): { positional: string[]; keyword: Record<string, string>; end: number } {
  const close = matchingClose(text, open, language);
  const inner = text.slice(open + 1, close);
  const positional: string[] = [];
  const keyword: Record<string, string> = {};
  for (const part of splitTopLevel(inner, /,/, language)) {
    if (part === '') continue;
    const named = language === 'python' ? /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(part) : null;
    if (named) keyword[named[1]] = named[2];
    else positional.push(part);
  }
  return { positional, keyword, end: close };
}
