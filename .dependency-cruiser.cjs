/**
 * Import rules that `npm test` enforces on the build (dist/ mirrors src/ file
 * for file; this tool cannot parse TypeScript 7 sources itself). Cycles
 * between the top-level folders of src/ are checked by
 * test/architecture.test.ts on this tool's graph.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order matter and hide which module owns what.',
      from: { path: '^dist/' },
      to: { circular: true },
    },
    {
      name: 'cli-uses-the-public-api',
      severity: 'error',
      comment: 'The CLI is a thin layer over src/index.ts (and the server over it): whatever it needs, a library user needs too.',
      from: { path: '^dist/cli/' },
      to: { path: '^dist/', pathNot: ['^dist/cli/', '^dist/index\\.js$', '^dist/serve/index\\.js$'] },
    },
    {
      name: 'serve-uses-the-public-api',
      severity: 'error',
      comment: 'The server is a thin layer over one session: it reaches lv2en through src/index.ts only.',
      from: { path: '^dist/serve/' },
      to: { path: '^dist/', pathNot: ['^dist/serve/', '^dist/index\\.js$'] },
    },
    {
      name: 'decoding-never-uses-the-test-model-generator',
      severity: 'error',
      comment: 'Production decoding must not depend on the code that writes fixture models.',
      from: { path: '^dist/(decode|translate|memory|session|stages|pipeline)/' },
      to: { path: '^dist/models/generate/' },
    },
    {
      name: 'product-code-never-imports-tests',
      severity: 'error',
      from: { path: '^dist/' },
      to: { path: '^(test|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import'], extensions: ['.js'] },
  },
};
