import { Type, type Static, type TArray, type TSchema } from 'typebox';

/**
 * Shapes shared by the /api/v1 routes of the set-design service (seed 003): a FastAPI service, so
 * lists are `{data, count}` pages read with `skip`/`limit`, and errors are `{detail}` bodies.
 */

/** `null` first: with the app's type coercion, a string branch first would turn null into "". */
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Union([Type.Null(), schema], options);

/**
 * A list or null, as one `type: ["array", "null"]`: in an anyOf, the app's `coerceTypes: 'array'`
 * would unwrap a one-item list while trying the null branch and then fail the list branch.
 */
export const NullableArray = <T extends TSchema>(items: T, options: { description?: string } = {}) => {
  const { type: _type, ...rest } = Type.Array(items, options) as TArray<T> & { type: string };
  return Type.Unsafe<Static<T>[] | null>({ ...rest, type: ['array', 'null'] });
};

export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Uuid });

/** `organization_id` on every route: scope to that organization (members only); absent: own items. */
export const OrganizationScope = Type.Object({ organization_id: Type.Optional(Nullable(Uuid)) });
export type OrganizationScope = Static<typeof OrganizationScope>;

const pagination = {
  skip: Type.Integer({ minimum: 0, default: 0 }),
  limit: Type.Integer({ minimum: 0, maximum: 1000, default: 100 }),
};
export const Pagination = Type.Object(pagination);
/** A page of the items `organization_id` scopes to. */
export const PageQuery = Type.Object({ ...pagination, organization_id: Type.Optional(Nullable(Uuid)) });

/** A page of items and the total count matching the query. */
export const PageOf = <T extends TSchema>(item: T, title: string) =>
  Type.Object({ data: Type.Array(item), count: Type.Integer() }, { title });

export const Message = Type.Object({ message: Type.String() }, { title: 'Message' });

export const ValidationError = Type.Object(
  {
    loc: Type.Array(Type.Union([Type.String(), Type.Integer()])),
    msg: Type.String(),
    type: Type.String(),
    input: Type.Optional(Type.Unknown()),
    ctx: Type.Optional(Type.Unknown()),
  },
  { title: 'ValidationError' },
);
export const HTTPValidationError = Type.Object({ detail: Type.Array(ValidationError) }, { title: 'HTTPValidationError' });
/** Every other failure: `{detail: "Set design not found"}`. */
export const HTTPError = Type.Object({ detail: Type.String() }, { title: 'HTTPError' });

/** The error responses every v1 route documents. */
export const errorResponses = {
  401: HTTPError,
  403: HTTPError,
  404: HTTPError,
  422: HTTPValidationError,
} as const;
