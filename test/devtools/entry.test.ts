// @vitest-environment node
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { expect, test } from 'vitest'
import { gzippedSize, PEERS } from '../../scripts/bundleSize'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** The source files an import pulls into a minified production bundle. */
async function inputsOf(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    metafile: true,
    external: PEERS,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  return Object.keys(result.metafile.inputs)
}

test('the main entry never carries the devtools, even when everything is imported', async () => {
  const main = await inputsOf("export * from './src/entries/index.ts'")
  expect(main.some((file) => file.includes('src/react/CopilotAnalyticsProvider'))).toBe(true)
  expect(main.filter((file) => file.includes('src/devtools/'))).toEqual([])
})

test('the devtools entry is published and built, and brings no React context of its own', async () => {
  const pkg = JSON.parse(readFileSync(root + 'package.json', 'utf8'))
  expect(pkg.exports['./devtools']).toEqual({
    import: { types: './dist/types/entries/devtools.d.ts', default: './dist/devtools.js' },
    require: { types: './dist/types/entries/devtools.d.cts', default: './dist/devtools.cjs' },
  })
  expect(readFileSync(root + 'vite.config.ts', 'utf8')).toContain("devtools: here('src/entries/devtools.ts')")
  const devtools = await inputsOf("export * from './src/entries/devtools.ts'")
  expect(devtools).toContain('src/devtools/CopilotEventLog.tsx')
  // Hooks from a second context would silently see no provider: the devtools read no context at all.
  expect(devtools.filter((file) => file.startsWith('src/react/'))).toEqual([])
  // For docs/devtools.md and docs/performance.md: what a page pays for the log (minified + gzipped, React external).
  expect(await gzippedSize("export * from './src/entries/devtools.ts'", root)).toBeLessThan(4_000)
})
