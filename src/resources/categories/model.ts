// Categories: creating, listing, renaming and deleting them. What campaigns and vouchers make of
// a category (linking by id or name, following a rename, leaving a deleted one) is in
// domain/categories.ts.

import { checkCategoryName, getCategory, restampCategory } from '../../domain/categories.js';
import { categories } from '../../domain/collections.js';
import type { Context } from '../../domain/context.js';
import type { Category } from '../../domain/records.js';
import { listEnvelope } from '../../lists/envelope.js';
import type { RequestBody } from '../../openapi/operation-types.js';
import { timestamp } from '../../store/clock.js';

/** A new category; a name another category has is 409 duplicate_found. */
export function createCategory(ctx: Context, body: RequestBody<'create-category'>): Category {
  checkCategoryName(ctx, body.name);
  return categories(ctx.tenant).put({
    id: ctx.ids.category(),
    name: body.name,
    hierarchy: body.hierarchy,
    created_at: timestamp(ctx.clock),
    object: 'category',
  });
}

/** Every category, newest first (category ids grow with time, ties in reverse creation order). */
export function listCategories(ctx: Context) {
  const data = [...categories(ctx.tenant).ordered('created_at', true)];
  return listEnvelope('data', data, { total: data.length });
}

/** Renames the category and sets its hierarchy; its campaigns and vouchers show it as it is now. */
export function updateCategory(ctx: Context, id: string, body: RequestBody<'update-category'>): Category {
  const category = getCategory(ctx, id);
  checkCategoryName(ctx, body.name, category.id);
  const next = categories(ctx.tenant).put({ ...category, name: body.name, hierarchy: body.hierarchy, updated_at: timestamp(ctx.clock) });
  restampCategory(ctx, category.id, next);
  return next;
}

/** Deletes the category; its campaigns and vouchers belong to none from then on. */
export function deleteCategory(ctx: Context, id: string): void {
  const category = getCategory(ctx, id);
  restampCategory(ctx, category.id, undefined);
  categories(ctx.tenant).remove(category.id);
}
