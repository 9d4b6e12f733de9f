// Reads the fixture set every new tenant starts from (a JSON file, or a folder of them) and checks it
// against the collections the mock knows: ids, each collection's own checks, unique keys and references.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectionDef, Identified, IndexKey } from './collection.js';
import type { TenantData } from './tenant.js';

/** A fixture set that cannot seed a tenant; the message names the file and the problem. */
export class FixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixtureError';
  }
}

type Defs = readonly CollectionDef<Identified>[];

/** Every collection, empty; null-prototype objects, so that a record may have any id ("__proto__" included). */
export function emptyTenantData(defs: Defs): TenantData {
  return Object.fromEntries(defs.map((def) => [def.name, Object.create(null) as Record<string, Identified>]));
}

export function loadFixtures(path: string, defs: Defs): TenantData {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new FixtureError(`${path}: fixture file or folder not found`);
  }
  const files = stat.isDirectory()
    ? readdirSync(path)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => join(path, name))
    : [path];
  if (files.length === 0) throw new FixtureError(`${path}: the folder holds no .json fixture files`);
  const data = emptyTenantData(defs);
  const origin = new Map<string, string>(); // record id → file, for messages about references
  for (const file of files) addFile(data, file, origin, defs);
  checkRecords(data, origin, defs);
  return data;
}

/**
 * A tenant's whole state in the fixture format (collection name → array of records), checked as a
 * fixture file is; a collection it leaves out is empty. `source` begins every message ("state: …").
 * `references: false` lets a record name one that is not there: a tenant's own state may, since
 * deleting a customer keeps the holders, orders and redemptions that name it.
 */
export function parseTenantData(value: unknown, source: string, defs: Defs, options: { references?: boolean } = {}): TenantData {
  const data = emptyTenantData(defs);
  const origin = new Map<string, string>();
  addData(data, value, source, origin, defs);
  checkRecords(data, origin, defs, options.references ?? true);
  return data;
}

/** A tenant's state in the fixture format: every collection as an array of its records, in insertion order. */
export function toFixtureFormat(data: TenantData, defs: Defs): Record<string, Identified[]> {
  return Object.fromEntries(defs.map((def) => [def.name, Object.values(data[def.name] ?? {})]));
}

function addFile(data: TenantData, file: string, origin: Map<string, string>, defs: Defs): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FixtureError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  addData(data, parsed, file, origin, defs);
}

function addData(data: TenantData, parsed: unknown, file: string, origin: Map<string, string>, defs: Defs): void {
  const names = defs.map((def) => def.name);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FixtureError(`${file}: must be an object with the collections ${names.join(', ')}`);
  }
  for (const [key, records] of Object.entries(parsed)) {
    if (key === '$comment') continue;
    if (!names.includes(key)) throw new FixtureError(`${file}: unknown collection "${key}" (expected one of ${names.join(', ')})`);
    if (!Array.isArray(records)) throw new FixtureError(`${file}: "${key}" must be an array`);
    const collection = data[key];
    records.forEach((record: unknown, i) => {
      const where = `${file}: ${key}[${i}]`;
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new FixtureError(`${where} must be an object`);
      const { id } = record as { id?: unknown };
      if (typeof id !== 'string' || id === '') throw new FixtureError(`${where} has no string "id"`);
      if (Object.hasOwn(collection, id)) throw new FixtureError(`${where}: id ${id} appears twice`);
      collection[id] = record as Identified;
      origin.set(id, file);
    });
  }
}

function checkRecords(data: TenantData, origin: Map<string, string>, defs: Defs, references = true): void {
  const fail = (id: string, problem: string) => {
    throw new FixtureError(`${origin.get(id)}: ${id} ${problem}`);
  };
  const byName = new Map(defs.map((def) => [def.name, def]));
  for (const def of defs) {
    const records = Object.values(data[def.name]);
    for (const record of records) {
      const problem = def.check?.(record);
      if (problem) fail(record.id, problem);
      for (const [field, target] of Object.entries((references && def.references) || {}) as [string, string][]) {
        const value = (record as unknown as Record<string, unknown>)[field];
        if (value === undefined || value === null || value === '') continue;
        if (typeof value !== 'string' || !Object.hasOwn(data[target] ?? {}, value)) {
          fail(record.id, `names ${field} ${String(value)}, which is not a ${byName.get(target)?.recordName ?? target} in the fixtures`);
        }
      }
    }
    for (const [index, label] of Object.entries(def.uniqueLabels ?? {}) as [string, string][]) {
      const key = (def.unique as Record<string, IndexKey<Identified>>)[index];
      const seen = new Map<string, string>();
      for (const record of records) {
        const value = key(record);
        if (value === undefined || value === null) continue;
        const other = seen.get(value);
        if (other !== undefined) fail(record.id, `has the same ${label} "${value}" as ${other}`);
        seen.set(value, record.id);
      }
    }
  }
}
