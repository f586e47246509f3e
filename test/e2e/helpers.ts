// Builds the delivery test page from the PACKED library (what users install, not src/), serves it,
// and drives Debian's Chromium through playwright-core against the local collector.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createCollector, type Collector, type SegmentEvent } from '../../collector/server.mjs'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const root = fileURLToPath(new URL('../../', import.meta.url))
const work = join(root, '.tmp/e2e')

/** Why browser tests cannot run here, or undefined when they can (CI sets REQUIRE_BROWSER_TESTS=1: then they must). */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM) || process.env.REQUIRE_BROWSER_TESTS) return undefined
  return `[react-copilot-analytics] e2e delivery tests skipped: no Chromium at ${CHROMIUM} (install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH; REQUIRE_BROWSER_TESTS=1 makes this an error)`
}

/** Builds the page from the packed library (see build-page.mjs); returns the two built sites. */
export function buildPages(): { production: string; development: string; tarball: string } {
  const { NODE_ENV: _, ...env } = process.env
  const output = execFileSync(process.execPath, [fileURLToPath(new URL('./build-page.mjs', import.meta.url)), work], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  return JSON.parse(output.trim().split('\n').pop()!)
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' }

/** A static file server for a built page. */
export async function serve(dir: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    try {
      const body = await readFile(join(dir, path === '/' ? 'index.html' : path.replace(/\.\.+/g, '')))
      res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'text/html', 'Cache-Control': 'no-store' })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  }
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core')
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface PageOptions {
  conversationId?: string
  userId?: string
  strategy?: 'batching' | 'standard'
  endOnPageHide?: boolean
  endOnUnmount?: boolean
  /** ms before AnalyticsBrowser.load() is called. */
  loadDelay?: number
  /** Deterministic messageIds: a namespace, or 'writeKey' (the loaded client's). */
  dedupe?: string
}

export function pageUrl(base: string, collector: Collector, options: PageOptions = {}): string {
  const query = new URLSearchParams({ apiHost: collector.url.slice('http://'.length) + '/v1' })
  for (const [key, value] of Object.entries(options)) if (value !== undefined && value !== false) query.set(key, value === true ? '1' : String(value))
  return `${base}/?${query}`
}

/** Opens the page and waits until the chat is mounted (AnalyticsBrowser may still be loading). */
export async function openChat(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('[e2e page error]', error))
  await page.goto(url)
  await page.waitForFunction(() => typeof (window as any).chat?.say === 'function', undefined, { timeout: 10_000 })
  return page
}

/** Starts a collector on the given port. */
export async function startCollector(port: number): Promise<Collector> {
  const collector = createCollector({ port })
  await collector.listen()
  return collector
}

export const trackNames = (events: SegmentEvent[]) => events.map((e) => (e.type === 'track' ? e.event : e.type === 'identify' ? 'Identify' : e.type))

/** Figures for docs/delivery.md: what the library sent, what reached the collector once, and duplicates. */
export interface Figures {
  scenario: string
  sent: number
  received: number
  unique: number
  duplicates: number
  requests: number
  failedRequests: number
  ms: number
}
export const figures: Figures[] = []

export function record(scenario: string, sent: number, collector: Collector, started: number): Figures {
  const stats = collector.stats()
  const row = {
    scenario,
    sent,
    received: stats.received,
    unique: stats.unique,
    duplicates: stats.duplicates,
    requests: stats.requests,
    failedRequests: stats.rejected + stats.dropped,
    ms: Math.round(performance.now() - started),
  }
  figures.push(row)
  return row
}
