// Trash bin: operationId → handler.

import type { Handlers } from '../../http/context.js';
import { deleteBinEntry, listBinEntries } from './model.js';

export const trashBinHandlers = {
  'list-bin-entries': (ctx) => ({ status: 200, body: listBinEntries(ctx, ctx.query) }),
  'delete-bin-entry': (ctx) => {
    deleteBinEntry(ctx, ctx.params.binEntryId);
    return { status: 204 };
  },
} satisfies Handlers;
