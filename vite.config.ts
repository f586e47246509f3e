/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import type { TestProjectInlineConfiguration } from 'vitest/config'
import react from '@vitejs/plugin-react'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const react18 = (name: string) => here(`./test/react18/node_modules/${name}`)

// The AI SDK majors other than the root's (ai 6): the adapter's tests again, on React 19, against
// ai 5 / @ai-sdk/react 2 and ai 7 / @ai-sdk/react 4, installed in test/ai-sdk<major> (their React
// and zod are the root's). The tests and @ai-sdk/react must share one `ai`: both names are aliased.
const aiSdkProject = (major: 5 | 7): TestProjectInlineConfiguration => {
  const nested = (name: string) => here(`./test/ai-sdk${major}/node_modules/${name}`)
  return {
    extends: true,
    resolve: {
      alias: [
        { find: /^ai$/, replacement: nested('ai') },
        { find: /^ai\/(.*)$/, replacement: nested('ai') + '/$1' },
        { find: /^@ai-sdk\/(.*)$/, replacement: nested('@ai-sdk') + '/$1' },
      ],
    },
    test: {
      name: `ai-sdk${major}`,
      environment: 'jsdom',
      env: { VITEST_REACT_MAJOR: '19', VITEST_AI_SDK_MAJOR: String(major), MODEL_RUNS: process.env.MODEL_RUNS ?? '300' },
      include: ['test/ai-sdk/**/*.test.tsx', 'test/model/aiSdk.test.tsx'],
      setupFiles: ['test/setup.ts'],
    },
  }
}

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        index: here('src/entries/index.ts'),
        core: here('src/entries/core.ts'),
        testing: here('src/entries/testing.ts'),
        devtools: here('src/entries/devtools.ts'),
        'ai-sdk': here('src/entries/ai-sdk.ts'),
        langgraph: here('src/entries/langgraph.ts'),
        dedupe: here('src/entries/dedupe.ts'),
        server: here('src/entries/server.ts'),
        'ag-ui': here('src/entries/ag-ui.ts'),
        'assistant-ui': here('src/entries/assistant-ui.ts'),
      },
      formats: ['es', 'cjs'],
      fileName: (format, name) => `${name}.${format === 'es' ? 'js' : 'cjs'}`,
    },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^@segment\/analytics-next/, /^@segment\/analytics-node/, /^ai($|\/)/, /^@ai-sdk\//, /^@langchain\//, /^@ag-ui\//, /^@assistant-ui\//],
    },
  },
  test: {
    // Timeouts guard against hangs, not speed: a 2-core CI machine running Chromium in a later
    // group can stretch a 1 s test (5,000 messages under StrictMode) past vitest's 5 s default.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'react19',
          environment: 'jsdom',
          env: { VITEST_REACT_MAJOR: '19' },
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/react18/**', 'test/nextjs/**', 'test/**/*.browser.test.ts', 'test/e2e/**', 'test/collector/**'],
          setupFiles: ['test/setup.ts'],
        },
      },
      {
        // The local Segment-compatible collector (collector/server.mjs) on its own.
        extends: true,
        test: { name: 'collector', environment: 'node', include: ['test/collector/**/*.test.ts'] },
      },
      {
        // Real delivery: the packed library, the real AnalyticsBrowser, Chromium, the collector.
        // After the other projects: its `npm run build` rewrites dist/, which test/package packs too.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          sequence: { groupOrder: 1 },
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/nextjs.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // A Next.js app (test/nextjs) built against the packed library and driven in Chromium. A group
        // of its own, after e2e: both rebuild dist/. Installs the app once (npm ci), then `next build`.
        extends: true,
        test: {
          name: 'nextjs',
          environment: 'node',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/nextjs.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 600_000,
        },
      },
      {
        // The oldest React in the peer range: the same React tests against React 18.3.
        extends: true,
        resolve: {
          alias: [
            { find: /^react$/, replacement: react18('react') },
            { find: /^react\/(.*)$/, replacement: react18('react') + '/$1' },
            { find: /^react-dom$/, replacement: react18('react-dom') },
            { find: /^react-dom\/(.*)$/, replacement: react18('react-dom') + '/$1' },
            { find: /^@testing-library\/react$/, replacement: react18('@testing-library/react') },
            // assistant-ui's composer input and its hooks resolve to CommonJS builds, whose require('react')
            // no alias reaches: their ESM builds are inlined instead, and get React 18.
            { find: /^react-textarea-autosize$/, replacement: here('./node_modules/react-textarea-autosize/dist/react-textarea-autosize.browser.development.esm.js') },
            { find: /^use-composed-ref$/, replacement: here('./node_modules/use-composed-ref/dist/use-composed-ref.esm.js') },
            { find: /^use-latest$/, replacement: here('./node_modules/use-latest/dist/use-latest.esm.js') },
            { find: /^use-isomorphic-layout-effect$/, replacement: here('./node_modules/use-isomorphic-layout-effect/dist/use-isomorphic-layout-effect.browser.esm.js') },
          ],
        },
        test: {
          name: 'react18',
          environment: 'jsdom',
          env: { VITEST_REACT_MAJOR: '18' },
          include: ['test/react/**/*.test.tsx', 'test/ssr/**/*.test.tsx', 'test/ai-sdk/**/*.test.tsx', 'test/langgraph/**/*.test.tsx', 'test/ag-ui/**/*.test.tsx', 'test/assistant-ui/**/*.test.tsx', 'test/readme/**/*.test.tsx', 'test/model/**/*.test.tsx', 'test/dedupe/**/*.test.tsx', 'test/server/**/*.test.tsx'],
          setupFiles: ['test/setup.ts'],
          // @ai-sdk/react, the LangGraph SDK and @assistant-ui/react (with its UI dependencies) import react
          // themselves: run them through the aliases so that they get React 18 too.
          server: { deps: { inline: ['@ai-sdk/react', 'swr', '@assistant-ui/', 'assistant-stream', 'assistant-cloud', '@radix-ui/', 'radix-ui', 'zustand', 'react-textarea-autosize', 'use-sync-external-store', 'use-composed-ref', 'use-latest', 'use-isomorphic-layout-effect', '@langchain/langgraph-sdk'] } },
        },
      },
      aiSdkProject(5),
      aiSdkProject(7),
      {
        // Real Chromium (Debian's, through playwright-core), run after the unit tests (a later
        // group) so that its Storybook build does not slow them past their timeouts on a small machine.
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/**/*.browser.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
