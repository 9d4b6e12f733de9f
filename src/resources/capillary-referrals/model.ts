// Capillary's "Refer Customer" (v1.1/customer/referrals) over the tenant's Voucherify state: the campaign
// is a REFERRAL_PROGRAM, the referrer a customer, the referral code a voucher they hold as REFERRER.

import { campaigns, customers, holders } from '../../domain/collections.js';
import { emailKey, mobileKey } from '../../domain/contact-keys.js';
import type { Context } from '../../domain/context.js';
import { heldVoucherOf } from '../../domain/holders.js';
import { publish } from '../../domain/publishing.js';
import type { Campaign, Customer, Voucher } from '../../domain/records.js';
import { VoucherifyError, invalidQueryParams } from '../../errors.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';
import { invitationKey, invitations, type ReferralInvitation } from './collection.js';

/** A status block as Capillary writes it: success is the string "true" or "false". */
export interface ItemStatus {
  success: 'true' | 'false';
  code: number;
  message: string;
}

const ok = (code: number, message: string): ItemStatus => ({ success: 'true', code, message });
const failed = (code: number, message: string): ItemStatus => ({ success: 'false', code, message });

/**
 * The codes this endpoint answers. 1000, 1012, 1206 and 1701 are Capillary's own (the seed's
 * table and examples); 17xx above 1701 are the mock's, for cases Capillary's page does not cover.
 */
export const STATUS = {
  referred: ok(1000, 'Refer was successful'),
  invited: ok(1000, 'Referrals are invited successfully'),
  fetched: ok(1000, 'Referrals fetched successfully'),
  noCustomerForMobile: failed(1012, 'Cannot find a customer for provided mobile'),
  noCustomerForEmail: failed(1012, 'Cannot find a customer for provided email'),
  noCustomerIdentifier: failed(1012, 'Cannot find a customer: neither mobile nor email was provided'),
  typeNotSupported: failed(1206, 'Referral type is not supported'),
  invalidIdentifier: failed(1701, 'Invalid Identifier for the type'),
  invalidCampaignToken: failed(1702, 'Invalid campaign token'),
  repeatedInRequest: failed(1703, 'Identifier is repeated in the request'),
  alreadyInvited: failed(1704, 'Identifier is already invited by the customer in this campaign'),
  noReferralCode: failed(1705, 'No referral code is available for the campaign'),
} as const;

export const SUCCESS = { success: 'true', code: 200, message: 'SUCCESS' } as const;

export type ReferCustomerBody = RequestBody<'capillary-refer-customer'>;
type ReferringCustomerInput = ReferCustomerBody['root']['customer'][number];
type InviteeInput = ReferringCustomerInput['referrals']['referral_type']['referral'][number];

type InviteeType = ReferralInvitation['type'];

const digitsOf = (phone: string | null | undefined) => (phone ?? '').replace(/\D/g, '');

/**
 * The customer whose phone is this mobile. The index narrows by the last 10 digits; then one
 * number must end with the other, so a stored 917999836466 (country code 91) matches 7999836466
 * and the other way round. An exact match wins over a suffix match.
 */
export function findCustomerByMobile(ctx: Context, mobile: string): Customer | undefined {
  const key = mobileKey(mobile);
  if (key === null) return undefined;
  const digits = digitsOf(mobile);
  let suffixMatch: Customer | undefined;
  for (const customer of customers(ctx.tenant).groupOf('phone', key)) {
    const stored = digitsOf(customer.phone);
    if (stored === digits) return customer;
    if (!suffixMatch && (stored.endsWith(digits) || digits.endsWith(stored))) suffixMatch = customer;
  }
  return suffixMatch;
}

export function findCustomerByEmail(ctx: Context, email: string): Customer | undefined {
  const key = emailKey(email);
  return key === null ? undefined : customers(ctx.tenant).firstOf('email', key);
}

/** A REFERRAL_PROGRAM campaign by id, name or metadata.campaign_token (J0H7Q), in that order. */
export function findReferralCampaign(ctx: Context, token: string): Campaign | undefined {
  const all = campaigns(ctx.tenant);
  const candidates = [all.get(token), all.findBy('name', token), ...all.groupOf('campaign_token', token)];
  return candidates.find((campaign) => campaign?.campaign_type === 'REFERRAL_PROGRAM');
}

/** The code of `campaign` the customer holds as REFERRER, if any. */
export function referralCodeOf(ctx: Context, customer: Customer, campaign: Campaign): Voucher | undefined {
  return heldVoucherOf(ctx, customer.id, campaign, ['REFERRER']);
}

/** MOBILE: 10–15 digits (a leading + allowed). EMAIL: something@domain.tld. */
export function isValidIdentifier(type: InviteeType, identifier: string): boolean {
  if (type === 'MOBILE') return /^\+?\d{10,15}$/.test(identifier.trim());
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(identifier.trim());
}

function supportedType(type: string): InviteeType | undefined {
  const upper = type.toUpperCase();
  return upper === 'MOBILE' || upper === 'EMAIL' ? upper : undefined;
}

interface Referrer {
  customer: Customer | undefined;
  /** Set when the customer was not found: why. */
  failure?: ItemStatus;
}

/** Mobile first (when sent), else email; no fallback from one to the other. */
function findReferrer(ctx: Context, input: { mobile?: string; email?: string }): Referrer {
  if (input.mobile !== undefined && input.mobile !== '') {
    const customer = findCustomerByMobile(ctx, input.mobile);
    return customer ? { customer } : { customer, failure: STATUS.noCustomerForMobile };
  }
  if (input.email !== undefined && input.email !== '') {
    const customer = findCustomerByEmail(ctx, input.email);
    return customer ? { customer } : { customer, failure: STATUS.noCustomerForEmail };
  }
  return { customer: undefined, failure: STATUS.noCustomerIdentifier };
}

/** "shikar" → ["shikar", ""]; "Alice Referrer Jr" → ["Alice", "Referrer Jr"]. */
function splitName(name: string | null | undefined): [string, string] {
  if (!name) return ['', ''];
  const space = name.indexOf(' ');
  return space < 0 ? [name, ''] : [name.slice(0, space), name.slice(space + 1)];
}

/**
 * The customer part of an answer. Each identifier the request used shows the stored value (the
 * seed answers mobile "917999836466" to a request for "7999836466"); one it did not send is null
 * (the seed answers email null). A customer not found echoes what was sent.
 */
function customerHeader(input: { mobile?: string; email?: string }, customer: Customer | undefined) {
  const sentMobile = input.mobile !== undefined && input.mobile !== '';
  const sentEmail = input.email !== undefined && input.email !== '';
  if (!customer) {
    return { email: sentEmail ? (input.email as string) : null, mobile: sentMobile ? (input.mobile as string) : null, external_id: null, firstname: null, lastname: null };
  }
  const [firstname, lastname] = splitName(customer.name);
  return {
    email: sentEmail ? (customer.email ?? input.email ?? null) : null,
    mobile: sentMobile ? (customer.phone ?? input.mobile ?? null) : null,
    external_id: null,
    firstname,
    lastname,
  };
}

interface InviteeOutcome {
  input: InviteeInput;
  status: ItemStatus;
}

/**
 * POST /v1.1/customer/referrals. Customers are handled in order, each on its own: a customer that
 * fails (not found, unknown campaign, unsupported type) does not stop the others. The item_status
 * is 1000 once the customer and the campaign are known and the type is supported, whatever
 * becomes of the invitees (the seed answers item 1000 for a lone 1701 invitee); each invitee
 * carries its own status. Successful invitees are recorded, and a referrer without a code of the
 * campaign is published one first (they become its REFERRER).
 */
export function referCustomers(ctx: Context, body: ReferCustomerBody) {
  // Identifiers invited earlier in this request: a repeat is 1703, not 1704.
  const inRequest = new Set<string>();
  const customer = body.root.customer.map((entry) => referOne(ctx, entry, inRequest));
  return { response: { status: SUCCESS, customers: { customer } } };
}

function referOne(ctx: Context, entry: ReferringCustomerInput, inRequest: Set<string>) {
  const referralType = entry.referrals.referral_type;
  const now = timestamp(ctx.clock);
  const { customer, failure } = findReferrer(ctx, entry);
  let itemStatus: ItemStatus = STATUS.invited;
  let outcomes: InviteeOutcome[];
  const campaign = customer ? findReferralCampaign(ctx, entry.referrals.campaign_token) : undefined;
  const type = supportedType(referralType.type);

  const allFail = (status: ItemStatus) => referralType.referral.map((input) => ({ input, status }));
  if (failure || !customer) outcomes = allFail((itemStatus = failure ?? STATUS.noCustomerIdentifier));
  else if (!campaign) outcomes = allFail((itemStatus = STATUS.invalidCampaignToken));
  else if (!type) outcomes = allFail((itemStatus = STATUS.typeNotSupported));
  else {
    outcomes = referralType.referral.map((input) => ({ input, status: inviteeStatus(ctx, customer, campaign, type, input, inRequest) }));
    if (outcomes.some((o) => o.status === STATUS.referred)) {
      const code = referralCodeOf(ctx, customer, campaign) ?? publishCode(ctx, customer, campaign);
      if (!code) {
        // Nothing is recorded: the invitees that passed their checks share the item's failure.
        itemStatus = STATUS.noReferralCode;
        outcomes = outcomes.map((o) => (o.status === STATUS.referred ? { ...o, status: STATUS.noReferralCode } : o));
      } else {
        for (const o of outcomes) if (o.status === STATUS.referred) record(ctx, now, customer, campaign, code, type, o.input);
      }
    }
  }

  return {
    ...customerHeader(entry, customer),
    referrals: {
      referral_type: [
        {
          type: referralType.type,
          referral: outcomes.map(({ input, status }) => ({
            id: input.id ?? '',
            name: input.name ?? '',
            identifier: input.identifier,
            invited_on: input.invited_on ?? now,
            status,
          })),
        },
      ],
    },
    item_status: itemStatus,
  };
}

function inviteeStatus(ctx: Context, referrer: Customer, campaign: Campaign, type: InviteeType, input: InviteeInput, inRequest: Set<string>): ItemStatus {
  if (!isValidIdentifier(type, input.identifier)) return STATUS.invalidIdentifier;
  const key = invitationKey({ referrer_id: referrer.id, campaign_id: campaign.id, type, identifier: input.identifier }) as string;
  if (inRequest.has(key)) return STATUS.repeatedInRequest;
  inRequest.add(key);
  if (invitations(ctx.tenant).findBy('invitation', key)) return STATUS.alreadyInvited;
  return STATUS.referred;
}

/**
 * Publishes the campaign's next free code to the referrer (an AUTO_UPDATE campaign makes one).
 * A STATIC campaign with no free code answers undefined; its checks run before any write.
 */
function publishCode(ctx: Context, customer: Customer, campaign: Campaign): Voucher | undefined {
  try {
    return publish(ctx, { customer: customer.id, campaign: campaign.id }).vouchers[0];
  } catch (error) {
    if (error instanceof VoucherifyError && error.status < 500) return undefined;
    throw error;
  }
}

function record(ctx: Context, now: string, referrer: Customer, campaign: Campaign, code: Voucher, type: InviteeType, input: InviteeInput): void {
  invitations(ctx.tenant).put({
    // The holder sequence grows with time, so invitation ids sort by creation too.
    id: `ri_${ctx.ids.holder().slice(3)}`,
    object: 'referral_invitation',
    created_at: now,
    campaign_id: campaign.id,
    referrer_id: referrer.id,
    voucher_id: code.id,
    type,
    identifier: input.identifier,
    name: input.name ?? '',
    invitee_id: input.id ?? '',
    invited_on: input.invited_on ?? now,
  });
}

export type CustomerReferralsQuery = RequestQuery<'capillary-get-customer-referrals'>;

/**
 * GET /v1.1/customer/referrals: the customer's referral code in the campaign, whom they invited,
 * and which invitees became REFEREEs of the code (a referee is a REFEREE holder whose phone or
 * email is an identifier the customer invited). A customer or campaign not found is an
 * item_status failure with referrals null, as in the POST.
 */
export function customerReferrals(ctx: Context, query: CustomerReferralsQuery) {
  if (!query.mobile && !query.email) throw invalidQueryParams('Query must have property mobile or email');
  const { customer, failure } = findReferrer(ctx, query);
  const campaign = customer ? findReferralCampaign(ctx, query.campaign_token) : undefined;
  let itemStatus: ItemStatus = STATUS.fetched;
  let referrals = null;
  if (failure || !customer) itemStatus = failure ?? STATUS.noCustomerIdentifier;
  else if (!campaign) itemStatus = STATUS.invalidCampaignToken;
  else {
    const code = referralCodeOf(ctx, customer, campaign);
    const invited = invitations(ctx.tenant).groupOf('referrer_campaign', `${customer.id}|${campaign.id}`);
    const invitee = invited.map((i) => ({ type: i.type, id: i.invitee_id, name: i.name, identifier: i.identifier, invited_on: i.invited_on }));
    const referee = code ? refereesOf(ctx, customer, campaign, code) : [];
    referrals = {
      campaign_token: query.campaign_token,
      referral_code: code?.code ?? null,
      invitees: { count: invitee.length, invitee },
      referees: { count: referee.length, referee },
    };
  }
  return {
    response: {
      status: SUCCESS,
      customers: { customer: [{ ...customerHeader(query, customer), referrals, item_status: itemStatus }] },
    },
  };
}

function refereesOf(ctx: Context, referrer: Customer, campaign: Campaign, code: Voucher) {
  const out: { type: InviteeType; identifier: string; name: string; joined_on: string }[] = [];
  for (const holder of holders(ctx.tenant).groupOf('redeemable_role', `${code.id}|REFEREE`)) {
    const customer = customers(ctx.tenant).get(holder.customer_id);
    if (!customer) continue;
    const base = { referrer_id: referrer.id, campaign_id: campaign.id };
    const byMobile = customer.phone ? invitationKey({ ...base, type: 'MOBILE', identifier: customer.phone }) : null;
    const byEmail = customer.email ? invitationKey({ ...base, type: 'EMAIL', identifier: customer.email }) : null;
    const invitation =
      (byMobile ? invitations(ctx.tenant).findBy('invitation', byMobile) : undefined) ??
      (byEmail ? invitations(ctx.tenant).findBy('invitation', byEmail) : undefined);
    if (invitation) out.push({ type: invitation.type, identifier: invitation.identifier, name: customer.name ?? '', joined_on: holder.created_at });
  }
  return out;
}
