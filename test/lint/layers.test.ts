// @vitest-environment node
import { ESLint } from 'eslint'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

// The layering of src/ (eslint.config.js, LAYERS): core at the bottom, each layer importing only
// downwards, the entries on top and imported by none. `npm run lint` enforces it on src/; these
// prove the rule fires, so that it cannot silently stop working.
const root = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: root })
const problems = async (filePath: string, code: string) =>
  (await eslint.lintText(code, { filePath }))[0].messages.map((message) => `${message.ruleId}: ${message.message}`)

describe('the layers of src/', () => {
  test.each([
    // the two arrows that ran back up before core was at the bottom
    ['core takes a vocabulary as its default', 'src/core/tracker.ts', "import { segmentCopilot } from '../specs/segmentCopilot'"],
    ['core re-exports a client', 'src/core/index.ts', "export { screebClient } from '../clients/screebClient'"],
    ['core imports React', 'src/core/tracker.ts', "import { useRef } from 'react'"],
    ['core imports the /core entry', 'src/core/events.ts', "import type { CopilotSpec } from '../core'"],
    ['a vocabulary imports a client', 'src/specs/screebCopilot.ts', "import { screebClient } from '../clients/screebClient'"],
    ['a vocabulary imports React', 'src/specs/segmentCopilot.ts', "import { createElement } from 'react'"],
    ['the React layer imports the devtools', 'src/react/useFeedback.ts', "import { CopilotEventLog } from '../devtools/CopilotEventLog'"],
    ['the React layer imports the AI SDK adapter', 'src/react/context.ts', "import { useChatTracking } from '../ai-sdk/useChatTracking'"],
    ['the React layer imports the testing helpers', 'src/react/context.ts', "import { checkCall } from '../testing/conformance'"],
    ['the React layer imports the main entry', 'src/react/useFeedback.ts', "import { segmentCopilot } from '../entries'"],
    ['the devtools import the React layer (a second context)', 'src/devtools/CopilotEventLog.tsx', "import { useCopilotContext } from '../react/context'"],
    ['the React layer imports an entry by its path', 'src/react/useFeedback.ts', "import { createCopilotTracker } from '../entries/core'"],
    ['an entry imports another entry', 'src/entries/devtools.ts', "export { createMemoryAnalytics } from './testing'"],
    ['an entry imports from outside src/', 'src/entries/index.ts', "export { gzippedSize } from '../../scripts/bundleSize'"],
    ['a new folder not yet given its place', 'src/vue/useFeedback.ts', "import { trackFeedback } from '../core/events'"],
    ['the dedupe layer imports React', 'src/dedupe/deterministicMessageIds.ts', "import { useRef } from 'react'"],
    ['the dedupe layer imports a vocabulary', 'src/dedupe/deterministicMessageIds.ts', "import { segmentCopilot } from '../specs/segmentCopilot'"],
    ['a client imports analytics-node (it only calls the instance it is given)', 'src/clients/analyticsNodeClient.ts', "import { Analytics } from '@segment/analytics-node'"],
  ])('rejects: %s', async (_, filePath, code) => {
    expect(await problems(filePath, code)).toEqual([expect.stringMatching(/^no-restricted-imports: /)])
  })

  test.each([
    ['core imports core', 'src/core/tracker.ts', "import { compact } from './compact'"],
    ['a vocabulary imports core', 'src/specs/segmentCopilot.ts', "import type { CopilotSpec } from '../core/types'"],
    ['the provider passes the default vocabulary', 'src/react/CopilotAnalyticsProvider.tsx', "import { segmentCopilot } from '../specs/segmentCopilot'"],
    ['the AI SDK adapter reads the React context', 'src/ai-sdk/useChatTracking.ts', "import { useCopilotContext } from '../react/context'\nimport type { UIMessage } from 'ai'"],
    ['the dedupe layer reads the keys', 'src/dedupe/deterministicMessageIds.ts', "import { keyPartsOf } from '../core/keys'"],
    ['the testing helpers read the schemas', 'src/testing/conformance.ts', "import schema from '../specs/schemas/segmentCopilot.json'"],
    ['an entry re-exports the layers', 'src/entries/core.ts', "export { createKeyStore } from '../core/keyStore'\nexport { segmentCopilot } from '../specs/segmentCopilot'"],
  ])('accepts: %s', async (_, filePath, code) => {
    expect(await problems(filePath, code)).toEqual([])
  })

  test('every folder of src/ but the entries has its place in LAYERS', async () => {
    const folders = readdirSync(root + 'src', { withFileTypes: true }).filter((entry) => entry.isDirectory() && entry.name !== 'entries').map((entry) => entry.name)
    expect(folders.length).toBeGreaterThan(5)
    for (const folder of folders) {
      const config = await eslint.calculateConfigForFile(`src/${folder}/Example.ts`)
      expect(config.rules['no-restricted-imports'][1].patterns[0].message, folder).toMatch(`src/${folder}/ imports only src/${folder}`)
    }
  })

  test('src/entries/ holds one file per entry of package.json, and nothing else', () => {
    const pkg = JSON.parse(readFileSync(root + 'package.json', 'utf8'))
    const entries = Object.keys(pkg.exports).filter((key) => key !== './package.json').map((key) => (key === '.' ? 'index' : key.slice(2)) + '.ts')
    expect(readdirSync(root + 'src/entries').sort()).toEqual(entries.sort())
  })
})
