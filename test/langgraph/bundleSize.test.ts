// @vitest-environment node
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { PEERS, gzippedSize } from '../../scripts/bundleSize'

const root = fileURLToPath(new URL('../..', import.meta.url))

test('the /langgraph entry: its size, and no byte of the LangGraph SDK (a type-only peer)', async () => {
  const entry = "export * from './src/entries/langgraph.ts'"
  const bytes = await gzippedSize(entry, root)
  // Were the SDK loaded at runtime, leaving it out of the bundle would fail the build here.
  const withoutSdk = await gzippedSize(entry, root, [...PEERS, '@langchain/*'])
  console.log(`react-copilot-analytics/langgraph: ${bytes} bytes min+gzip (react and analytics-next external)`)
  expect(withoutSdk).toBe(bytes)
  expect(bytes).toBeLessThan(6000)
})
