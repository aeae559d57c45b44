/**
 * Import cycles, checked by `npm run lint` (depcruise src). Type-only imports count too
 * (tsPreCompilationDeps): a type cycle is still two modules that cannot be understood or
 * changed one without the other. tests/lint/cycles.test.ts proves a type-only cycle fails.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only ones included (docs/architecture.md).',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
  },
};
