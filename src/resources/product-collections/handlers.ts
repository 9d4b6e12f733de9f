// Product collections: operationId → handler.

import type { Handlers } from '../../http/context.js';
import {
  createProductCollection,
  deleteProductCollection,
  getProductCollection,
  listProductCollections,
  listProductsInCollection,
  updateProductCollection,
} from './model.js';

export const productCollectionHandlers = {
  'list-product-collections': (ctx) => ({ status: 200, body: listProductCollections(ctx, ctx.query) }),
  'create-product-collection': (ctx) => ({ status: 200, body: createProductCollection(ctx, ctx.body) }),
  'get-product-collection': (ctx) => ({ status: 200, body: getProductCollection(ctx, ctx.params.productCollectionId) }),
  'put-product-collection': (ctx) => ({ status: 200, body: updateProductCollection(ctx, ctx.params.productCollectionId, ctx.body) }),
  'delete-product-collection': (ctx) => {
    deleteProductCollection(ctx, ctx.params.productCollectionId);
    return { status: 204 };
  },
  'list-products-in-collection': (ctx) => ({ status: 200, body: listProductsInCollection(ctx, ctx.params.productCollectionId, ctx.query) }),
} satisfies Handlers;
