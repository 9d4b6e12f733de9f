// One tenant's state (what one X-App-Id sees): its collections, their indexes, and transactions.

import { Collection, type Journal } from './collection.js';
import type { AsyncAction, Campaign, Customer, Publication, RedeemableHolder, ReferralInvitation, TenantData, Voucher } from './records.js';

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

/** One referrer's invitation of one identifier in one campaign: "cust_…|camp_…|MOBILE|7999836416". */
export function invitationKey(invitation: Pick<ReferralInvitation, 'referrer_id' | 'campaign_id' | 'type' | 'identifier'>): string | null {
  const identifier = invitation.type === 'MOBILE' ? mobileKey(invitation.identifier) : emailKey(invitation.identifier);
  return identifier === null ? null : `${invitation.referrer_id}|${invitation.campaign_id}|${invitation.type}|${identifier}`;
}

class UndoJournal implements Journal {
  private readonly undos: (() => void)[] = [];
  record(undo: () => void): void {
    this.undos.push(undo);
  }
  rollback(): void {
    for (let i = this.undos.length - 1; i >= 0; i--) this.undos[i]();
  }
  get dirty(): boolean {
    return this.undos.length > 0;
  }
}

export class Tenant {
  readonly campaigns: Collection<Campaign>;
  readonly vouchers: Collection<Voucher>;
  readonly customers: Collection<Customer>;
  readonly holders: Collection<RedeemableHolder>;
  readonly publications: Collection<Publication>;
  readonly asyncActions: Collection<AsyncAction>;
  readonly referralInvitations: Collection<ReferralInvitation>;
  private journal: UndoJournal | undefined;

  constructor(
    readonly id: string,
    readonly data: TenantData,
  ) {
    const journal = () => this.journal;
    this.campaigns = new Collection(
      'campaigns',
      data.campaigns,
      [
        { name: 'name', key: (c) => c.name, unique: true },
        // Capillary names a referral campaign by its token (J0H7Q), kept in the campaign's metadata.
        { name: 'campaign_token', key: (c) => (typeof c.metadata?.campaign_token === 'string' ? c.metadata.campaign_token : null), unique: false },
      ],
      journal,
    );
    this.vouchers = new Collection(
      'vouchers',
      data.vouchers,
      [
        { name: 'code', key: (v) => v.code, unique: true },
        { name: 'campaign_id', key: (v) => v.campaign_id, unique: false },
        // A campaign's vouchers that nobody holds yet, oldest first: publishing takes the next one in O(1).
        { name: 'campaign_unpublished', key: (v) => (v.holder_id ? null : v.campaign_id), unique: false },
      ],
      journal,
    );
    this.customers = new Collection(
      'customers',
      data.customers,
      [
        { name: 'source_id', key: (c) => c.source_id, unique: true },
        // Capillary finds customers by mobile or email; neither is unique in Voucherify.
        { name: 'phone', key: (c) => mobileKey(c.phone), unique: false },
        { name: 'email', key: (c) => emailKey(c.email), unique: false },
      ],
      journal,
    );
    this.holders = new Collection(
      'redeemable_holders',
      data.redeemable_holders,
      [
        { name: 'redeemable_id', key: (h) => h.redeemable_id, unique: false },
        // One customer holds a redeemable at most once, whatever the role.
        { name: 'redeemable_customer', key: (h) => `${h.redeemable_id}|${h.customer_id}`, unique: true },
        { name: 'customer_id', key: (h) => h.customer_id, unique: false },
        // Finds a code's REFERRER without walking all of its (possibly thousands of) referees.
        { name: 'redeemable_role', key: (h) => `${h.redeemable_id}|${h.holder_role}`, unique: false },
      ],
      journal,
    );
    this.publications = new Collection(
      'publications',
      data.publications,
      [
        { name: 'voucher_id', key: (p) => p.voucher_id, unique: false },
        { name: 'customer_id', key: (p) => p.customer_id, unique: false },
        { name: 'source_id', key: (p) => p.source_id, unique: false },
      ],
      journal,
    );
    // Tenants persisted before async actions existed have no such collection yet.
    data.async_actions ??= {};
    this.asyncActions = new Collection('async_actions', data.async_actions, [], journal);
    // Likewise for referral invitations (Capillary's refer-customer endpoint).
    data.referral_invitations ??= {};
    this.referralInvitations = new Collection(
      'referral_invitations',
      data.referral_invitations,
      [
        { name: 'referrer_campaign', key: (i) => `${i.referrer_id}|${i.campaign_id}`, unique: false },
        // A referrer invites an identifier once per campaign.
        { name: 'invitation', key: invitationKey, unique: true },
      ],
      journal,
    );
  }

  /** Starts collecting this request's writes; `commit` keeps them, `rollback` undoes them all. */
  begin(): void {
    if (this.journal) throw new Error(`tenant ${this.id}: a change is already under way`);
    this.journal = new UndoJournal();
  }

  /** Keeps the writes since `begin`; answers whether there were any. */
  commit(): boolean {
    const dirty = this.journal?.dirty ?? false;
    this.journal = undefined;
    return dirty;
  }

  rollback(): void {
    const journal = this.journal;
    this.journal = undefined;
    journal?.rollback();
  }

  /** Runs `work` all-or-nothing: if it throws, every write it made is undone and the error goes on. */
  transaction<T>(work: () => T): T {
    this.begin();
    try {
      const result = work();
      this.commit();
      return result;
    } catch (error) {
      this.rollback();
      throw error;
    }
  }
}
