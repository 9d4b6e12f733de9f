// Products and SKUs: operationId → handler. Products and SKUs are named by id or source_id in every path.

import { getProduct, getSku } from '../../domain/catalogue.js';
import type { Handlers } from '../../http/context.js';
import {
  changeProduct,
  changeSku,
  createProduct,
  createSku,
  importProducts,
  importSkus,
  listProducts,
  listSkus,
  removeProduct,
  removeSku,
  updateProductsInBulk,
  updateProductsMetadataInBulk,
  withSkus,
} from './model.js';

export const productHandlers = {
  'list-products': (ctx) => ({ status: 200, body: listProducts(ctx, ctx.query) }),
  'create-product': (ctx) => ({ status: 200, body: createProduct(ctx, ctx.body) }),
  'get-product': (ctx) => ({ status: 200, body: withSkus(ctx, getProduct(ctx, ctx.params.productId)) }),
  'update-product': (ctx) => ({ status: 200, body: changeProduct(ctx, ctx.params.productId, ctx.body) }),
  'delete-product': (ctx) => {
    removeProduct(ctx, ctx.params.productId, ctx.query.force === true);
    return { status: 204 };
  },
  'update-products-in-bulk': (ctx) => ({ status: 202, body: updateProductsInBulk(ctx, ctx.body) }),
  'update-products-metadata-in-bulk': (ctx) => ({ status: 202, body: updateProductsMetadataInBulk(ctx, ctx.body) }),
  'import-products-using-csv': (ctx) => ({ status: 200, body: importProducts(ctx, ctx.body.file) }),
  'list-SKUs-in-product': (ctx) => ({ status: 200, body: listSkus(ctx, ctx.params.productId, ctx.query) }),
  'create-sku': (ctx) => ({ status: 200, body: createSku(ctx, ctx.params.productId, ctx.body) }),
  'get-sku': (ctx) => ({ status: 200, body: getSku(ctx, ctx.params.skuId) }),
  'update-sku': (ctx) => ({ status: 200, body: changeSku(ctx, ctx.params.productId, ctx.params.skuId, ctx.body) }),
  'delete-sku': (ctx) => {
    removeSku(ctx, ctx.params.productId, ctx.params.skuId, ctx.query.force === true);
    return { status: 204 };
  },
  'import-SKUs-using-csv': (ctx) => ({ status: 200, body: importSkus(ctx, ctx.body.file) }),
} satisfies Handlers;
