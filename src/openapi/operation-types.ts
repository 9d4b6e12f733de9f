// What each operation of specs/ takes, as TypeScript types: RequestBody<'create-campaign'>,
// RequestQuery<'list-vouchers'>, RequestParams<'get-voucher'>, from the generated src/openapi/types/.

import type { Operations } from './types/index.js';

export type OperationId = keyof Operations & string;

type Operation<Id extends OperationId> = Operations[Id];
type Parameters<Id extends OperationId> = Operation<Id> extends { parameters: infer P } ? P : never;
type Json<Body> = Body extends { content: { 'application/json': infer Content } }
  ? Content
  : Body extends { content: { 'multipart/form-data': infer Form } }
    ? Form
    : undefined;
/** `never` (no such part) becomes an empty record, so handlers can still read it. */
type OrEmpty<T> = [T] extends [never] ? Record<string, never> : T;

/** The JSON body as validated: undefined when the operation takes none or the caller sent none. */
export type RequestBody<Id extends OperationId> =
  Operation<Id> extends { requestBody: infer Body } ? Json<Body> : Operation<Id> extends { requestBody?: infer Body } ? Json<NonNullable<Body>> | undefined : undefined;

/** The query as validated and coerced (numbers, booleans, arrays, nested filters). */
export type RequestQuery<Id extends OperationId> = OrEmpty<NonNullable<Parameters<Id> extends { query?: infer Query } ? Query : never>>;

/** The path parameters. */
export type RequestParams<Id extends OperationId> = OrEmpty<NonNullable<Parameters<Id> extends { path?: infer Path } ? Path : never>>;
