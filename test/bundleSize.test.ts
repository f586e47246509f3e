// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { gzippedSize } from '../scripts/bundleSize'

const root = fileURLToPath(new URL('..', import.meta.url))
export const TYPICAL_IMPORT = "export { CopilotAnalyticsProvider, TrackedMessage, useFeedback } from './src/entries/index.ts'"

/**
 * The measured size of this import, with no headroom: growth beyond it fails here and has to be
 * argued for. It was 4,650 until the fixes of the "Trust at the edges" review (consent per provider,
 * identity per client, hostile input, grapheme-safe truncation, server rendering) had to land on this
 * path; what each part costs, and how it got here, is in bench/RESULTS.md ("Bundle budget of the
 * typical import"). Since then it is held where it measures: the LLM signals, the adapters and
 * deterministic message ids came in at no growth; a behaviour-neutral trimming pass took it from
 * 5,095 to 4,963, and 105 of those bytes paid for issue 18's memoised TrackedMessage (+73: a streamed
 * token no longer re-renders every tracked row) and the key store's write after the commit (+32: one
 * per burst, flushed on pagehide). The 3,000-byte target is missed.
 */
const BUDGET = 5068

test(`the typical import stays within ${BUDGET} bytes minified + gzipped (react and analytics-next external)`, async () => {
  const bytes = await gzippedSize(TYPICAL_IMPORT, root)
  console.log(`typical import (CopilotAnalyticsProvider, TrackedMessage, useFeedback): ${bytes} bytes min+gzip, budget ${BUDGET} (target 3,000: missed)`)
  expect(bytes).toBeLessThanOrEqual(BUDGET)
})

test('production bundles carry no development-only error guidance', async () => {
  // The guidance table is referenced only inside a NODE_ENV check; a refactor that breaks that
  // shape silently puts ~850 bytes of prose back into every production bundle.
  const { build } = await import('esbuild')
  const result = await build({
    stdin: { contents: TYPICAL_IMPORT, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['react', 'react-dom', 'react/jsx-runtime', '@segment/analytics-next'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  const code = new TextDecoder().decode(result.outputFiles[0].contents)
  expect(code).not.toContain('so that it is sent exactly once')
  expect(code).not.toContain('Nothing was sent for it')
  // The subjects (which event, which property) are development-only too: each call site checks NODE_ENV.
  expect(code).not.toContain('whose properties could not be read')
  expect(code).not.toContain('The analytics client, on')
  expect(code).not.toContain('A rating from 0 to')
  expect(code).toContain('missing_message_id') // the codes themselves stay
})
