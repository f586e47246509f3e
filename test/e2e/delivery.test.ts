// Real delivery: the packed library and the real @segment/analytics-next in Debian's Chromium,
// posting to the local Segment-compatible collector. Each scenario asserts what the collector got:
// every event once (deduped by Segment's top-level messageId, duplicates counted), nothing lost.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Collector, SegmentEvent } from '../../collector/server.mjs'
import { browserSkipReason, buildPages, figures, launch, openChat, pageUrl, record, serve, startCollector, trackNames, type PageOptions } from './helpers'

const skip = browserSkipReason()
if (skip) console.log(skip)

// Ports 6200-6299 are this suite's: the two sites, then one collector per scenario (a fresh
// collector each, so a late retry from one scenario can never count in another).
const PROD_PORT = 6201
const DEV_PORT = 6202
let nextCollectorPort = 6210
/** Longer than the batch timeout (1 s): a late duplicate or stray event would have arrived by then. */
const SETTLE_MS = 1500

describe.skipIf(skip)('delivery through the real Segment client', () => {
  let browser: Browser
  let sites: { production: string; development: string }
  const closers: (() => Promise<unknown>)[] = []

  beforeAll(async () => {
    const built = buildPages()
    const production = await serve(built.production, PROD_PORT)
    const development = await serve(built.development, DEV_PORT)
    closers.push(production.close, development.close)
    sites = { production: production.url, development: development.url }
    browser = await launch()
    closers.push(() => browser.close())
  })

  afterAll(async () => {
    for (const close of closers.reverse()) await close()
    // The figures quoted in docs/delivery.md.
    const file = new URL('../../.tmp/e2e/figures.json', import.meta.url)
    mkdirSync(dirname(file.pathname), { recursive: true })
    writeFileSync(file, JSON.stringify(figures, null, 2))
  })

  /** A fresh collector, browser context (empty sessionStorage) and chat page. */
  async function setup(options: PageOptions & { site?: 'production' | 'development' } = {}) {
    const collector = await startCollector(nextCollectorPort++)
    const context = await browser.newContext()
    closers.push(() => context.close(), () => collector.close())
    const base = sites[options.site ?? 'production']
    const page = await openChat(context, pageUrl(base, collector, options))
    return { collector, context, page, base, started: performance.now() }
  }

  const loaded = (page: Page) => page.waitForFunction(() => (window as any).loaded === true)
  const sentByPage = (page: Page) => page.evaluate(() => (window as any).sent as string[])

  /** Waits for `count` events, then a little longer so that late duplicates or extras show. */
  async function settle(collector: Collector, count: number, timeout = 15_000) {
    await collector.waitFor((events) => events.length >= count, timeout)
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    return collector.events
  }

  /** A short chat, ended by the user: Identify, Started, Sent, Received, Ended. */
  const shortChat = (page: Page, end = true) =>
    page.evaluate((end) => {
      const chat = (window as any).chat
      chat.say({ id: 'm1', role: 'user', text: 'Is the blue kettle in stock?' })
      chat.say({ id: 'm2', role: 'assistant', text: 'Yes, 12 left.' })
      if (end) chat.end()
    }, end)
  const SHORT = ['Identify', 'Conversation Started', 'Message Sent', 'Message Received', 'Conversation Ended']

  /** Every event of the Segment AI Copilot spec, once each. */
  const fullChat = (page: Page) =>
    page.evaluate(() => {
      const chat = (window as any).chat
      chat.say({ id: 'm1', role: 'user', text: 'How is ACME doing?' })
      chat.say({ id: 'm2', role: 'assistant', text: 'Up 3% today.', chart: true })
      chat.action({ type: 'Stock Lookup', action: 'fetch quote', messageId: 'm2', id: 'tool-1' })
      chat.media({ type: 'image', subType: 'png', messageId: 'm2', id: 'img-1' })
      chat.rate.m2(1)
      chat.end()
    })
  const FULL = [
    'Identify',
    'Conversation Started',
    'Message Sent',
    'Message Received',
    'Component Loaded',
    'Action Invoked',
    'Media Generated',
    'Feedback Submitted',
    'Conversation Ended',
  ]

  const byName = (events: SegmentEvent[], name: string) => events.filter((e) => e.event === name)

  function expectEnvelope(event: SegmentEvent, base: string) {
    expect(['track', 'identify']).toContain(event.type)
    expect(typeof (event.userId ?? event.anonymousId)).toBe('string')
    expect(event.messageId).toMatch(/^ajs-next-/)
    expect(Number.isNaN(Date.parse(event.timestamp))).toBe(false)
    expect(event.context?.page?.url).toMatch(new RegExp('^' + base))
    expect(event.context?.library?.name).toBe('analytics.js')
  }

  async function expectFullChat(collector: Collector, page: Page, base: string, scenario: string, started: number) {
    const events = await settle(collector, FULL.length)
    expect(trackNames(events)).toEqual(FULL)
    const sent = await sentByPage(page)
    expect(sent).toEqual(FULL)
    for (const event of events) expectEnvelope(event, base)
    const conversationId = byName(events, 'Conversation Started')[0].properties.conversationId
    const props = (name: string) => byName(events, name)[0].properties
    expect(events[0]).toMatchObject({ type: 'identify', userId: 'u1' })
    expect(props('Conversation Started')).toEqual({ conversationId, assistantId: 'e2e-bot' })
    expect(props('Message Sent')).toEqual({ conversationId, messageId: 'm1', message_body: 'How is ACME doing?', role: 'customer', assistantId: 'e2e-bot' })
    expect(props('Message Received')).toEqual({ conversationId, messageId: 'm2', message_body: 'Up 3% today.', role: 'agent', assistantId: 'e2e-bot' })
    expect(props('Component Loaded')).toEqual({ conversationId, messageId: 'm2', type: 'Stock Price Chart', assistantId: 'e2e-bot' })
    expect(props('Action Invoked')).toEqual({ conversationId, messageId: 'm2', type: 'Stock Lookup', action: 'fetch quote', role: 'customer', assistantId: 'e2e-bot' })
    expect(props('Media Generated')).toEqual({ conversationId, messageId: 'm2', type: 'image', sub_type: 'png', role: 'agent', assistantId: 'e2e-bot' })
    expect(props('Feedback Submitted')).toEqual({ conversationId, messageId: 'm2', rating: 1, assistantId: 'e2e-bot' })
    expect(props('Conversation Ended')).toEqual({ conversationId, message_count: 2, assistantId: 'e2e-bot' })
    // The chat's message id is a property; Segment's top-level messageId is the delivery dedupe key.
    const chatIds = new Set(['m1', 'm2'])
    for (const event of events) expect(chatIds.has(event.messageId)).toBe(false)
    expect(new Set(events.map((e) => e.messageId)).size).toBe(events.length)
    expect(await page.evaluate(() => (window as any).errors)).toEqual([]) // nothing reached onError
    const row = record(scenario, sent.length, collector, started)
    expect(row).toMatchObject({ received: FULL.length, unique: FULL.length, duplicates: 0 })
    return events
  }

  test('1. every event of the Segment AI Copilot spec arrives once, with the spec properties and a valid envelope', async () => {
    const { collector, page, base, started } = await setup({ userId: 'u1' })
    await loaded(page)
    await fullChat(page)
    await expectFullChat(collector, page, base, '1 spec events', started)
    expect(collector.requests.every((r) => r.path === '/v1/b' && r.status === 200)).toBe(true)
  })

  test('2. calls made before AnalyticsBrowser has finished loading arrive', async () => {
    const { collector, page, started } = await setup({ userId: 'u1', loadDelay: 2500 })
    const loadedAtCall = await page.evaluate(() => (window as any).loaded)
    await shortChat(page)
    const loadedAfterCalls = await page.evaluate(() => (window as any).loaded)
    expect([loadedAtCall, loadedAfterCalls]).toEqual([false, false])
    const events = await settle(collector, SHORT.length)
    expect(trackNames(events)).toEqual(SHORT)
    expect(byName(events, 'Conversation Ended')[0].properties.message_count).toBe(2)
    expect(record('2 before load', (await sentByPage(page)).length, collector, started)).toMatchObject({ sent: 5, received: 5, duplicates: 0 })
  })

  describe('3. leaving right after a message and end(): batching + keepalive deliver the last events', () => {
    test('the user closes the tab', async () => {
      const { collector, page, started } = await setup({ userId: 'u1' })
      await loaded(page)
      await shortChat(page)
      const sent = (await sentByPage(page)).length
      await page.close({ runBeforeUnload: true }) // as a user closing the tab: beforeunload, pagehide, unload
      const events = await settle(collector, SHORT.length)
      expect(trackNames(events)).toEqual(SHORT)
      // The page was gone before the 1 s batch timer could fire: the page-hide flush (keepalive) sent them.
      expect(record('3 close after end()', sent, collector, started)).toMatchObject({ sent: 5, received: 5, duplicates: 0 })
    })

    test('a link navigates away', async () => {
      const { collector, page, base, started } = await setup({ userId: 'u1' })
      await loaded(page)
      await shortChat(page)
      const sent = (await sentByPage(page)).length
      await Promise.all([page.waitForURL(base + '/other.html'), page.evaluate(() => (location.href = '/other.html'))])
      const events = await settle(collector, SHORT.length)
      expect(trackNames(events)).toEqual(SHORT)
      expect(record('3 navigate after end()', sent, collector, started)).toMatchObject({ sent: 5, received: 5, duplicates: 0 })
    })
  })

  describe('3b. endOnPageHide and endOnUnmount end the conversation without an end() call', () => {
    test('closing the tab sends Conversation Ended; a tab switch does not', async () => {
      const { collector, page, started } = await setup({ userId: 'u1', endOnPageHide: true })
      await loaded(page)
      await shortChat(page, false)
      // A tab switch: hidden, then visible again. The conversation goes on.
      await page.evaluate(() => {
        const set = (state: string) => {
          Object.defineProperty(document, 'visibilityState', { value: state, configurable: true })
          document.dispatchEvent(new Event('visibilitychange'))
        }
        set('hidden')
        set('visible')
      })
      await settle(collector, 4)
      expect(trackNames(collector.events)).toEqual(SHORT.slice(0, 4))
      // analytics-next 1.84 (batching) posts its buffer when the tab is hidden but keeps it, and
      // posts it again at the next timer flush: the same messageIds twice, which Segment (and this
      // collector) keep once. Measured, not hidden: docs/delivery.md quotes it.
      // (4 when the whole chat was still pending at the switch, as in every run here; fewer if the
      // timer had already sent part of it.) Should analytics-next stop resending, this fails: update docs/delivery.md.
      const { unique, duplicates } = collector.stats()
      expect(unique).toBe(4)
      expect(duplicates).toBeGreaterThan(0)
      expect(duplicates).toBeLessThanOrEqual(4)
      await page.close({ runBeforeUnload: true })
      const events = await settle(collector, SHORT.length)
      expect(trackNames(events)).toEqual(SHORT)
      expect(byName(events, 'Conversation Ended')[0].properties.message_count).toBe(2)
      expect(record('3b endOnPageHide, tab switch then close', 5, collector, started)).toMatchObject({ unique: 5, duplicates })
    })

    test('navigating away sends Conversation Ended', async () => {
      const { collector, page, base, started } = await setup({ userId: 'u1', endOnPageHide: true, conversationId: 'c3b' })
      await loaded(page)
      await shortChat(page, false)
      await Promise.all([page.waitForURL(base + '/other.html'), page.evaluate(() => (location.href = '/other.html'))])
      const events = await settle(collector, SHORT.length)
      expect(trackNames(events)).toEqual(SHORT)
      expect(byName(events, 'Conversation Ended')[0].properties).toMatchObject({ conversationId: 'c3b', message_count: 2 })
      expect(record('3b endOnPageHide, navigation', 5, collector, started)).toMatchObject({ received: 5, duplicates: 0 })
    })

    test('why beforeunload: an event tracked in beforeunload always arrives, one tracked in pagehide may not', async () => {
      // analytics-core hands events to destinations in a setTimeout. Once pagehide has fired, that
      // timer usually never runs; under load the page's teardown can be slow enough that it does
      // (seen once in a full CI run), so the probe asserts what endOnPageHide relies on and records the rest.
      const { collector, page, started } = await setup({ userId: 'u1' })
      await loaded(page)
      await page.evaluate(() => {
        const analytics = (window as any).analytics
        addEventListener('beforeunload', () => analytics.track('Tracked In beforeunload'), true)
        addEventListener('pagehide', () => analytics.track('Tracked In pagehide'), true)
        document.addEventListener('visibilitychange', () => analytics.track('Tracked In visibilitychange'), true)
      })
      await page.close({ runBeforeUnload: true })
      const names = trackNames(await settle(collector, 2))
      expect(names.slice(0, 2)).toEqual(['Identify', 'Tracked In beforeunload'])
      // Whatever else arrived came from the later handlers, at most once each (never a duplicate).
      expect(['Tracked In pagehide', 'Tracked In visibilitychange']).toEqual(expect.arrayContaining(names.slice(2)))
      expect(new Set(names).size).toBe(names.length)
      record('3b probe: track in beforeunload / pagehide / visibilitychange', 4, collector, started)
    })

    test('endOnUnmount under StrictMode (development build): one Conversation Ended, only at the real unmount', async () => {
      const { collector, page, started } = await setup({ userId: 'u1', endOnUnmount: true, site: 'development' })
      await loaded(page)
      expect(await page.evaluate(() => (window as any).mountEffects)).toBe(2) // StrictMode's fake unmount happened
      await shortChat(page, false)
      await settle(collector, 4)
      expect(trackNames(collector.events)).toEqual(SHORT.slice(0, 4))
      await page.evaluate(() => (window as any).chat.unmount())
      const events = await settle(collector, SHORT.length)
      expect(trackNames(events)).toEqual(SHORT)
      expect(byName(events, 'Conversation Ended')[0].properties.message_count).toBe(2)
      expect(record('3b endOnUnmount', (await sentByPage(page)).length, collector, started)).toMatchObject({ sent: 5, received: 5, duplicates: 0 })
    })
  })

  describe('4. the collector fails, then recovers: every event arrives, none processed twice', () => {
    test('500 for the first 3 requests', async () => {
      const { collector, page, base, started } = await setup({ userId: 'u1' })
      collector.fail({ status: 500, times: 3 })
      await loaded(page)
      await fullChat(page)
      await expectFullChat(collector, page, base, '4 three 500s', started)
      expect(collector.requests.map((r) => r.status)).toEqual([500, 500, 500, 200])
      expect(collector.requests.map((r) => r.retryCount)).toEqual([0, 1, 2, 3])
    })

    test('429 with Retry-After, then a connection cut after the events were stored (the retry is a duplicate)', async () => {
      const { collector, page, started } = await setup({ userId: 'u1' })
      collector.fail({ status: 429, times: 1, retryAfter: 1 })
      collector.drop({ times: 1, afterStore: true })
      await loaded(page)
      await shortChat(page)
      const events = await settle(collector, SHORT.length)
      await collector.waitFor(() => collector.requests.length >= 3)
      expect(trackNames(events)).toEqual(SHORT)
      expect(collector.requests.map((r) => r.status)).toEqual([429, 'dropped', 200])
      // The client resent the same messageIds: the collector (like Segment) keeps each once.
      expect(collector.stats()).toMatchObject({ received: 10, unique: 5, duplicates: 5 })
      for (const event of events) expect(collector.timesSeen(event.messageId)).toBe(2)
      record('4 429 + cut after store', (await sentByPage(page)).length, collector, started)
    })
  })

  test('4. a longer chat (27 events) through 500s, a 503 and a cut connection: each event once, in order', async () => {
    const { collector, page, started } = await setup({ userId: 'u1', conversationId: 'c4-long' })
    collector.fail({ status: 500, times: 2 })
    collector.fail({ status: 503, times: 1 })
    collector.drop({ times: 1 })
    await loaded(page)
    const turns = 12
    await page.evaluate((turns) => {
      const chat = (window as any).chat
      for (let i = 1; i <= turns; i++) {
        chat.say({ id: `q${i}`, role: 'user', text: `question ${i}` })
        chat.say({ id: `a${i}`, role: 'assistant', text: `answer ${i}` })
      }
      chat.end()
    }, turns)
    const sent = await sentByPage(page)
    expect(sent).toHaveLength(2 * turns + 3) // Identify, Started, 24 messages, Ended
    const events = await settle(collector, sent.length, 30_000)
    expect(trackNames(events).sort()).toEqual([...sent].sort())
    const messages = events.filter((e) => e.event?.startsWith('Message'))
    expect(messages.map((e) => e.properties.messageId)).toEqual(Array.from({ length: turns }, (_, i) => [`q${i + 1}`, `a${i + 1}`]).flat())
    expect(byName(events, 'Conversation Ended')[0].properties.message_count).toBe(2 * turns)
    expect(collector.stats()).toMatchObject({ rejected: 3, dropped: 1, duplicates: 0 })
    expect(record('4 27 events, 3 failures + 1 cut', sent.length, collector, started)).toMatchObject({ received: sent.length, unique: sent.length, duplicates: 0 })
  })

  test('5. offline, then online again: nothing lost', async () => {
    const { collector, context, page, started } = await setup({ userId: 'u1' })
    await loaded(page)
    await (context as BrowserContext).setOffline(true)
    await shortChat(page)
    await new Promise((resolve) => setTimeout(resolve, 2500))
    expect(collector.events).toHaveLength(0)
    await context.setOffline(false)
    const events = await settle(collector, SHORT.length, 20_000)
    expect(trackNames(events)).toEqual(SHORT)
    expect(record('5 offline 2.5 s', (await sentByPage(page)).length, collector, started)).toMatchObject({ sent: 5, received: 5, duplicates: 0 })
  })

  test('5. the network drops while a batch is waiting to be sent: retried, nothing lost', async () => {
    const { collector, context, page, started } = await setup({ userId: 'u1' })
    await loaded(page)
    await shortChat(page) // sits in the batch buffer for up to 1 s
    await context.setOffline(true)
    await new Promise((resolve) => setTimeout(resolve, 2500)) // the timer flush fails; back-off retries
    expect(collector.events).toHaveLength(0)
    await context.setOffline(false)
    const events = await settle(collector, SHORT.length, 20_000)
    expect(trackNames(events)).toEqual(SHORT)
    expect(record('5 offline during the flush 2.5 s', (await sentByPage(page)).length, collector, started)).toMatchObject({ sent: 5, received: 5, duplicates: 0 })
  })

  test('6. a development build under StrictMode: each event exactly once at the collector', async () => {
    const { collector, page, base, started } = await setup({ userId: 'u1', site: 'development' })
    await loaded(page)
    expect(await page.evaluate(() => [(window as any).mode, (window as any).mountEffects])).toEqual(['development', 2])
    await fullChat(page)
    await expectFullChat(collector, page, base, '6 StrictMode dev build', started)
  })

  describe('8. a duplicated tab (sessionStorage copied) continues the same conversation in both tabs', () => {
    /**
     * Tab 1 chats, is duplicated (window.open: the new tab gets a copy of its sessionStorage), and
     * then both tabs show the same next exchange, rate the reply and end the conversation: each tab
     * tracks them (each has its own keys from the copy on), so each sends them.
     */
    async function duplicatedTab(dedupe: string | undefined, scenario: string) {
      const { collector, context, page, started } = await setup({ userId: 'u1', conversationId: 'c8', dedupe })
      await loaded(page)
      await shortChat(page, false)
      await settle(collector, 4)
      const [copy] = await Promise.all([context.waitForEvent('page'), page.evaluate(() => void window.open(location.href))])
      await copy.waitForFunction(() => typeof (window as any).chat?.say === 'function')
      await loaded(copy)
      // The key store's snapshot and journal (docs/exactly-once.md): the copy knows what tab 1 sent.
      expect(await copy.evaluate(() => Object.values(sessionStorage).join())).toContain('m:c8:m2')
      const continueChat = (tab: Page) =>
        tab.evaluate(() => {
          const chat = (window as any).chat
          // The restored history first (already sent: nothing), then the new exchange.
          chat.say({ id: 'm1', role: 'user', text: 'Is the blue kettle in stock?' })
          chat.say({ id: 'm2', role: 'assistant', text: 'Yes, 12 left.' })
          chat.say({ id: 'm3', role: 'user', text: 'Reserve one.' })
          chat.say({ id: 'm4', role: 'assistant', text: 'Done.' })
          chat.rate.m4(1)
          chat.end()
        })
      await continueChat(page)
      await continueChat(copy)
      const sent = [...(await sentByPage(page)), ...(await sentByPage(copy))]
      const AFTER = ['Message Sent', 'Message Received', 'Feedback Submitted', 'Conversation Ended']
      expect(sent).toEqual([...SHORT.slice(0, 4), ...AFTER, ...AFTER]) // the copy sends no Identify: it holds the tab's identity
      await waitForReceived(collector, sent.length)
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      return { collector, sent, row: record(scenario, sent.length, collector, started), AFTER }
    }

    const waitForReceived = async (collector: Collector, count: number) => {
      const deadline = Date.now() + 15_000
      while (collector.stats().received < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
      expect(collector.stats().received).toBe(count)
    }

    test('with deterministic message ids: each event once after dedupe', async () => {
      const { collector, row, AFTER } = await duplicatedTab('acme-e2e', '8 duplicated tab, deterministic ids')
      const names = trackNames(collector.events)
      expect(names).toEqual([...SHORT.slice(0, 4), ...AFTER])
      for (const event of collector.events.slice(1)) expect(event.messageId).toMatch(/^rca1-[0-9a-f]{32}$/)
      expect(collector.events[0].messageId).toMatch(/^ajs-next-/) // Identify keeps a random id
      // The second tab's four events arrived, under the first tab's ids, and were dropped.
      expect(collector.duplicates().map((d) => [d.event.event, d.times])).toEqual(AFTER.map((name) => [name, 2]))
      expect(byName(collector.events, 'Conversation Ended')[0].properties.message_count).toBe(4)
      expect(row).toMatchObject({ sent: 12, received: 12, unique: 8, duplicates: 4 })
    })

    test("scoped to the loaded client's write key (no namespace): the same", async () => {
      const { collector, row, AFTER } = await duplicatedTab('writeKey', '8 duplicated tab, ids scoped to the write key')
      expect(trackNames(collector.events)).toEqual([...SHORT.slice(0, 4), ...AFTER])
      expect(row).toMatchObject({ sent: 12, received: 12, unique: 8, duplicates: 4 })
    })

    test('without them (the default): the second tab counts its events again', async () => {
      const { collector, row, AFTER } = await duplicatedTab(undefined, '8 duplicated tab, random ids (default)')
      expect(trackNames(collector.events).sort()).toEqual([...SHORT.slice(0, 4), ...AFTER, ...AFTER].sort())
      expect(row).toMatchObject({ sent: 12, received: 12, unique: 12, duplicates: 0 })
    })
  })

  test('7. reload mid-conversation: no duplicates, the same conversation goes on', async () => {
    const { collector, page, started } = await setup({ userId: 'u1', conversationId: 'c7' })
    await loaded(page)
    await shortChat(page, false)
    await settle(collector, 4)
    await page.reload()
    await page.waitForFunction(() => typeof (window as any).chat?.say === 'function')
    await loaded(page)
    await page.evaluate(() => {
      const chat = (window as any).chat
      // The app restores its history after the reload: already sent, so nothing is sent again.
      chat.say({ id: 'm1', role: 'user', text: 'Is the blue kettle in stock?' })
      chat.say({ id: 'm2', role: 'assistant', text: 'Yes, 12 left.' })
      chat.say({ id: 'm3', role: 'user', text: 'Reserve one.' })
      chat.say({ id: 'm4', role: 'assistant', text: 'Done.' })
      chat.end()
    })
    const sentAfterReload = await sentByPage(page)
    expect(sentAfterReload).toEqual(['Message Sent', 'Message Received', 'Conversation Ended'])
    const events = await settle(collector, 7)
    expect(trackNames(events)).toEqual(['Identify', 'Conversation Started', 'Message Sent', 'Message Received', 'Message Sent', 'Message Received', 'Conversation Ended'])
    for (const event of events.slice(1)) expect(event.properties.conversationId).toBe('c7')
    expect(events.slice(1).map((e) => e.properties.messageId ?? null)).toEqual([null, 'm1', 'm2', 'm3', 'm4', null])
    expect(byName(events, 'Conversation Ended')[0].properties.message_count).toBe(4)
    expect(record('7 reload', 4 + sentAfterReload.length, collector, started)).toMatchObject({ sent: 7, received: 7, duplicates: 0 })
  })
})
