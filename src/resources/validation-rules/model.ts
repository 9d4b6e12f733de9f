// Validation rules and their assignments: made, listed, read, changed and deleted. The rules are
// checked by the engine (domain/rules.ts) when made or changed; an assignment to a voucher or
// campaign shows in its validation_rules_assignments and makes its checkouts obey the rule.

import { campaigns, ruleAssignments, validationRules, vouchers } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import { checkApplicableTo } from '../../domain/applicable-to.js';
import { findCampaign, findVoucher } from '../../domain/lookups.js';
import { findPromotionTier } from '../../domain/promotions.js';
import type { RuleTargetType, ValidationRule, ValidationRuleAssignment } from '../../domain/records.js';
import { assignmentsSummary, normalizeRules } from '../../domain/rules.js';
import { duplicateFound, notFound } from '../../errors.js';
import { listEnvelope } from '../../lists/envelope.js';
import { numberedPage, orderedPage } from '../../lists/numbered-page.js';
import type { RequestBody, RequestQuery } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

const RULES = 'validation_rules';
const ASSIGNMENT = 'validation_rules_assignment';

export function getRule(ctx: Context, id: string): ValidationRule {
  const rule = validationRules(ctx.tenant).get(id);
  if (!rule) throw notFound(RULES, id);
  return rule;
}

/** The rule as reads and lists show it: with assignments_count when it has assignments. */
export function ruleView(ctx: Context, rule: ValidationRule): ValidationRule & { assignments_count?: number } {
  const count = ruleAssignments(ctx.tenant).countOf('rule_id', rule.id);
  return count > 0 ? { ...rule, assignments_count: count } : rule;
}

type Fields = RequestBody<'update-validation-rule'>;

// An included item sent without an effect is stored (and shown) with the default, APPLY_TO_EVERY, as Voucherify shows it.
const applicableTo = (sent: Fields['applicable_to'], previous?: ValidationRule['applicable_to']): ValidationRule['applicable_to'] => ({
  excluded: (sent?.excluded ?? previous?.excluded ?? []) as Record<string, unknown>[],
  included: ((sent?.included ?? previous?.included ?? []) as Record<string, unknown>[]).map((entry) => (entry.effect === undefined ? { ...entry, effect: 'APPLY_TO_EVERY' } : entry)),
  included_all: sent?.included_all ?? previous?.included_all ?? false,
});

/** A new rule: its rules checked and stored with every condition's property and nested rules spelled out. */
export function createRule(ctx: Context, body: RequestBody<'create-validation-rules'>): ValidationRule {
  const rules = normalizeRules(body.rules);
  checkApplicableTo(body.applicable_to);
  return validationRules(ctx.tenant).put({
    id: ctx.ids.validationRule(),
    name: body.name as string, // required by the spec's create body (allOf), checked before the handler runs
    rules,
    ...(body.error !== undefined ? { error: body.error } : {}),
    applicable_to: applicableTo(body.applicable_to),
    created_at: timestamp(ctx.clock),
    type: body.type ?? 'expression',
    context_type: body.context_type ?? 'global',
    object: 'validation_rules',
  });
}

/** The fields sent replace the rule's; new rules are checked as on creation. */
export function updateRule(ctx: Context, id: string, body: Fields): ValidationRule {
  const rule = getRule(ctx, id);
  checkApplicableTo(body.applicable_to);
  const updated: ValidationRule = {
    ...rule,
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.rules !== undefined ? { rules: normalizeRules(body.rules) } : {}),
    ...(body.error !== undefined ? { error: body.error } : {}),
    ...(body.applicable_to !== undefined ? { applicable_to: applicableTo(body.applicable_to, rule.applicable_to) } : {}),
    ...(body.type !== undefined ? { type: body.type } : {}),
    ...(body.context_type !== undefined ? { context_type: body.context_type } : {}),
    updated_at: timestamp(ctx.clock),
  };
  return validationRules(ctx.tenant).put(updated);
}

/** Deleting a rule deletes its assignments (the vouchers and campaigns stop showing them). */
export function deleteRule(ctx: Context, id: string): void {
  const rule = getRule(ctx, id);
  for (const assignment of ruleAssignments(ctx.tenant).groupOf('rule_id', rule.id)) removeAssignment(ctx, assignment);
  validationRules(ctx.tenant).remove(rule.id);
}

export function listRules(ctx: Context, query: RequestQuery<'list-validation-rules'>) {
  const from = query.start_date !== undefined ? Date.parse(query.start_date) : undefined;
  const to = query.end_date !== undefined ? Date.parse(query.end_date) : undefined;
  const order = query.order ?? '-created_at';
  const page =
    from === undefined && to === undefined
      ? orderedPage(validationRules(ctx.tenant), query, order)
      : orderedPage(validationRules(ctx.tenant), query, order, (rule) => {
          const created = Date.parse(rule.created_at);
          return (from === undefined || created >= from) && (to === undefined || created <= to);
        });
  return listEnvelope('data', page.items.map((rule) => ruleView(ctx, rule)), { total: page.total });
}

// ---- assignments ----------------------------------------------------------------------------

/** Shows the voucher's or campaign's assignments as they are now on its record. */
function refreshTarget(ctx: Context, type: RuleTargetType, id: string): void {
  if (type === 'voucher') {
    const voucher = vouchers(ctx.tenant).get(id);
    if (voucher) vouchers(ctx.tenant).put({ ...voucher, validation_rules_assignments: assignmentsSummary(ctx, id) });
  } else if (type === 'campaign') {
    const campaign = campaigns(ctx.tenant).get(id);
    if (campaign) campaigns(ctx.tenant).put({ ...campaign, validation_rules_assignments: assignmentsSummary(ctx, id) });
  }
}

function removeAssignment(ctx: Context, assignment: ValidationRuleAssignment): void {
  ruleAssignments(ctx.tenant).remove(assignment.id);
  refreshTarget(ctx, assignment.related_object_type, assignment.related_object_id);
}

/** The id an assignment keeps: a voucher's or campaign's own id (404 when the tenant has none), a promotion tier's (404 likewise); others as sent. */
function targetId(ctx: Context, type: RuleTargetType, sent: string): string {
  if (type === 'voucher') {
    const voucher = findVoucher(ctx, sent);
    if (!voucher) throw notFound('voucher', sent);
    return voucher.id;
  }
  if (type === 'campaign') {
    const campaign = findCampaign(ctx, sent);
    if (!campaign) throw notFound('campaign', sent);
    return campaign.id;
  }
  if (type === 'promotion_tier' && !findPromotionTier(ctx, sent)) throw notFound('promotion_tier', sent);
  return sent;
}

/** An assignment's body, as its schema (one of related_object_id, voucher, campaign, promotion_tier required) lets it through. */
export interface AssignmentBody {
  related_object_type?: ValidationRuleAssignment['related_object_type'];
  related_object_id?: string;
  voucher?: string;
  campaign?: string;
  promotion_tier?: string;
}

/** The object an assignment body names: by related_object_type and related_object_id, else by the SDK's voucher, campaign or promotion_tier key. */
function assignmentTarget(body: AssignmentBody): [NonNullable<AssignmentBody['related_object_type']>, string] {
  if (body.related_object_id !== undefined) return [body.related_object_type ?? 'voucher', body.related_object_id];
  if (body.voucher !== undefined) return ['voucher', body.voucher];
  if (body.campaign !== undefined) return ['campaign', body.campaign];
  return ['promotion_tier', body.promotion_tier!];
}

export function createAssignment(
  ctx: Context,
  ruleId: string,
  body: AssignmentBody,
  force: boolean,
): ValidationRuleAssignment {
  const rule = getRule(ctx, ruleId);
  const [type, sentId] = assignmentTarget(body);
  const relatedId = targetId(ctx, type, sentId);
  const existing = ruleAssignments(ctx.tenant).findBy('rule_target', `${rule.id}|${type}|${relatedId}`);
  if (existing && !force) throw duplicateFound(ASSIGNMENT, existing.id);
  if (existing) ruleAssignments(ctx.tenant).remove(existing.id);
  const assignment = ruleAssignments(ctx.tenant).put({
    id: ctx.ids.ruleAssignment(),
    rule_id: rule.id,
    related_object_id: relatedId,
    related_object_type: type,
    created_at: timestamp(ctx.clock),
    object: ASSIGNMENT,
  });
  refreshTarget(ctx, type, relatedId);
  return assignment;
}

/** 404 for an unknown rule, and for an assignment that is not this rule's. */
export function deleteAssignment(ctx: Context, ruleId: string, assignmentId: string): void {
  const rule = getRule(ctx, ruleId);
  const assignment = ruleAssignments(ctx.tenant).get(assignmentId);
  if (!assignment || assignment.rule_id !== rule.id) throw notFound(ASSIGNMENT, assignmentId);
  removeAssignment(ctx, assignment);
}

type AssignmentQuery = RequestQuery<'list-validation-rules-assignments'>;

/** Assignments narrowed by rule and related object, newest first unless `order` says otherwise. */
export function listAssignments(ctx: Context, query: AssignmentQuery) {
  const all = ruleAssignments(ctx.tenant);
  const candidates =
    query.rule !== undefined
      ? all.groupOf('rule_id', query.rule)
      : query.related_object_id !== undefined
        ? all.groupOf('related_object_id', query.related_object_id)
        : all.all();
  const matching = candidates.filter(
    (a) => (query.rule === undefined || a.rule_id === query.rule) && (query.related_object_id === undefined || a.related_object_id === query.related_object_id),
  );
  const page = numberedPage(matching, query, query.order ?? '-created_at');
  return listEnvelope('data', page.items, { total: page.total });
}
