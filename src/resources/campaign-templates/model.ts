// Campaign templates: made from a campaign or a promotion tier, listed, read, renamed, deleted, and
// used to create a campaign (as POST /v1/campaigns does) or a promotion tier (as POST
// /v1/promotions/{campaignId}/tiers does). Each use copies the template's validation rules into
// new rules, assigned to what it made.

import { campaignView, createCampaign, type CampaignCreateRequest } from '../../domain/campaigns.js';
import { campaigns, validationRules } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { getCampaign } from '../../domain/lookups.js';
import { addPromotionTier, getPromotionCampaign, getPromotionTier, promotionTierView, type PromotionTierInput } from '../../domain/promotions.js';
import type { Campaign, PromotionTier } from '../../domain/records.js';
import { assignRulesOnCreate, assignmentsOf, assignmentsSummary } from '../../domain/rules.js';
import { VoucherifyError, duplicateName, invalidPayload, notFound } from '../../errors.js';
import { cursorPage, walkById } from '../../lists/cursor-page.js';
import { filterPredicate } from '../../lists/filters.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';
import { campaignTemplates, type CampaignTemplate, type TemplateCampaign, type TemplateRule, type TemplateType } from './collection.js';

const TEMPLATE = 'campaign_template';

/** 400 for a campaign type a template cannot hold, or a template that cannot make what is asked. */
const unsupportedType = (details: string) =>
  new VoucherifyError(400, 'campaign_type_is_not_supported_by_campaign_template', 'Campaign of the given type is not supported by campaign template', { details });

const TEMPLATE_TYPES: readonly string[] = ['DISCOUNT_COUPONS', 'GIFT_VOUCHERS'] satisfies TemplateType[];

export function getTemplate(ctx: Context, id: string): CampaignTemplate {
  const template = campaignTemplates(ctx.tenant).get(id);
  if (!template) throw notFound(TEMPLATE, id);
  return template;
}

/** The template as the API shows it; `json_template` (expand) adds what it keeps. */
export function templateView(template: CampaignTemplate, expand?: 'json_template') {
  const { source: _source, campaign, validation_rules, ...shown } = template;
  return expand === 'json_template' ? { ...shown, json_template: { campaign, validation_rules } } : shown;
}

/** { [key]: value } when the value is set (not undefined or null), {} when not. */
const optional = <K extends string, V>(key: K, value: V | null | undefined) => (value == null ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The definitions of the rules assigned to a campaign or tier, in assignment order. */
function rulesOf(ctx: Context, relatedId: string): TemplateRule[] {
  const rules: TemplateRule[] = [];
  for (const assignment of assignmentsOf(ctx, relatedId)) {
    const rule = validationRules(ctx.tenant).get(assignment.rule_id);
    if (!rule) continue;
    rules.push({
      name: rule.name,
      rules: rule.rules,
      ...(rule.error !== undefined ? { error: rule.error } : {}),
      applicable_to: rule.applicable_to,
      type: rule.type,
      context_type: rule.context_type,
    });
  }
  return rules;
}

/** What a DISCOUNT_COUPONS or GIFT_VOUCHERS campaign's template keeps of it. */
function fromCampaign(campaign: Campaign): TemplateCampaign {
  const voucher = campaign.voucher ?? {};
  return {
    ...optional('description', campaign.description),
    type: campaign.type,
    voucher: {
      type: voucher.type ?? (campaign.campaign_type === 'GIFT_VOUCHERS' ? 'GIFT_VOUCHER' : 'DISCOUNT_VOUCHER'),
      ...optional('discount', voucher.discount),
      ...optional('gift', voucher.gift),
      redemption: { quantity: voucher.redemption?.quantity ?? null },
      ...optional('code_config', voucher.code_config),
    },
    auto_join: campaign.auto_join ?? false,
    join_once: campaign.join_once ?? false,
    use_voucher_metadata_schema: campaign.use_voucher_metadata_schema ?? true,
    ...optional('start_date', campaign.start_date),
    ...optional('expiration_date', campaign.expiration_date),
    ...optional('validity_timeframe', campaign.validity_timeframe),
    ...optional('validity_day_of_week', campaign.validity_day_of_week),
    ...optional('validity_hours', campaign.validity_hours),
    ...optional('activity_duration_after_publishing', campaign.activity_duration_after_publishing),
    active: campaign.active,
    metadata: campaign.metadata ?? {},
  };
}

/** A promotion tier as a DISCOUNT_COUPONS campaign: its discount on a voucher, with its validity, metadata and banner. */
function fromTier(tier: PromotionTier): TemplateCampaign {
  const discount = tier.action?.discount;
  if (!discount) throw invalidPayload(`Promotion tier ${tier.id} has no discount (action.discount) to make a campaign template from`);
  return {
    type: 'AUTO_UPDATE',
    voucher: { type: 'DISCOUNT_VOUCHER', discount, redemption: { quantity: null } },
    auto_join: false,
    join_once: false,
    use_voucher_metadata_schema: true,
    ...optional('start_date', tier.start_date),
    ...optional('expiration_date', tier.expiration_date),
    ...optional('validity_timeframe', tier.validity_timeframe),
    ...optional('validity_day_of_week', tier.validity_day_of_week),
    ...optional('validity_hours', tier.validity_hours),
    active: tier.active,
    metadata: tier.metadata ?? {},
    ...optional('banner', tier.banner),
  };
}

function checkName(ctx: Context, name: string, self?: string): void {
  const holder = campaignTemplates(ctx.tenant).findBy('name', name);
  if (holder && holder.id !== self) throw duplicateName(TEMPLATE, name);
}

/**
 * POST /v1/templates/campaigns: from exactly one of campaign_id (a DISCOUNT_COUPONS or
 * GIFT_VOUCHERS campaign, by id or name) and promotion_tier_id.
 */
export function createTemplate(ctx: Context, body: RequestBody<'create-campaign-template'>): CampaignTemplate {
  const campaignId = body.campaign_id ?? undefined;
  const tierId = body.promotion_tier_id ?? undefined;
  if (campaignId !== undefined && tierId !== undefined) {
    throw invalidPayload('Only one of campaign_id and promotion_tier_id can be given');
  }
  if (campaignId === undefined && tierId === undefined) {
    throw invalidPayload("Payload must have required property 'campaign_id' or 'promotion_tier_id'");
  }
  checkName(ctx, body.name);
  let source: CampaignTemplate['source'];
  let campaignType: TemplateType;
  let settings: TemplateCampaign;
  let rules: TemplateRule[];
  if (campaignId !== undefined) {
    const campaign = getCampaign(ctx, campaignId);
    if (!TEMPLATE_TYPES.includes(campaign.campaign_type)) {
      throw unsupportedType(`Campaign ${campaign.name} is a ${campaign.campaign_type} campaign; templates are made from DISCOUNT_COUPONS and GIFT_VOUCHERS campaigns and from promotion tiers`);
    }
    source = { type: 'campaign', id: campaign.id };
    campaignType = campaign.campaign_type as TemplateType;
    settings = fromCampaign(campaign);
    rules = rulesOf(ctx, campaign.id);
  } else {
    const tier = getPromotionTier(ctx, tierId!);
    source = { type: 'promotion_tier', id: tier.id };
    campaignType = 'DISCOUNT_COUPONS';
    settings = fromTier(tier);
    rules = rulesOf(ctx, tier.id);
  }
  return campaignTemplates(ctx.tenant).put({
    id: ctx.ids.campaignTemplate(),
    name: body.name,
    ...optional('description', body.description),
    campaign_type: campaignType,
    created_at: timestamp(ctx.clock),
    object: 'campaign_template',
    source,
    campaign: settings,
    validation_rules: rules,
  });
}

/** PUT: a new name (unique) and/or description; a description of null removes it. */
export function updateTemplate(ctx: Context, id: string, body: RequestBody<'update-campaign-template'>): CampaignTemplate {
  const template = getTemplate(ctx, id);
  const next: CampaignTemplate = { ...template, updated_at: timestamp(ctx.clock) };
  if (body.name !== undefined) {
    checkName(ctx, body.name, template.id);
    next.name = body.name;
  }
  if (body.description === null) delete next.description;
  else if (body.description !== undefined) next.description = body.description;
  return campaignTemplates(ctx.tenant).put(next);
}

export function deleteTemplate(ctx: Context, id: string): void {
  campaignTemplates(ctx.tenant).remove(getTemplate(ctx, id).id);
}

/** GET: ordered by id (= age), oldest first unless order=-id, after starting_after_id. */
export function listTemplates(ctx: Context, query: RequestQuery<'list-campaign-templates'>) {
  const all = campaignTemplates(ctx.tenant).all();
  const matches = filterPredicate<CampaignTemplate>(query.filters, ctx.clock());
  const page = cursorPage(walkById(all), { limit: query.limit, order: query.order ?? 'id', starting_after_id: query.starting_after_id }, all.length, matches);
  return {
    object: 'list' as const,
    data_ref: 'data' as const,
    data: page.data.map((template) => templateView(template)),
    ...(query.include_total ? { total: all.length } : {}),
    has_more: page.has_more,
    ...optional('more_starting_after', page.more_starting_after),
  };
}

/** New rules made from the template's definitions; their ids, in the template's order. */
function copyRules(ctx: Context, template: CampaignTemplate): string[] {
  const now = timestamp(ctx.clock);
  return template.validation_rules.map(
    (rule) => validationRules(ctx.tenant).put({ ...rule, id: ctx.ids.validationRule(), created_at: now, object: 'validation_rules' }).id,
  );
}

const createdRules = (ids: string[]) => ids.map((id) => ({ id, object: 'validation_rules' as const }));

/** A field sent replaces the template's; null removes it; not sent keeps the template's. */
const pick = <V>(sent: V | null | undefined, kept: V | undefined): V | undefined => (sent === null ? undefined : (sent ?? kept));

/** POST …/campaign-setup: a campaign made as POST /v1/campaigns makes it, from the template and the fields sent. */
export function createCampaignFromTemplate(ctx: Context, id: string, body: RequestBody<'create-campaign-from-template'>) {
  const template = getTemplate(ctx, id);
  const kept = template.campaign;
  const { banner: _banner, voucher, ...settings } = kept;
  const request = {
    ...settings,
    name: body.name,
    campaign_type: template.campaign_type,
    description: pick(body.description, kept.description),
    type: body.type ?? kept.type,
    join_once: body.join_once ?? kept.join_once,
    auto_join: body.auto_join ?? kept.auto_join,
    use_voucher_metadata_schema: body.use_voucher_metadata_schema ?? kept.use_voucher_metadata_schema,
    vouchers_count: body.vouchers_count ?? 0,
    start_date: pick(body.start_date, kept.start_date),
    expiration_date: pick(body.expiration_date, kept.expiration_date),
    validity_timeframe: pick(body.validity_timeframe, kept.validity_timeframe),
    validity_day_of_week: pick(body.validity_day_of_week, kept.validity_day_of_week),
    validity_hours: pick(body.validity_hours, kept.validity_hours),
    activity_duration_after_publishing: pick(body.activity_duration_after_publishing, kept.activity_duration_after_publishing),
    metadata: body.metadata ?? kept.metadata,
    ...(body.category !== undefined ? { category: body.category } : {}),
    ...(body.category_id !== undefined ? { category_id: body.category_id } : {}),
    voucher: {
      ...voucher,
      redemption: body.voucher?.redemption ? { quantity: body.voucher.redemption.quantity ?? null } : voucher.redemption,
      ...optional('code_config', body.voucher?.code_config ?? voucher.code_config),
    },
  } as CampaignCreateRequest;
  const created = createCampaign(ctx, request);
  const ruleIds = copyRules(ctx, template);
  let campaign = campaigns(ctx.tenant).get(created.id)!;
  if (ruleIds.length > 0) {
    assignRulesOnCreate(ctx, ruleIds, 'campaign', campaign.id);
    campaign = campaigns(ctx.tenant).put({ ...campaign, validation_rules_assignments: assignmentsSummary(ctx, campaign.id) });
  }
  return { created_resources: createdRules(ruleIds), campaign: campaignView(ctx, campaign), object: 'campaign_setup' as const };
}

/** POST …/tier-setup: a tier of a PROMOTION campaign with a DISCOUNT_COUPONS template's discount, validity and metadata. */
export function addTierFromTemplate(ctx: Context, id: string, body: RequestBody<'add-tier-from-template'>) {
  const template = getTemplate(ctx, id);
  if (template.campaign_type !== 'DISCOUNT_COUPONS') {
    throw unsupportedType(`Campaign template ${template.id} is a ${template.campaign_type} template; promotion tiers are made from DISCOUNT_COUPONS templates`);
  }
  const campaign = getPromotionCampaign(ctx, body.campaign_id);
  const kept = template.campaign;
  const ruleIds = copyRules(ctx, template);
  const input: PromotionTierInput = {
    name: body.name,
    ...optional('banner', body.banner ?? kept.banner),
    action: { discount: kept.voucher.discount },
    metadata: body.metadata ?? kept.metadata,
    ...optional('hierarchy', body.hierarchy),
    active: body.active ?? kept.active,
    ...optional('start_date', pick(body.start_date, kept.start_date)),
    ...optional('expiration_date', pick(body.expiration_date, kept.expiration_date)),
    ...optional('validity_timeframe', pick(body.validity_timeframe, kept.validity_timeframe)),
    ...optional('validity_day_of_week', pick(body.validity_day_of_week, kept.validity_day_of_week)),
    ...optional('validity_hours', pick(body.validity_hours, kept.validity_hours)),
    ...(body.category !== undefined ? { category: body.category } : {}),
    ...(body.category_id !== undefined ? { category_id: body.category_id } : {}),
    validation_rules: ruleIds,
  };
  const tier = addPromotionTier(ctx, campaign, input);
  return { created_resources: createdRules(ruleIds), promotion_tier: promotionTierView(ctx, tier), object: 'promotion_tier_setup' as const };
}
