// The dependency rule of mock-voucherify, checked in CI (`npm run depcheck`):
// resources → domain → store / lists; a resource never imports another resource; no cycles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties modules together so that neither can change alone; move what both need into a lower layer.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-resource-to-resource',
      severity: 'error',
      comment: 'A resource never imports another resource: what two resources share belongs in src/domain/.',
      from: { path: '^src/resources/([^/]+)/' },
      to: { path: '^src/resources/', pathNot: '^src/resources/$1/' },
    },
    {
      name: 'domain-below-resources',
      severity: 'error',
      comment: 'src/domain/ holds shared rules on plain data: it may use the store, lists, errors and the request types generated from specs/, nothing above.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: ['^src/(domain|store|lists)/', '^src/errors\\.ts$', '^src/openapi/(operation-types\\.ts$|types/)'] },
    },
    {
      name: 'store-knows-no-resource',
      severity: 'error',
      comment: 'src/store/ keeps records of any kind and never names a collection: adding a resource never changes it.',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: '^src/store/' },
    },
    {
      name: 'lists-stand-alone',
      severity: 'error',
      comment: 'src/lists/ pages and filters plain arrays and ordered walks; it depends on nothing of the mock.',
      from: { path: '^src/lists/' },
      to: { path: '^src/', pathNot: '^src/lists/' },
    },
    {
      name: 'pipeline-knows-no-resource',
      severity: 'error',
      comment: 'src/http/ and src/openapi/ serve any operation; only app.ts wires resources in.',
      from: { path: '^src/(http|openapi)/' },
      to: { path: '^src/(resources|domain)/', pathNot: '^src/domain/context\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types still ties modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/openapi/codegen/' },
  },
};
