/**
 * Module boundaries, checked by `npm run lint` (`npm run lint:deps`):
 * - no import cycles between files;
 * - no import cycles between the folders of src/ (a folder may use a folder below it, never one
 *   that uses it back; the layers are drawn in docs/architecture.md).
 * Type-only imports count too: a cycle of types is still a cycle a reader has to untangle.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files that import each other, directly or through others.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders of src/ that depend on each other, directly or through others.',
      scope: 'folder',
      from: { path: '^src/[^/]+$' },
      to: { circular: true },
    },
  ],
  options: {
    includeOnly: '^src/',
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
