// Segments: operationId → handler. Segments are named by id (seg_…) in every path.

import { segmentView } from '../../domain/segments.js';
import type { Handlers } from '../../http/context.js';
import { createSegment, deleteSegment, getSegment, listSegments } from './model.js';

export const segmentHandlers = {
  'list-segment': (ctx) => ({ status: 200, body: listSegments(ctx, ctx.query) }),
  'create-segment': (ctx) => ({ status: 200, body: createSegment(ctx, ctx.body) }),
  'get-segment': (ctx) => ({ status: 200, body: segmentView(getSegment(ctx, ctx.params.segmentId)) }),
  'delete-segment': (ctx) => {
    deleteSegment(ctx, ctx.params.segmentId);
    return { status: 204 };
  },
} satisfies Handlers;
