// Business refusals: raised by workflow validators (as ApplicationFailure types) and by the API,
// each with the HTTP status it is answered with. One list, read by workflows/kit.ts and api/errors.ts.
export const REFUSAL_STATUS = Object.freeze({
  BadRequest: 400,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  Invalid: 422,
} as const);

export type Refusal = keyof typeof REFUSAL_STATUS;

export const isRefusal = (type: string | null | undefined): type is Refusal =>
  typeof type === 'string' && Object.hasOwn(REFUSAL_STATUS, type);
