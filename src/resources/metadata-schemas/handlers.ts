// Metadata schemas: operationId → handler. The schemas come with the tenant's fixtures (metadata_schemas).

import { getMetadataSchema, listMetadataSchemas } from '../../domain/metadata-schemas.js';
import type { Handlers } from '../../http/context.js';

export const metadataSchemaHandlers = {
  'list-metadata-schemas': (ctx) => ({ status: 200, body: listMetadataSchemas(ctx) }),
  'get-metadata-schema': (ctx) => ({ status: 200, body: getMetadataSchema(ctx, ctx.params.resource) }),
} satisfies Handlers;
