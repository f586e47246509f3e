/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const react18 = (name: string) => here(`./test/react18/node_modules/${name}`)

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: { index: here('src/index.ts'), core: here('src/core/index.ts'), testing: here('src/testing/index.ts') },
      formats: ['es', 'cjs'],
      fileName: (format, name) => `${name}.${format === 'es' ? 'js' : 'cjs'}`,
    },
    rolldownOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/, /^@segment\/analytics-next/],
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'react19',
          environment: 'jsdom',
          env: { VITEST_REACT_MAJOR: '19' },
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/react18/**'],
          setupFiles: ['test/setup.ts'],
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
          ],
        },
        test: {
          name: 'react18',
          environment: 'jsdom',
          env: { VITEST_REACT_MAJOR: '18' },
          include: ['test/react/**/*.test.tsx'],
          setupFiles: ['test/setup.ts'],
        },
      },
    ],
  },
})
