/**
 * Text that must never reach a client: it tells an attacker what runs inside, and it means an error
 * escaped the catalogue. Each pattern names where it comes from.
 */
const INTERNAL_TEXT: Array<[string, RegExp]> = [
  ['PostgreSQL message', /invalid input syntax for|violates (?:unique|foreign key|not-null|check) constraint|syntax error at or near|relation "[^"]+" does not exist|column "[^"]+" (?:does not exist|of relation)|out of range for type|duplicate key value|date\/time field value out of range|value too long for type|invalid byte sequence|unterminated quoted string|operator does not exist|could not determine data type|cannot cast type|null value in column/i],
  ['stack frame', /\bat (?:async )?[\w$.<>]+ \((?:file:\/\/|\/)[^)]*:\d+:\d+\)|node_modules\/|\.ts:\d+:\d+/],
  ['Fastify error code', /FST_ERR_[A-Z_]+/],
  ['JavaScript exception', /\b(?:TypeError|ReferenceError|RangeError|SyntaxError): |Cannot read propert(?:y|ies) of|is not a function|Maximum call stack size/],
  ['driver or pool text', /ECONNREFUSED|Connection terminated|kysely|SQLSTATE/i],
];

/** The first internal text found in a body (which kind and the matched text), or null. */
export function findInternalText(body: string): string | null {
  const text = body.length > 400_000 ? body.slice(0, 400_000) : body;
  for (const [kind, pattern] of INTERNAL_TEXT) {
    const match = pattern.exec(text);
    if (match) return `${kind}: ${match[0].slice(0, 120)}`;
  }
  return null;
}
