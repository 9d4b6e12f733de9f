// Validation rules: operationId → handler. Rules are named by id (val_…), assignments by id (asgm_…).

import type { Handlers } from '../../http/context.js';
import { type AssignmentBody, createAssignment, createRule, deleteAssignment, deleteRule, getRule, listAssignments, listRules, ruleView, updateRule } from './model.js';

export const validationRuleHandlers = {
  'list-validation-rules': (ctx) => ({ status: 200, body: listRules(ctx, ctx.query) }),
  'create-validation-rules': (ctx) => ({ status: 200, body: createRule(ctx, ctx.body) }),
  'get-validation-rule': (ctx) => ({ status: 200, body: ruleView(ctx, getRule(ctx, ctx.params.validationRuleId)) }),
  'update-validation-rule': (ctx) => ({ status: 200, body: updateRule(ctx, ctx.params.validationRuleId, ctx.body) }),
  'delete-validation-rules': (ctx) => {
    deleteRule(ctx, ctx.params.validationRuleId);
    return { status: 204 };
  },
  'list-validation-rules-assignments': (ctx) => ({ status: 200, body: listAssignments(ctx, ctx.query) }),
  'list-validation-rule-assignments': (ctx) => ({ status: 200, body: listAssignments(ctx, { ...ctx.query, rule: ctx.params.validationRuleId }) }),
  'create-validation-rule-assignment': (ctx) => ({
    status: 200,
    body: createAssignment(ctx, ctx.params.validationRuleId, ctx.body as AssignmentBody, ctx.query.force === true),
  }),
  'delete-validation-rule-assignment': (ctx) => {
    deleteAssignment(ctx, ctx.params.validationRuleId, ctx.params.assignmentId);
    return { status: 204 };
  },
} satisfies Handlers;
