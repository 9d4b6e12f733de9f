// How customers are found by phone or email: the keys their indexes use.

/**
 * The key a phone number is indexed under: its last 10 digits (all of them when it has fewer), so
 * "917999836466", "+91 79998 36466" and "7999836466" share the key "7999836466". Callers compare
 * the whole digits after the lookup; the key only narrows the search to a handful of customers.
 */
export function mobileKey(phone: string | null | undefined): string | null {
  if (typeof phone !== 'string') return null;
  const digits = phone.replace(/\D/g, '');
  if (digits === '') return null;
  return digits.length > 10 ? digits.slice(-10) : digits;
}

/** Emails are found case-insensitively: "Ana@Example.com" is "ana@example.com". */
export function emailKey(email: string | null | undefined): string | null {
  if (typeof email !== 'string' || email.trim() === '') return null;
  return email.trim().toLowerCase();
}
