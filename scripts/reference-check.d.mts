// Types of scripts/reference-check.mjs, for the tests that check its logic.

import type { Ajv } from 'ajv';

export interface ReferenceResponse {
  status: string;
  schemaRef: string | undefined;
  contentTypes: string[];
  /** Every value the response's examples hold, by folded path. */
  examples: Map<string, unknown[]>;
}
export interface ReferenceOperation {
  file: string;
  method: string;
  path: string;
  errorRef: string | undefined;
  responses: Map<string, ReferenceResponse>;
}
export interface Reference {
  ajv: Ajv;
  strictAjv: Ajv;
  operations: Map<string, ReferenceOperation>;
  duplicates: string[];
}
export interface RecordedAnswer {
  operationId: string | null;
  method: string;
  path: string;
  status: number;
  contentType?: string | null;
  body?: unknown;
}
export interface Finding {
  status: number;
  path: string;
  schemaPath: string;
  message: string;
  count: number;
  shown?: boolean;
}
export interface OperationFindings {
  operationId: string;
  method: string;
  path: string;
  answers: number;
  statuses: Map<number, number>;
  mismatches: Map<string, Finding>;
  nulls: Map<string, Finding>;
  undocumented: Map<number, number>;
}
export interface CheckResult {
  byOperation: Map<string, OperationFindings>;
  notInReference: Map<string, number>;
}

export const METHODS: string[];
export function forAjv(value: unknown, documentId?: string, anyNull?: boolean): unknown;
export function createAjv(): Ajv;
export function loadReference(folder: string): Promise<Reference>;
export function referenceOf(documents: { file: string; document: object }[]): Reference;
export function registerDocument(ajv: Ajv, id: string, document: object, anyNull?: boolean): void;
export function exampleValues(examples: unknown[]): Map<string, unknown[]>;
export function examplesAgree(error: { keyword: string; params: Record<string, unknown>; data?: unknown }, path: string, values: Map<string, unknown[]>): boolean;
export function responseFor(operation: ReferenceOperation, status: number): ReferenceResponse | undefined;
export function foldPath(instancePath: string): string;
export function checkAnswers(reference: Reference, answers: RecordedAnswer[]): CheckResult;
export function formatReport(result: CheckResult, reference: Reference, served?: string[]): string;
