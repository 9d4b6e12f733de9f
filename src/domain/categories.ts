// Categories as campaigns and vouchers use them: what `category` / `category_id` in a request
// link to, and keeping the campaigns and vouchers of a category in step when it changes or goes.

import { duplicateName, notFound } from '../errors.js';
import { campaigns, categories, vouchers } from './collections.js';
import type { Context } from './context.js';
import type { Category } from './records.js';

/** How a request names a category: by id, by name, or (null) none. */
export interface CategoryChoice {
  category?: string | null;
  category_id?: string | null;
}

/** The three fields a campaign or voucher shows of its category. */
export interface CategoryFields {
  category: string | null;
  category_id: string | null;
  categories: Category[];
}

const linked = (category: Category): CategoryFields => ({ category: category.name, category_id: category.id, categories: [category] });
const NONE: CategoryFields = Object.freeze({ category: null, category_id: null, categories: [] }) as CategoryFields;

/** The category with this id, or 404 category naming the id as sent. */
export function getCategory(ctx: Context, id: string): Category {
  const category = categories(ctx.tenant).get(id);
  if (!category) throw notFound('category', id);
  return category;
}

/**
 * What a campaign or voucher shows for the category the request names, or undefined when the
 * request names none (the fields stay as they are). category_id wins over category and must be a
 * category of the tenant (404 category). A `category` name links the category with that name;
 * a name no category has is kept as a plain label (category_id null), as Voucherify shows
 * vouchers created with a free-text category. null (either field) leaves the category.
 */
export function categoryFields(ctx: Context, choice: CategoryChoice): CategoryFields | undefined {
  if (typeof choice.category_id === 'string') return linked(getCategory(ctx, choice.category_id));
  if (typeof choice.category === 'string') {
    const named = categories(ctx.tenant).findBy('name', choice.category);
    return named ? linked(named) : { category: choice.category, category_id: null, categories: [] };
  }
  if (choice.category_id === null || choice.category === null) return { ...NONE, categories: [] };
  return undefined;
}

/** A name another category already has: 409 duplicate_found (category). */
export function checkCategoryName(ctx: Context, name: string, self?: string): void {
  const holder = categories(ctx.tenant).findBy('name', name);
  if (holder && holder.id !== self) throw duplicateName('category', name);
}

/**
 * Shows `category`'s new name and hierarchy on its campaigns and vouchers, or (`category`
 * undefined: it was deleted) takes them out of it, so that no campaign or voucher names a category
 * that is gone. Their updated_at stays: they did not change, their category did.
 */
export function restampCategory(ctx: Context, categoryId: string, category: Category | undefined): void {
  const fields = category ? linked(category) : NONE;
  const campaignRecords = campaigns(ctx.tenant);
  for (const campaign of campaignRecords.groupOf('category_id', categoryId)) campaignRecords.put({ ...campaign, ...fields, categories: [...fields.categories] });
  const voucherRecords = vouchers(ctx.tenant);
  for (const voucher of voucherRecords.groupOf('category_id', categoryId)) voucherRecords.put({ ...voucher, ...fields, categories: [...fields.categories] });
}
