// scripts/reference-check.mjs, the logic of the comparison with Voucherify's published schemas,
// on small inline documents (the reference itself is not in the repository).

import type { AnsweredRequest } from '../src/index.js';
import { FIXTURE, client, testApp } from './helpers.js';
import { checkAnswers, exampleValues, examplesAgree, foldPath, forAjv, formatReport, referenceOf, type RecordedAnswer } from '../scripts/reference-check.mjs';

/** A one-operation OpenAPI 3.0 document in the reference's shape. */
function documentWith(schema: object, example?: unknown): object {
  return {
    openapi: '3.0.1',
    paths: {
      '/v1/things/{id}': {
        get: {
          operationId: 'get-thing',
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' }, ...(example === undefined ? {} : { examples: { One: { value: example } } }) } } },
            '404': { $ref: '#/components/responses/NotFound' },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: schema,
        Error: { type: 'object', properties: { code: { type: 'integer' }, message: { type: 'string' } }, required: ['code', 'message'] },
      },
      responses: { NotFound: { description: 'no such thing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    },
  };
}

const thing = {
  type: 'object',
  required: ['id', 'kind'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['A', 'B'] },
    note: { type: 'string' },
    parent: { nullable: true, allOf: [{ $ref: '#/components/schemas/Parent' }] },
    tags: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
  },
};

const answer = (status: number, body: unknown, operationId: string | null = 'get-thing'): RecordedAnswer => ({ operationId, method: 'GET', path: '/v1/things/t_1', status, body });

function check(answers: RecordedAnswer[], example?: unknown) {
  const document = documentWith(thing, example);
  (document as { components: { schemas: Record<string, object> } }).components.schemas.Parent = { type: 'object', properties: { id: { type: 'string' } } };
  const reference = referenceOf([{ file: 'things.json', document }]);
  return { reference, result: checkAnswers(reference, answers) };
}

describe('forAjv (OpenAPI 3.0 nullable for Ajv)', () => {
  const cases: [string, unknown, unknown][] = [
    ['nullable beside type is left to Ajv', { type: 'string', nullable: true }, { type: 'string', nullable: true }],
    ['an enum gains null', { type: 'string', nullable: true, enum: ['A'] }, { type: 'string', nullable: true, enum: ['A', null] }],
    ['nullable beside allOf becomes anyOf with null', { nullable: true, allOf: [{ type: 'object' }] }, { anyOf: [{ allOf: [{ type: 'object' }] }, { type: 'null' }] }],
    ['nullable beside $ref too, the $ref pointed into its document', { nullable: true, $ref: '#/components/schemas/X' }, { anyOf: [{ $ref: 'doc.json#/components/schemas/X' }, { type: 'null' }] }],
    ['nested schemas are rewritten', { properties: { a: { nullable: true, oneOf: [{ type: 'string' }] } } }, { properties: { a: { anyOf: [{ oneOf: [{ type: 'string' }] }, { type: 'null' }] } } }],
    ['examples are data, left alone', { type: 'object', example: { nullable: true, $ref: '#/x' } }, { type: 'object', example: { nullable: true, $ref: '#/x' } }],
  ];
  for (const [name, input, expected] of cases) test(name, () => expect(forAjv(input, 'doc.json')).toEqual(expected));

  const lenient: [string, unknown, unknown][] = [
    ['the lenient reading: a typed schema takes null', { type: 'string', enum: ['A'] }, { type: 'string', enum: ['A', null], nullable: true }],
    ['the lenient reading: a oneOf is read as anyOf', { oneOf: [{ type: 'integer' }, { type: 'number' }] }, { anyOf: [{ type: 'integer', nullable: true }, { type: 'number', nullable: true }] }],
    ['the lenient reading: a oneOf beside an anyOf joins it through allOf', { anyOf: [{ type: 'string' }], oneOf: [{ type: 'string' }] }, { anyOf: [{ type: 'string', nullable: true }], allOf: [{ anyOf: [{ type: 'string', nullable: true }] }] }],
  ];
  for (const [name, input, expected] of lenient) test(name, () => expect(forAjv(input, 'doc.json', true)).toEqual(expected));
});

test('foldPath folds array indices; exampleValues gathers what the examples hold at each folded path', () => {
  expect(foldPath('/vouchers/12/categories/0/id')).toBe('/vouchers/*/categories/*/id');
  expect(foldPath('/metadata/2024')).toBe('/metadata/*');
  const values = exampleValues([{ a: null, list: [{ b: 1 }, { b: null }] }, { 'c/d': 'x' }]);
  expect(values.get('/list/*/b')).toEqual([1, null]);
  expect(values.get('/c~1d')).toEqual(['x']);
  expect(values.get('/a')).toEqual([null]);
});

describe("examplesAgree: the reference's own examples break the schema the same way", () => {
  const values = exampleValues([{ customer: { id: 'c' }, channel: 'myown', length: 8, extra: { x: 1 } }]);
  const cases: [string, { keyword: string; params: Record<string, unknown>; data?: unknown }, string, boolean][] = [
    ['required, missing in the example too', { keyword: 'required', params: { missingProperty: 'summary' } }, '/customer', true],
    ['required, present in the example', { keyword: 'required', params: { missingProperty: 'id' } }, '/customer', false],
    ['enum, the example has the same value', { keyword: 'enum', params: {}, data: 'myown' }, '/channel', true],
    ['enum, the example has another value', { keyword: 'enum', params: {}, data: 'API' }, '/channel', false],
    ['type, the example has the same kind', { keyword: 'type', params: { type: 'string' }, data: 12 }, '/length', true],
    ['type, the example has another kind', { keyword: 'type', params: { type: 'string' }, data: true }, '/length', false],
    ['additionalProperties, the example has it too', { keyword: 'additionalProperties', params: { additionalProperty: 'x' } }, '/extra', true],
    ['no example at that path', { keyword: 'required', params: { missingProperty: 'id' } }, '/nowhere', false],
  ];
  for (const [name, error, path, expected] of cases) test(name, () => expect(examplesAgree(error, path, values)).toBe(expected));
});

describe('checkAnswers', () => {
  test('an answer that fits has no finding; nullable beside allOf accepts null', () => {
    const { result } = check([answer(200, { id: 't_1', kind: 'A', parent: null })]);
    const entry = result.byOperation.get('get-thing')!;
    expect({ answers: entry.answers, mismatches: entry.mismatches.size, nulls: entry.nulls.size }).toEqual({ answers: 1, mismatches: 0, nulls: 0 });
  });

  test("a oneOf whose branches overlap is not held against the answer; one that fits no branch is", () => {
    const document = documentWith({ type: 'object', properties: { n: { oneOf: [{ type: 'integer' }, { type: 'number' }] } } });
    const reference = referenceOf([{ file: 'things.json', document }]);
    const result = checkAnswers(reference, [answer(200, { n: 3 }), answer(200, { n: 'three' })]);
    expect([...result.byOperation.get('get-thing')!.mismatches.values()].map(({ path, message, count }) => ({ path, message, count }))).toEqual([
      { path: '/n', message: 'must be integer', count: 1 },
      { path: '/n', message: 'must be number', count: 1 },
      { path: '/n', message: 'fits none of the schemas of a oneOf/anyOf', count: 1 },
    ]);
  });

  test('mismatches are grouped by status, folded path and message, with a count', () => {
    const { result } = check([
      answer(200, { id: 't_1', kind: 'C', tags: [{}, {}] }),
      answer(200, { id: 't_2', kind: 'C', tags: [{}] }),
      answer(200, { kind: 'A' }),
    ]);
    const findings = [...result.byOperation.get('get-thing')!.mismatches.values()].map(({ status, path, message, count }) => ({ status, path, message, count }));
    expect(findings).toEqual([
      { status: 200, path: '/kind', message: 'must be equal to one of the allowed values: ["A","B"]', count: 2 },
      { status: 200, path: '/tags/*', message: "must have required property 'name'", count: 3 },
      { status: 200, path: '', message: "must have required property 'id'", count: 1 },
    ]);
  });

  test("a null the schema does not allow is set apart, marked when the reference's own example shows it", () => {
    const { result } = check([answer(200, { id: 't_1', kind: 'A', note: null, tags: [{ name: null }] })], { id: 't_0', kind: 'A', note: null });
    const entry = result.byOperation.get('get-thing')!;
    expect(entry.mismatches.size).toBe(0);
    expect([...entry.nulls.values()].map(({ path, shown }) => ({ path, shown }))).toEqual([
      { path: '/note', shown: true },
      { path: '/tags/*/name', shown: false },
    ]);
  });

  test('a response given by $ref is found; an undocumented error status is counted and checked against Error', () => {
    const { result } = check([answer(404, { code: 404, message: 'not found' }), answer(401, { code: 401, message: 'no' }), answer(401, { key: 'unauthorized' })]);
    const entry = result.byOperation.get('get-thing')!;
    expect([...entry.undocumented]).toEqual([[401, 2]]);
    expect([...entry.mismatches.values()].map(({ status, message, count }) => ({ status, message, count }))).toEqual([
      { status: 401, message: "must have required property 'code'", count: 1 },
      { status: 401, message: "must have required property 'message'", count: 1 },
    ]);
  });

  test("answers of operations the reference does not have are counted apart", () => {
    const { result } = check([answer(200, {}, 'mock-reset'), answer(404, {}, null)]);
    expect([...result.notInReference]).toEqual([
      ['mock-reset', 1],
      ['(no operation) GET 404', 1],
    ]);
  });
});

test('formatReport: mismatches by operation, nulls, undocumented statuses, served operations never answered', () => {
  const { reference, result } = check([answer(200, { id: 't_1', kind: 'C', note: null }), answer(401, { code: 401, message: 'no' })]);
  const otherDocument = {
    openapi: '3.0.1',
    paths: { '/v1/others': { get: { operationId: 'list-others', responses: { '200': { description: 'ok' } } } } },
  };
  const both = referenceOf([
    { file: 'things.json', document: documentWith(thing) },
    { file: 'others.json', document: otherDocument },
  ]);
  const text = formatReport(result, { ...reference, operations: both.operations }, ['get-thing', 'list-others', 'mock-reset']);
  expect(text.split('\n')).toEqual([
    '2 answers of 1 operations checked: 1 operations with mismatches, 1 with nulls the schema does not allow, 1 with statuses the reference does not document, 1 served operations without a recorded answer.',
    '',
    '## Mismatches',
    '',
    'get-thing  GET /v1/things/{id}  (2 answers: 200×1 401×1)',
    '  200 /kind: must be equal to one of the allowed values: ["A","B"]  [#/properties/kind/enum] ×1',
    '',
    "## Nulls where the reference's schema has no nullable (+ the reference's own examples show null there, - they do not)",
    '  get-thing: -/note',
    '',
    '## Statuses the reference does not document',
    "  401 (body checked against the reference's Error object): 1 operations — get-thing",
    '',
    '## Served operations without a recorded answer',
    '  list-others  GET /v1/others',
  ]);
});

test("the app's onAnswer hook (the recorder's) is told of every answer: operation, status and the JSON sent", async () => {
  const answers: AnsweredRequest[] = [];
  const app = await testApp({ onAnswer: (answer) => answers.push(answer) });
  const api = client(app);
  await api.get(`/v1/vouchers/${FIXTURE.discountCode}`).expect(200);
  await api.get('/v1/vouchers/NO-SUCH-CODE').expect(404);
  await api.get('/v1/nowhere').expect(404);
  expect(answers.map(({ operationId, method, path, status, contentType }) => ({ operationId, method, path, status, contentType }))).toEqual([
    { operationId: 'get-voucher', method: 'GET', path: `/v1/vouchers/${FIXTURE.discountCode}`, status: 200, contentType: 'application/json; charset=utf-8' },
    { operationId: 'get-voucher', method: 'GET', path: '/v1/vouchers/NO-SUCH-CODE', status: 404, contentType: 'application/json; charset=utf-8' },
    { operationId: undefined, method: 'GET', path: '/v1/nowhere', status: 404, contentType: 'application/json; charset=utf-8' },
  ]);
  expect(JSON.parse(answers[0].json!)).toMatchObject({ code: FIXTURE.discountCode, object: 'voucher' });
  expect(JSON.parse(answers[1].json!)).toMatchObject({ code: 404, key: 'not_found' });
});
