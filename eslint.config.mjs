// ESLint 9 flat config: typescript-eslint's recommended rules (the few today's code does
// not follow are switched off below, with the reason) and a folder-boundary rule.
// Cycles between folders need the whole import graph, so `npm run lint` also runs
// scripts/lint/folder-graph.mjs; this rule flags a deep import in the editor as it is typed.
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const src = resolve(dirname(fileURLToPath(import.meta.url)), 'src');

/** src/<folder>/… → <folder>; src/*.ts (the composition root) → null. */
function folderOf(path) {
  const parts = relative(src, path).split(sep);
  return parts.length > 1 && !parts[0].startsWith('..') ? parts[0] : null;
}

const boundaries = {
  rules: {
    'no-deep-import': {
      meta: {
        type: 'problem',
        messages: { deep: "'{{spec}}' reaches into src/{{folder}}/; import '{{folder}}' through its index.ts instead." },
        schema: [],
      },
      create(context) {
        const file = context.filename;
        const own = folderOf(file);
        function check(node) {
          const spec = node.source?.value;
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const target = resolve(dirname(file), spec);
          const folder = folderOf(target);
          if (!folder || folder === own) return;
          const rel = relative(src, target).split(sep);
          const isFolder = rel.length === 1 && existsSync(target) && statSync(target).isDirectory();
          if (isFolder || (rel.length === 2 && rel[1] === 'index')) return;
          context.report({ node: node.source, messageId: 'deep', data: { spec, folder } });
        }
        return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Unused arguments of Express handlers and callbacks are named for readability.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    rules: { 'boundaries/no-deep-import': 'error' },
  },
  {
    // Plain Node scripts (this config, the folder-graph check).
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
  },
);
