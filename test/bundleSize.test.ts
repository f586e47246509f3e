// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { gzippedSize } from '../scripts/bundleSize'

const root = fileURLToPath(new URL('..', import.meta.url))
export const TYPICAL_IMPORT = "export { CopilotAnalyticsProvider, TrackedMessage, useFeedback } from './src/index.ts'"
const BUDGET = 3000

test(`the typical import stays within ${BUDGET} bytes minified + gzipped (react and analytics-next external)`, async () => {
  const bytes = await gzippedSize(TYPICAL_IMPORT, root)
  console.log(`typical import (CopilotAnalyticsProvider, TrackedMessage, useFeedback): ${bytes} bytes min+gzip, budget ${BUDGET}`)
  expect(bytes).toBeLessThanOrEqual(BUDGET)
})
