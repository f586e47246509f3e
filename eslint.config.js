// Security rules for the shipped code: message text is rendered as text, and nothing is ever
// evaluated. Style is left to the reviewers; this config only guards what must never appear.
import tseslint from 'typescript-eslint'

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
    },
  },
)
