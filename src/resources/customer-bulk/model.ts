// Customers many at a time (bulk upserts, metadata by source id, a CSV import) and the permanent
// deletion of one customer with what belonged to them.

import { bulkResult, recordAsyncAction } from '../../domain/async-actions.js';
import { customers, orders, segments } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { importRows, metadataOf } from '../../domain/csv.js';
import { upsertCustomer, type CustomerInput } from '../../domain/customers.js';
import { emitCustomerEvent } from '../../domain/events.js';
import { getCustomer } from '../../domain/lookups.js';
import type { Address, Metadata } from '../../domain/records.js';
import type { RequestBody } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

/** POST /v1/customers/bulk/async: each entry upserted by its source_id (metadata and address merged key by key). */
export function updateCustomersInBulk(ctx: Context, entries: RequestBody<'update-customers-in-bulk'>) {
  // Nulls clear a field, as in PUT /v1/customers/{customerId}.
  for (const entry of entries) upsertCustomer(ctx, entry as CustomerInput);
  return { async_action_id: recordAsyncAction(ctx, 'CUSTOMERS.BULK_UPDATE', bulkResult(ctx, entries.length)).id };
}

/** POST /v1/customers/metadata/async: the keys sent set on each customer named; an unknown source_id becomes a customer. */
export function updateCustomersMetadataInBulk(ctx: Context, body: RequestBody<'update-customers-metadata-in-bulk'>) {
  const sourceIds = [...new Set(body.source_ids)];
  for (const sourceId of sourceIds) upsertCustomer(ctx, { source_id: sourceId, metadata: body.metadata as Metadata });
  return { async_action_id: recordAsyncAction(ctx, 'CUSTOMERS.METADATA_UPDATE', bulkResult(ctx, sourceIds.length)).id };
}

/** The columns a customer CSV reads as fields (any case), each with where it goes. */
const FIELD_COLUMNS: Record<string, (input: CustomerInput, address: Address, value: string) => void> = {
  name: (input, _address, value) => (input.name = value),
  email: (input, _address, value) => (input.email = value),
  phone: (input, _address, value) => (input.phone = value),
  birthdate: (input, _address, value) => (input.birthdate = value),
  birthday: (input, _address, value) => (input.birthdate = value),
  source_id: (input, _address, value) => (input.source_id = value),
  description: (input, _address, value) => (input.description = value),
  address_line_1: (_input, address, value) => (address.line_1 = value),
  address_line_2: (_input, address, value) => (address.line_2 = value),
  address_postal_code: (_input, address, value) => (address.postal_code = value),
  address_city: (_input, address, value) => (address.city = value),
  address_state: (_input, address, value) => (address.state = value),
  address_country: (_input, address, value) => (address.country = value),
};

/**
 * POST /v1/customers/importCSV: each row a customer, upserted by its Source_id (a row without one
 * makes a new customer); the standard columns are its fields, the others its metadata (as text).
 * A row with a Birthdate that is no date (YYYY-MM-DD) is reported and not imported.
 */
export function importCustomers(ctx: Context, csv: string) {
  return importRows(ctx, csv, 'CUSTOMERS.IMPORT_CSV', 'customer', (row) => {
    const input: CustomerInput = {};
    const address: Address = {};
    const fields: string[] = [];
    for (const [column, value] of Object.entries(row)) {
      const put = FIELD_COLUMNS[column.toLowerCase()];
      if (!put) continue;
      fields.push(column);
      if (value.trim() !== '') put(input, address, value.trim());
    }
    const birthdate = input.birthdate;
    if (typeof birthdate === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(birthdate)) throw new Error(`Birthdate must be a date (YYYY-MM-DD), not "${birthdate}"`);
    if (Object.keys(address).length > 0) input.address = address;
    const metadata = metadataOf(row, fields);
    if (Object.keys(metadata).length > 0) input.metadata = metadata;
    upsertCustomer(ctx, input);
  });
}

/**
 * POST /v1/customers/{customerId}/permanent-deletion: the customer goes, with their orders and
 * their place in static segments; the answer counts what went. The mock keeps no events of its
 * own for a customer, so the event counts are 0.
 */
export function deleteCustomerPermanently(ctx: Context, idOrSourceId: string) {
  const customer = getCustomer(ctx, idOrSourceId);
  const theirOrders = orders(ctx.tenant).groupOf('customer_id', customer.id);
  for (const order of theirOrders) orders(ctx.tenant).remove(order.id);
  let inSegments = 0;
  const all = segments(ctx.tenant);
  for (const segment of all.all()) {
    if (segment.type !== 'static' || !segment.customer_ids?.includes(customer.id)) continue;
    all.put({ ...segment, customer_ids: segment.customer_ids.filter((id) => id !== customer.id) });
    inSegments++;
  }
  customers(ctx.tenant).remove(customer.id);
  emitCustomerEvent(ctx, 'customer.deleted', customer);
  return {
    id: ctx.ids.permanentDeletion(),
    created_at: timestamp(ctx.clock),
    related_object_id: customer.id,
    related_object: 'customer' as const,
    status: 'DONE' as const,
    data_json: { events: 0, customer_events: 0, daily_events: 0, segments: inSegments, orders: theirOrders.length, order_events: 0, customer: 1 },
    object: 'pernament_deletion' as const,
  };
}
