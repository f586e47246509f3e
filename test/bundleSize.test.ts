// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { gzippedSize } from '../scripts/bundleSize'

const root = fileURLToPath(new URL('..', import.meta.url))
export const TYPICAL_IMPORT = "export { CopilotAnalyticsProvider, TrackedMessage, useFeedback } from './src/index.ts'"

/**
 * The target set for this import was 3,000 bytes, and it is missed; see the README's "Performance"
 * section. The foundation alone (exactly-once keys mirrored to sessionStorage, identity, fan-out,
 * the memory recorder, error isolation) measured 3,169 bytes after trimming. On the same path, and
 * required of it, then came the privacy guard (JSON-safe snapshot, redaction, body cap, 32 KB
 * guard: +490), the consent gate (+249), hostile-input hardening, vocabulary context, the
 * response-time metrics and the history flag (4,377 in all). Two performance fixes were then bought
 * with bytes, on purpose: the sessionStorage journal (+130: a tick that sends one event costs
 * 25-50 us instead of 0.5-0.9 ms) and the guard's fast path for flat events (+104: 5.5 us -> 0.1 us
 * per event). This budget holds the measured total, 4,610 bytes, with 40 bytes of headroom:
 * growth beyond it fails here and has to be argued for.
 *
 * What each part costs today, measured by removing it and rebuilding this import: the guard's
 * exact path (cycles, non-JSON values, body cap, 32 KB shrink) 434 bytes, the whole guard 578, the
 * consent gate 252, the default recorder 135, the response-time metrics 85. Without the guard, the
 * consent gate and the metrics it would still weigh 3,736 bytes, so 3,000 cannot be met without
 * taking required behaviour off this path: a product decision, not a trim (issue 2 is blocked on it).
 */
const BUDGET = 4650

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
  expect(code).toContain('missing_message_id') // the codes themselves stay
})
