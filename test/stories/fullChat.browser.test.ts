// The real-browser check: the built Storybook's full-chat story in Chromium, through a person's
// steps (type, send, see the event), with no request leaving the page.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, test } from 'vitest'

// CHROMIUM_PATH only exists to try the skip path on a machine that has Chromium.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const root = fileURLToPath(new URL('../../', import.meta.url))
const outDir = join(root, '.tmp/storybook-browser-check')
// The README's screenshot is rewritten only on request, so `npm test` leaves the work tree clean.
const screenshot = process.env.UPDATE_SCREENSHOT ? join(root, 'docs/full-chat.png') : join(root, '.tmp/full-chat.png')
const STORY = 'iframe.html?id=demos-full-chat--full-chat&viewMode=story'

const hasBrowser = existsSync(CHROMIUM)
if (!hasBrowser && !process.env.REQUIRE_BROWSER_TESTS) {
  console.log(`[browser check] skipped: ${CHROMIUM} not found (install it with: sudo apt-get install -y chromium)`)
}

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
}

/** A static server for the build on the first free port of 6150-6199 (the range this project may use). */
async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
    try {
      const body = await readFile(join(dir, path.endsWith('/') ? path + 'index.html' : path))
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  for (let port = 6150; port < 6200; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false))
      server.listen(port, '127.0.0.1', () => resolve(true))
    })
    if (ok) return { server, origin: `http://127.0.0.1:${port}` }
  }
  throw new Error('no free port in 127.0.0.1:6150-6199')
}

let server: Server | undefined
let origin = ''

beforeAll(async () => {
  if (!hasBrowser) return
  await promisify(execFile)(join(root, 'node_modules/.bin/storybook'), ['build', '-o', outDir, '--quiet'], { cwd: root })
  ;({ server, origin } = await serve(outDir))
}, 180_000)

afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

test.skipIf(!hasBrowser && !process.env.REQUIRE_BROWSER_TESTS)(
  'full-chat story in Chromium: type a message, send it, see Message Sent in the event log',
  async () => {
    expect(hasBrowser, `${CHROMIUM} is required (REQUIRE_BROWSER_TESTS is set)`).toBe(true)
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } })
      const outside: string[] = []
      const errors: string[] = []
      await page.route('**/*', (route) => {
        const url = route.request().url()
        if (url.startsWith(origin) || url.startsWith('data:')) return route.continue()
        outside.push(url)
        return route.abort()
      })
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))

      await page.goto(`${origin}/${STORY}`)
      const log = page.getByRole('log', { name: 'Recorded calls' })
      const composer = page.getByLabel('Message', { exact: true })
      await composer.waitFor()

      await composer.fill("Show me ACME's stock price")
      await page.getByRole('button', { name: 'Send' }).click()
      const sent = log.locator('li[data-event="Message Sent"]')
      await sent.waitFor()
      expect(await sent.textContent()).toContain("Show me ACME's stock price")
      expect(await log.locator('li').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event')))).toEqual([
        'Identify',
        'Conversation Started',
        'Message Sent',
      ])

      // The streamed reply, its chart, and a rating: what the README's screenshot shows.
      await log.locator('li[data-event="Component Loaded"]').waitFor()
      await page.getByRole('button', { name: 'Thumbs up' }).click()
      await page.getByRole('button', { name: '5 stars' }).click()
      await log.locator('li[data-event="Feedback Submitted"]').nth(1).waitFor()
      expect(await page.getByRole('img', { name: 'ACME share price chart' }).isVisible()).toBe(true)

      mkdirSync(join(screenshot, '..'), { recursive: true })
      await page.screenshot({ path: screenshot })
      expect(outside, 'no request may leave the page without a write key').toEqual([])
      expect(errors).toEqual([])
    } finally {
      await browser.close()
    }
  },
  60_000,
)
