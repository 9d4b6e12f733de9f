// Categories: operationId → handler. Categories are named by id (cat_…) in every path.

import { getCategory } from '../../domain/categories.js';
import type { Handlers } from '../../http/context.js';
import { createCategory, deleteCategory, listCategories, updateCategory } from './model.js';

export const categoryHandlers = {
  'list-categories': (ctx) => ({ status: 200, body: listCategories(ctx) }),
  'create-category': (ctx) => ({ status: 200, body: createCategory(ctx, ctx.body) }),
  'get-category': (ctx) => ({ status: 200, body: getCategory(ctx, ctx.params.categoryId) }),
  'update-category': (ctx) => ({ status: 200, body: updateCategory(ctx, ctx.params.categoryId, ctx.body) }),
  'delete-category': (ctx) => {
    deleteCategory(ctx, ctx.params.categoryId);
    return { status: 204 };
  },
} satisfies Handlers;
