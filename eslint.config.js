import tseslint from 'typescript-eslint';

/**
 * The layers of src/README.md: an import that enters a folder its layer may not reach fails the
 * lint. Import paths are matched as written, so a folder is named by its path segment.
 */
const enters = (folders) => `(^|/)(${folders.join('|')})/`;
const NODE_ONLY =
  '^(node:|jsdom$|@duckdb/node-api$|(fs|path|os|child_process|worker_threads)(/|$))';
const DOM_GLOBALS = [
  'document',
  'window',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'requestAnimationFrame',
  'requestIdleCallback',
  'XMLSerializer',
  'DOMParser',
];

function layer(name, files, { folders = [], packages = null, dom = null }) {
  const why = `${name} (see src/README.md)`;
  const patterns = [
    {
      regex: enters(['scripts', 'test']),
      message: `the site never imports scripts/ or test/: ${why}`,
    },
  ];
  if (folders.length > 0) patterns.push({ regex: enters(folders), message: why });
  if (packages) patterns.push({ regex: packages, message: `Node-only package: ${why}` });
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      ...(dom
        ? {
            'no-restricted-globals': [
              'error',
              ...DOM_GLOBALS.map((global) => ({ name: global, message: `${dom}: ${why}` })),
            ],
          }
        : {}),
    },
  };
}

/**
 * SQL is written only with the builder (src/lib/sql.ts): SQL text in a plain string or an untagged
 * template, or a query object written by hand, fails the lint.
 */
const SQL_TEXT =
  '/\\b(SELECT|INSERT INTO|CREATE (TABLE|TEMP|TYPE|VIEW)|COPY|ATTACH|DETACH|DROP (TABLE|TYPE|VIEW)|DELETE FROM|UPDATE [a-z_]+ SET|PRAGMA|CHECKPOINT|USE [a-z_]+$|WHERE|GROUP BY|ORDER BY)\\b|\\bSET [a-z_]+ =/';
const SQL_ONLY_IN_BUILDER = {
  files: ['src/**/*.ts', 'scripts/**/*.ts'],
  ignores: ['src/lib/sql.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: `Literal[value=${SQL_TEXT}]`,
        message: 'SQL text only in the sql tag (src/lib/sql.ts): values bound, names via name()',
      },
      {
        selector: `TemplateLiteral:not(TaggedTemplateExpression > TemplateLiteral) > TemplateElement[value.raw=${SQL_TEXT}]`,
        message: 'SQL text only in the sql tag (src/lib/sql.ts): values bound, names via name()',
      },
      {
        selector:
          "ObjectExpression:has(> Property[key.name='sql']):has(> Property[key.name='params'])",
        message: 'a query is built with the sql tag (src/lib/sql.ts), not written by hand',
      },
    ],
  },
};

const PAGE_SIDE = ['render', 'browser', 'build-time', 'node', 'components', 'pages', 'layouts'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.astro/', 'data/', 'public/', 'tmp/', '.work/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  layer('src/ is the site', ['src/**/*.ts'], {}),
  layer(
    'src/lib is pure TypeScript: it imports only src/lib and pure packages',
    ['src/lib/**/*.ts'],
    {
      folders: ['charts', 'dashboard', ...PAGE_SIDE],
      packages: NODE_ONLY,
      dom: 'no DOM here',
    },
  ),
  layer('src/charts are pure Plot specs over src/lib', ['src/charts/**/*.ts'], {
    folders: ['dashboard', ...PAGE_SIDE],
    packages: NODE_ONLY,
    dom: 'no DOM here',
  }),
  layer('src/dashboard loads pages from src/lib and src/charts, pure', ['src/dashboard/**/*.ts'], {
    folders: PAGE_SIDE,
    packages: NODE_ONLY,
    dom: 'no DOM here',
  }),
  layer('src/render draws into the Document it is given', ['src/render/**/*.ts'], {
    folders: ['browser', 'build-time', 'node', 'components', 'pages', 'layouts'],
    packages: NODE_ONLY,
    dom: 'not the page itself',
  }),
  layer('src/node is Node I/O over src/lib', ['src/node/**/*.ts'], {
    folders: ['charts', 'dashboard', 'render', 'browser', 'build-time'],
  }),
  layer('src/browser runs in the browser', ['src/browser/**/*.ts'], {
    folders: ['build-time', 'node'],
    packages: NODE_ONLY,
  }),
  layer('src/build-time runs in Node while Astro builds', ['src/build-time/**/*.ts'], {
    folders: ['browser'],
  }),
  {
    files: ['scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: enters(['test']),
              message: 'scripts never import test/ (see scripts/README.md)',
            },
          ],
        },
      ],
    },
  },
  SQL_ONLY_IN_BUILDER,
);
