// One lint for the whole tree: the TypeScript of the API and the packages, and the web
// app's TypeScript and Svelte components (svelte-check adds the type-aware checks there).
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The web app runs in the browser as well as on the server: it may import only the
 * browser-safe schemas of the domain, never its server entry nor the database.
 */
const webImports = {
  paths: [
    {
      name: '@kengash/core',
      message:
        'The web app may import only @kengash/core/schemas (or its zod-free entries /values, /lang, /countries).',
    },
    { name: '@kengash/db', message: 'The web app never imports the database.' },
  ],
  patterns: [
    {
      group: [
        '@kengash/db/*',
        '@kengash/core/*',
        '!@kengash/core/schemas',
        '!@kengash/core/schemas/*',
      ],
      message:
        'The web app may import only @kengash/core/schemas (or its zod-free entries /values, /lang, /countries).',
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/build/**', '**/.svelte-kit/**', '**/node_modules/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...svelte.configs.recommended,
  {
    files: ['apps/web/**/*.svelte', 'apps/web/**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['apps/web/**/*.{ts,js,svelte}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', webImports],
      // Links are plain paths on this site; SvelteKit's resolve() adds nothing without a base path.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
);
