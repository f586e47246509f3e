// Rules for the shipped code: message text is rendered as text, nothing is ever evaluated, and
// the layers of src/ import only downwards. Style is left to the reviewers; this config only
// guards what must never appear.
import tseslint from 'typescript-eslint'

// The house, from the ground up. Each folder of src/ is a layer that may import itself, the layers
// and the packages listed for it, and nothing else: core knows no vocabulary, no client and no
// framework. On top, src/entries/ holds one file per `exports` key in package.json: the entries put
// the layers together (the default vocabulary is chosen there and in the provider), and nothing
// imports them.
const LAYERS = {
  core: { layers: [], packages: [] },
  specs: { layers: ['core'], packages: [] },
  clients: { layers: ['core'], packages: [] },
  testing: { layers: ['core', 'specs'], packages: [] },
  react: { layers: ['core', 'specs'], packages: ['react'] },
  devtools: { layers: ['core'], packages: ['react'] },
  'ai-sdk': { layers: ['core', 'react'], packages: ['react', 'ai'] },
  langgraph: { layers: ['core', 'react'], packages: ['react', '@langchain/langgraph-sdk'] },
  dedupe: { layers: ['core'], packages: [] },
  'ag-ui': { layers: ['core', 'react'], packages: ['react', '@ag-ui/client'] },
  'assistant-ui': { layers: ['core', 'react'], packages: ['react', '@assistant-ui/react'] },
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
/** A no-restricted-imports option that forbids every import but the ones `allowed` matches. */
const onlyImports = (allowed, message) => ['error', { patterns: [{ regex: `^(?!(?:${allowed.join('|')}))`, caseSensitive: true, message }] }]
const layerRules = Object.entries(LAYERS).map(([layer, { layers, packages }]) => ({
  files: [`src/${layer}/**`],
  rules: {
    'no-restricted-imports': onlyImports(
      ['\\./', ...layers.map((name) => `\\.\\./${escape(name)}/`), ...packages.map((name) => `${escape(name)}(?:/|$)`)],
      `src/${layer}/ imports only ${[`src/${layer}`, ...layers.map((name) => `src/${name}`), ...packages].join(', ')} (the layers in eslint.config.js); never an entry.`,
    ),
  },
}))

export default tseslint.config(
  { ignores: ['dist/**', 'storybook-static/**', 'coverage/**', 'node_modules/**', 'test/react18/**'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaFeatures: { jsx: true } },
      // Declared so that no-eval / no-implied-eval also see `window.eval(...)` and `setTimeout('...')`.
      globals: { window: 'readonly', globalThis: 'readonly', self: 'readonly', setTimeout: 'readonly', setInterval: 'readonly' },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error', noInlineConfig: true },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': ['error', { object: 'window', property: 'eval' }, { object: 'globalThis', property: 'eval' }],
      'no-restricted-globals': ['error', { name: 'Function', message: 'Code is never built from strings here.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render chat text as text, never as HTML.' },
        { selector: "Property[key.name='dangerouslySetInnerHTML']", message: 'Render chat text as text, never as HTML.' },
        { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Render chat text as text, never as HTML.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Render chat text as text, never as HTML.' },
      ],
      // A folder not in LAYERS stays on its own until it is given its place there.
      'no-restricted-imports': onlyImports(['\\./'], 'A folder of src/ imports only itself until LAYERS in eslint.config.js gives it its place.'),
    },
  },
  {
    files: ['src/entries/**'],
    rules: {
      'no-restricted-imports': onlyImports(
        Object.keys(LAYERS).map((name) => `\\.\\./${escape(name)}/`),
        'An entry (src/entries/) re-exports the layers: never another entry, nothing outside src/.',
      ),
    },
  },
  ...layerRules,
)
