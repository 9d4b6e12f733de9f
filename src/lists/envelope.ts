// The envelope Voucherify wraps a list in: { object: "list", data_ref: "vouchers", vouchers: […], total }.

/** `listEnvelope('vouchers', items, { total })` → { object: 'list', data_ref: 'vouchers', vouchers: items, total }. */
export function listEnvelope<Ref extends string, T, Extra extends object>(dataRef: Ref, items: T[], extra: Extra) {
  return { object: 'list' as const, data_ref: dataRef, [dataRef]: items, ...extra } as { object: 'list'; data_ref: Ref } & { [K in Ref]: T[] } & Extra;
}
