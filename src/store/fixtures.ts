// Reads the fixture set every new tenant starts from (a JSON file, or a folder of them) and checks it.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTIONS, type CollectionName, type TenantData } from './records.js';

/** A fixture set that cannot seed a tenant; the message names the file and the problem. */
export class FixtureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixtureError';
  }
}

type FixtureFile = Partial<Record<CollectionName, Record<string, unknown>[]>>;

export function emptyTenantData(): TenantData {
  return { campaigns: {}, vouchers: {}, customers: {}, redeemable_holders: {}, publications: {}, async_actions: {}, referral_invitations: {} };
}

export function loadFixtures(path: string): TenantData {
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
  const data = emptyTenantData();
  const origin = new Map<string, string>(); // record id → file, for messages about references
  for (const file of files) addFile(data, file, origin);
  checkReferences(data, origin);
  return data;
}

function addFile(data: TenantData, file: string, origin: Map<string, string>): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FixtureError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FixtureError(`${file}: must be an object with the collections ${COLLECTIONS.join(', ')}`);
  }
  for (const [key, records] of Object.entries(parsed as FixtureFile)) {
    if (key === '$comment') continue;
    if (!(COLLECTIONS as readonly string[]).includes(key)) {
      throw new FixtureError(`${file}: unknown collection "${key}" (expected one of ${COLLECTIONS.join(', ')})`);
    }
    if (!Array.isArray(records)) throw new FixtureError(`${file}: "${key}" must be an array`);
    const collection = data[key as CollectionName] as Record<string, Record<string, unknown>>;
    records.forEach((record, i) => {
      const where = `${file}: ${key}[${i}]`;
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        throw new FixtureError(`${where} must be an object`);
      }
      if (typeof record.id !== 'string' || record.id === '') throw new FixtureError(`${where} has no string "id"`);
      if (Object.hasOwn(collection, record.id)) throw new FixtureError(`${where}: id ${record.id} appears twice`);
      collection[record.id] = record;
      origin.set(record.id, file);
    });
  }
}

function checkReferences(data: TenantData, origin: Map<string, string>): void {
  const fail = (id: string, problem: string) => {
    throw new FixtureError(`${origin.get(id)}: ${id} ${problem}`);
  };
  const unique = (values: [string, unknown][], what: string) => {
    const seen = new Map<unknown, string>();
    for (const [id, value] of values) {
      if (value === undefined || value === null) continue;
      if (seen.has(value)) fail(id, `has the same ${what} "${String(value)}" as ${seen.get(value)}`);
      seen.set(value, id);
    }
  };
  const campaigns = Object.values(data.campaigns);
  for (const campaign of campaigns) {
    if (typeof campaign.name !== 'string' || !campaign.name) fail(campaign.id, 'has no name');
    if (typeof campaign.campaign_type !== 'string') fail(campaign.id, 'has no campaign_type');
  }
  unique(campaigns.map((c) => [c.id, c.name]), 'name');

  const vouchers = Object.values(data.vouchers);
  for (const voucher of vouchers) {
    if (typeof voucher.code !== 'string' || !voucher.code) fail(voucher.id, 'has no code');
    if (voucher.campaign_id && !data.campaigns[voucher.campaign_id]) {
      fail(voucher.id, `names campaign_id ${voucher.campaign_id}, which is not a campaign in the fixtures`);
    }
  }
  unique(vouchers.map((v) => [v.id, v.code]), 'code');

  const customers = Object.values(data.customers);
  unique(customers.map((c) => [c.id, c.source_id]), 'source_id');

  for (const holder of Object.values(data.redeemable_holders)) {
    if (!data.vouchers[holder.redeemable_id]) fail(holder.id, `names redeemable_id ${holder.redeemable_id}, which is not a voucher in the fixtures`);
    if (!data.customers[holder.customer_id]) fail(holder.id, `names customer_id ${holder.customer_id}, which is not a customer in the fixtures`);
    if (!['OWNER', 'REFERRER', 'REFEREE'].includes(holder.holder_role)) fail(holder.id, `has an unknown holder_role "${holder.holder_role}"`);
  }
  unique(
    Object.values(data.redeemable_holders).map((h) => [h.id, `${h.redeemable_id}|${h.customer_id}`]),
    'voucher and customer',
  );
  for (const publication of Object.values(data.publications)) {
    if (!data.vouchers[publication.voucher_id]) fail(publication.id, `names voucher_id ${publication.voucher_id}, which is not a voucher in the fixtures`);
    if (!data.customers[publication.customer_id]) fail(publication.id, `names customer_id ${publication.customer_id}, which is not a customer in the fixtures`);
  }
  for (const invitation of Object.values(data.referral_invitations)) {
    if (!data.campaigns[invitation.campaign_id]) fail(invitation.id, `names campaign_id ${invitation.campaign_id}, which is not a campaign in the fixtures`);
    if (!data.customers[invitation.referrer_id]) fail(invitation.id, `names referrer_id ${invitation.referrer_id}, which is not a customer in the fixtures`);
    if (!data.vouchers[invitation.voucher_id]) fail(invitation.id, `names voucher_id ${invitation.voucher_id}, which is not a voucher in the fixtures`);
  }
}
