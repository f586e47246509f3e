// @vitest-environment node
// What users install: build, `npm pack`, install the tarball into a scratch app, and use every
// entry the way an app would (ESM and CommonJS, and the published types).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const entries = Object.keys(pkg.exports).filter((key) => key !== './package.json')
let app = ''

const run = (file: string, args: string[], cwd: string) => execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

beforeAll(() => {
  run('npm', ['run', 'build', '--silent'], root)
  app = mkdtempSync(join(tmpdir(), 'rca-app-'))
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', app], root).trim().split('\n').pop()!
  const installed = join(app, 'node_modules', 'react-copilot-analytics')
  mkdirSync(installed, { recursive: true })
  run('tar', ['-xzf', join(app, tarball), '-C', installed, '--strip-components=1'], app)
  // The peers an app installs; @assistant-ui/react is the optional peer the /assistant-ui entry loads.
  for (const peer of ['react', 'react-dom', 'scheduler', '@segment', '@assistant-ui', 'jsdom', 'typescript', '@types']) {
    symlinkSync(join(root, 'node_modules', peer), join(app, 'node_modules', peer))
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }))
}, 120_000)

afterAll(() => {
  if (app) rmSync(app, { recursive: true, force: true })
})

describe('the packed package, installed into another project', () => {
  test('ships only dist and the README, with ESM, CJS and types for every entry', () => {
    const files = readdirSync(join(app, 'node_modules', 'react-copilot-analytics'))
    expect(files.sort()).toEqual(['README.md', 'dist', 'package.json'])
    for (const entry of entries) {
      const conditions = pkg.exports[entry] as Record<'import' | 'require', { types: string; default: string }>
      for (const target of [conditions.import.types, conditions.import.default, conditions.require.types, conditions.require.default]) {
        expect(() => readFileSync(join(app, 'node_modules', 'react-copilot-analytics', target)), `${entry} -> ${target}`).not.toThrow()
      }
    }
    expect(pkg.dependencies ?? {}).toEqual({})
    expect(pkg.sideEffects).toBe(false)
  })

  test('the React entry is a client module and every entry shares one React context', () => {
    const dist = join(app, 'node_modules', 'react-copilot-analytics', 'dist')
    expect(readFileSync(join(dist, 'index.js'), 'utf8')).toMatch(/^['"]use client['"];/)
    const withContext = readdirSync(dist).filter((file) => file.endsWith('.js') && readFileSync(join(dist, file), 'utf8').includes('createContext('))
    expect(withContext).toHaveLength(1)
  })

  test('an ES module app renders a tracked chat and gets every event once', { timeout: 60_000 }, () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import { JSDOM } from 'jsdom'
const { window } = new JSDOM('<!doctype html><div id="root"></div>', { url: 'http://localhost/' })
Object.assign(globalThis, { window, document: window.document, navigator: window.navigator, sessionStorage: window.sessionStorage })
const React = await import('react')
const { createRoot } = await import('react-dom/client')
const { flushSync } = await import('react-dom')
const { CopilotAnalyticsProvider, TrackedMessage, useFeedback } = await import('react-copilot-analytics')
const { createMemoryAnalytics } = await import('react-copilot-analytics/testing')
const { createCopilotTracker, segmentCopilot } = await import('react-copilot-analytics/core')
const analytics = createMemoryAnalytics()
let feedback
function Thumbs() { feedback = useFeedback('m2'); return null }
const h = React.createElement
const root = createRoot(document.getElementById('root'))
flushSync(() => root.render(h(React.StrictMode, null, h(CopilotAnalyticsProvider, { analytics, conversationId: 'c1' },
  h(TrackedMessage, { id: 'm1', role: 'user', body: 'Hi <b>there</b>' }), h(TrackedMessage, { id: 'm2', role: 'assistant', body: 'Hello' }), h(Thumbs)))))
flushSync(() => feedback.submit(1))
const core = createMemoryAnalytics()
createCopilotTracker({ analytics: core, spec: segmentCopilot }).message({ conversationId: 'c2', id: 'x', role: 'user', body: 'from core' })
console.log(JSON.stringify({ events: analytics.events(), html: document.getElementById('root').innerHTML, core: core.events() }))
root.unmount()`,
    )
    const out = JSON.parse(run('node', ['esm.mjs'], app)) // the scratch DOM has no global addEventListener, as in React Native
    expect(out.events).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Feedback Submitted'])
    expect(out.html).toBe('<div>Hi &lt;b&gt;there&lt;/b&gt;</div><div>Hello</div>')
    expect(out.core).toEqual(['Conversation Started', 'Message Sent'])
  })

  test('a CommonJS app can require every entry', () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const names = {}
for (const entry of ${JSON.stringify(entries.map((entry) => entry.replace(/^\./, 'react-copilot-analytics')))}) names[entry] = Object.keys(require(entry)).sort()
console.log(JSON.stringify(names))`,
    )
    const names = JSON.parse(run('node', ['cjs.cjs'], app))
    expect(names['react-copilot-analytics']).toEqual(expect.arrayContaining(['CopilotAnalyticsProvider', 'TrackedMessage', 'useFeedback', 'useConversation', 'segmentCopilot']))
    expect(names['react-copilot-analytics/core']).toEqual(expect.arrayContaining(['createCopilotTracker', 'createKeyStore', 'segmentCopilot']))
    expect(names['react-copilot-analytics/testing']).toEqual(expect.arrayContaining(['createMemoryAnalytics', 'resetTrackedKeys']))
    expect(names['react-copilot-analytics/assistant-ui']).toEqual(['useAssistantTracking', 'useTrackedFeedbackAdapter'])
  })

  test('the published types type-check ES module and CommonJS consumers under Node16 module resolution', () => {
    const consumer =
      `import { CopilotAnalyticsProvider, useFeedback, type CopilotAnalyticsError, type CopilotSpec } from 'react-copilot-analytics'
import { createCopilotTracker } from 'react-copilot-analytics/core'
import { createMemoryAnalytics } from 'react-copilot-analytics/testing'
const spec: CopilotSpec = { name: 'mine', map: () => [] }
const onError = (error: CopilotAnalyticsError): string => error.code
createCopilotTracker({ analytics: createMemoryAnalytics(), spec, onError }).end('c1')
// @ts-expect-error the types guide: a rating is a number
useFeedback('m1').submit('5')
export const used = [CopilotAnalyticsProvider, useFeedback]
`
    for (const file of ['consumer.mts', 'consumer.cts']) writeFileSync(join(app, file), consumer)
    // skipLibCheck stays off so that our own .d.ts / .d.cts files are checked too
    const tsconfig = { compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['ES2022', 'DOM'] }, files: ['consumer.mts', 'consumer.cts'] }
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig))
    let output = ''
    try {
      run('node', [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app)
    } catch (error) {
      output = String((error as { stdout?: string }).stdout)
    }
    expect(output).toBe('')
  }, 120_000)
})
