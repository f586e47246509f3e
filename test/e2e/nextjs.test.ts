// A real Next.js App Router app (test/nextjs: create-next-app 16's defaults, cacheComponents on,
// TypeScript) built against the PACKED library: a useChat chat on a route handler that streams from
// the AI SDK's mock model (one reply with a tool call), the real AnalyticsBrowser delivering to the
// local collector, <CopilotEventLog> from /devtools. `next build`, `next start`, then Chromium.
// Its own project, after the e2e group: both run `npm run build`, which rewrites dist/.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Collector, SegmentEvent } from '../../collector/server.mjs'
import { browserSkipReason, launch, startCollector, trackNames } from './helpers'

const root = fileURLToPath(new URL('../../', import.meta.url))
const app = join(root, 'test/nextjs')
const work = join(root, '.tmp/nextjs')
// 6300-6309 are this file's (test/e2e uses 6200-6299).
const COLLECTOR_PORT = 6300
const APP_PORT = 6301
const base = `http://127.0.0.1:${APP_PORT}`
/** Longer than the batch timeout (1 s): a late or extra event would have arrived by then. */
const SETTLE_MS = 2000

const skip = browserSkipReason()?.replace('e2e delivery tests', 'Next.js app test')
if (skip) console.log(skip)

const started = performance.now()
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1) + ' s'

/** Without vitest's NODE_ENV=test: the library's build would emit development JSX (jsxDEV), and Next.js refuses it. */
function cleanEnv(): NodeJS.ProcessEnv {
  const { NODE_ENV: _, ...env } = process.env
  return env
}
const appEnv = (): NodeJS.ProcessEnv => ({
    ...cleanEnv(),
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_PUBLIC_SEGMENT_API_HOST: `127.0.0.1:${COLLECTOR_PORT}/v1`,
    NEXT_PUBLIC_SHOW_EVENT_LOG: '1',
})
const run = (file: string, args: string[], cwd: string, env = process.env) =>
  execFileSync(file, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 })

/** The app's own lockfile, installed once (CI starts from a fresh clone), then the packed library into it. */
function installApp() {
  if (!existsSync(join(app, 'node_modules/next/package.json'))) {
    const from = performance.now()
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], app)
    console.log(`[nextjs] npm ci: ${seconds(from)}`)
  }
  run('npm', ['run', 'build', '--silent'], root, cleanEnv())
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], root)
  const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'))!
  const installed = join(app, 'node_modules/react-copilot-analytics')
  rmSync(installed, { recursive: true, force: true })
  mkdirSync(installed, { recursive: true })
  run('tar', ['-xzf', join(work, tarball), '-C', installed, '--strip-components=1'], app)
}

async function waitForServer(server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode}):\n${output()}`)
    try {
      if ((await fetch(base + '/')).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`next start did not answer within 30 s:\n${output()}`)
}

describe.skipIf(skip)('a Next.js App Router app with the packed library', () => {
  const build = { ok: false, output: '' }
  let server: ChildProcess | undefined
  let serverOutput = ''
  let collector: Collector
  let browser: Browser
  let chatUrl = ''
  /** Console errors and page errors, per step: hydration errors arrive as either. */
  const problems: string[] = []
  let baseline: SegmentEvent[] = []

  beforeAll(async () => {
    installApp()
    const from = performance.now()
    try {
      build.output = run(join(app, 'node_modules/.bin/next'), ['build'], app, appEnv())
      build.ok = true
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string }
      build.output = `${failed.stdout ?? ''}\n${failed.stderr ?? ''}`
    }
    console.log(`[nextjs] next build: ${seconds(from)}`)
    if (!build.ok) return
    rmSync(join(app, '.chats'), { recursive: true, force: true })
    collector = await startCollector(COLLECTOR_PORT)
    server = spawn(join(app, 'node_modules/.bin/next'), ['start', '-p', String(APP_PORT), '-H', '127.0.0.1'], { cwd: app, env: appEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    server.stdout!.on('data', (chunk) => (serverOutput += chunk))
    server.stderr!.on('data', (chunk) => (serverOutput += chunk))
    await waitForServer(server, () => serverOutput)
    browser = await launch()
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    if (server?.pid) server.kill('SIGTERM')
    await collector?.close()
    console.log(`[nextjs] the whole Next.js app test: ${seconds(started)}`)
  })

  let step = ''
  const watch = (page: Page) => {
    page.on('console', (message) => message.type() === 'error' && problems.push(`${step}: console.error: ${message.text()} (${message.location().url})`))
    page.on('pageerror', (error) => problems.push(`${step}: page error: ${error.message}`))
  }
  const conversation = (page: Page) => page.getByTestId('conversation')
  async function ask(page: Page, question: string, answer: string) {
    await page.getByLabel('Message').fill(question)
    await page.getByRole('button', { name: 'Send' }).click()
    await page.locator('main').getByText(answer).waitFor({ timeout: 15_000 }) // not the event log's copy
    await page.getByRole('button', { name: 'Send' }).and(page.locator(':enabled')).waitFor() // the reply is finished
  }
  /** Waits for `count` events, then a little longer so that a late or extra one shows. */
  async function settle(count: number) {
    await collector.waitFor((events) => events.length >= count, 15_000).catch(() => undefined)
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    return collector.events
  }
  const count = (events: SegmentEvent[]) => {
    const counts: Record<string, number> = {}
    for (const name of trackNames(events)) counts[name] = (counts[name] ?? 0) + 1
    return counts
  }

  test('next build succeeds, prerendering the static page that renders the provider', () => {
    expect(build.ok, build.output).toBe(true)
    expect(build.output).toMatch(/○ \/\s/) // "/" is static: the provider drew nothing random while prerendering
  })

  test('a chat: two questions (one answered through a tool), thumbs up, End chat: every event once', async () => {
    expect(build.ok).toBe(true)
    const context = await browser.newContext()
    const page = await context.newPage()
    watch(page)
    step = 'chat'
    await page.goto(base + '/')
    // Hydrated once the landing page's provider has identified the user (the event log shows it).
    await page.getByText('Identify').first().waitFor({ timeout: 15_000 })
    await page.getByRole('button', { name: 'New chat' }).click()
    await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/)
    chatUrl = page.url()
    await page.getByLabel('Message').waitFor()
    await ask(page, 'Is the blue kettle in stock?', 'The blue kettle is in stock: 12 left.')
    await ask(page, 'When does it ship?', 'It ships in two days.')
    await page.getByRole('button', { name: 'Good answer' }).first().click()
    await page.getByRole('button', { name: 'End chat' }).click()
    await expect.poll(() => conversation(page).textContent()).toBe('Started, 4 messages, ended')

    const events = await settle(9)
    expect(count(events)).toEqual({
      Identify: 1,
      'Conversation Started': 1,
      'Message Sent': 2,
      'Message Received': 2,
      'Action Invoked': 1,
      'Feedback Submitted': 1,
      'Conversation Ended': 1,
    })
    const tracks = events.filter((event) => event.type === 'track')
    const bodies = (name: string) => tracks.filter((event) => event.event === name).map((event) => event.properties.message_body)
    expect(bodies('Message Sent')).toEqual(['Is the blue kettle in stock?', 'When does it ship?'])
    expect(bodies('Message Received')).toEqual(['The blue kettle is in stock: 12 left.', 'It ships in two days.']) // final, not streamed halves
    expect(tracks.find((event) => event.event === 'Conversation Ended')!.properties.message_count).toBe(4)
    expect(new Set(tracks.map((event) => event.properties.conversationId))).toEqual(new Set([chatUrl.split('/').pop()]))
    expect(collector.stats().duplicates).toBe(0)
    console.log(`[nextjs] collector after the chat: ${JSON.stringify(count(events))}`)

    // A reload in the same tab: the server renders the saved chat, the browser hydrates it and shows
    // the state the tab stored (sessionStorage), without a hydration error, and sends nothing.
    step = 'reload'
    await page.reload()
    await expect.poll(() => conversation(page).textContent(), { timeout: 15_000 }).toBe('Started, 4 messages, ended')
    await expect.poll(() => page.getByRole('button', { name: 'Good answer' }).first().getAttribute('aria-pressed')).toBe('true')
    baseline = await settle(events.length + 1)
    expect(trackNames(baseline)).toEqual(trackNames(events))
    expect(problems).toEqual([])
    await context.close()
  })

  // Needs useChatTracking to treat the messages a chat opens with as history (counted, the
  // conversation started, nothing sent): "Trust at the edges", item 4.
  test('the saved chat in a new tab: 4 messages, started; one more exchange sends no second Conversation Started', async () => {
    expect(chatUrl).not.toBe('')
    const context = await browser.newContext() // a new tab's sessionStorage: empty
    const page = await context.newPage()
    watch(page)
    step = 'new tab'
    await page.goto(chatUrl)
    await expect.poll(() => conversation(page).textContent(), { timeout: 15_000 }).toBe('Started, 4 messages')
    await ask(page, 'Can I pay by card?', 'Yes, all major cards.')
    await expect.poll(() => conversation(page).textContent()).toBe('Started, 6 messages')
    const events = await settle(baseline.length + 3)
    // A new tab identifies the user again (its exactly-once memory is the tab's); nothing restarts.
    expect(trackNames(events.slice(baseline.length))).toEqual(['Identify', 'Message Sent', 'Message Received'])
    expect(problems).toEqual([])
    console.log(`[nextjs] collector at the end: ${JSON.stringify(count(events))}`)
    await context.close()
  })
})
