import { afterEach, describe, expect, test, vi } from 'vitest'
import { watsonxAssistant } from '../../src/entries/core'
import { browserContext } from '../../src/specs/browserContext'
import { checkConformance } from '../../src/entries/testing'
import { seedTracker } from './seedTracker'

const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36'
// The values are the seed's own examples (action_202, "I want to pay my bill", all_steps_done, live, chat).
const context = { assistantId: 'a1b2c3', environment: 'live', channel: 'chat', serviceInstance: 'crn:v1:bluemix:public:conversation:us-south', accountId: 'acc-42' }

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

function useBrowser(userAgent: string, language = 'fr-FR') {
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(userAgent)
  vi.spyOn(navigator, 'language', 'get').mockReturnValue(language)
}

describe('watsonxAssistant', () => {
  test('Session Started, Message Handled for each reply, Action Started / Completed, with the context properties', () => {
    useBrowser(CHROME_MAC)
    const { analytics, tracker, errors } = seedTracker(watsonxAssistant, { properties: context, userId: 'u1' })
    const conversationId = 'sess-7f3a'
    tracker.message({ conversationId, id: 'm1', role: 'user', body: 'I want to pay my bill' })
    const action = tracker.startAction({ conversationId, type: 'action', action: 'action_202', title: 'I want to pay my bill', messageId: 'm1' })
    tracker.message({ conversationId, id: 'm2', role: 'assistant', body: 'Which account?', properties: { skillsInvoked: ['actions skill'] } })
    action.complete({ reason: 'all_steps_done' })
    tracker.end(conversationId)

    const page = location.origin + location.pathname
    const shared = { ...context, browser: 'Chrome', device: 'desktop', language: 'fr-FR', pageUrl: page, sessionId: conversationId }
    expect(errors).toEqual([])
    expect(analytics.calls).toEqual([
      { type: 'identify', userId: 'u1', traits: {} },
      { type: 'track', event: 'Session Started', properties: shared },
      { type: 'track', event: 'Action Started', properties: { ...shared, action: 'action_202', actionTitle: 'I want to pay my bill' } },
      { type: 'track', event: 'Message Handled', properties: { ...shared, skillsInvoked: ['actions skill'] } },
      {
        type: 'track',
        event: 'Action Completed',
        properties: { ...shared, action: 'action_202', actionTitle: 'I want to pay my bill', actionCompletedReason: 'all_steps_done' },
      },
    ])
    expect(checkConformance(analytics.calls, watsonxAssistant)).toEqual([])
  })

  test('the one-shot track() means started and completed at once; actions tracked with an id are sent once', () => {
    const { analytics, tracker } = seedTracker(watsonxAssistant)
    tracker.action({ conversationId: 'c1', type: 'action', action: 'action_202', id: 't1' })
    tracker.action({ conversationId: 'c1', type: 'action', action: 'action_202', id: 't1' })
    expect(analytics.events()).toEqual(['Action Started', 'Action Completed'])
  })

  test("the provider's language wins over the browser's; a caller's sessionId does not replace the conversation id", () => {
    useBrowser(CHROME_MAC, 'de-DE')
    const { analytics, tracker } = seedTracker(watsonxAssistant, { properties: { language: 'en', sessionId: 'other' } })
    tracker.start('c1')
    expect(analytics.calls[0]).toMatchObject({ properties: { language: 'en', sessionId: 'c1' } })
  })

  test('customer messages, media, components, feedback and Conversation Ended have no watsonx event; your own events get the context', () => {
    useBrowser(CHROME_MAC)
    const { analytics, tracker } = seedTracker(watsonxAssistant, { properties: { assistantId: 'a1' } })
    tracker.start('c1')
    analytics.clear()
    tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
    tracker.media({ conversationId: 'c1', type: 'image' })
    tracker.component({ conversationId: 'c1', type: 'Chart' })
    tracker.feedback({ conversationId: 'c1', rating: 1 })
    tracker.end('c1')
    expect(analytics.calls).toEqual([])
    tracker.conversion('c1', 'Bill Paid', { amount: 42 })
    expect(analytics.calls).toEqual([
      {
        type: 'track',
        event: 'Bill Paid',
        properties: { amount: 42, assistantId: 'a1', browser: 'Chrome', device: 'desktop', language: 'fr-FR', pageUrl: location.origin + location.pathname, sessionId: 'c1' },
      },
    ])
  })
})

describe('browserContext', () => {
  test.each([
    [CHROME_MAC, 'Chrome', 'desktop'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0', 'Edge', 'desktop'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0', 'Firefox', 'desktop'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari', 'mobile'],
    ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari', 'tablet'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36', 'Chrome', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', 'Chrome', 'tablet'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/114.0.0.0', 'Opera', 'desktop'],
  ])('%s -> %s on %s', (userAgent, browser, device) => {
    useBrowser(userAgent)
    expect(browserContext()).toMatchObject({ browser, device })
  })

  test('what the browser cannot tell is left out; the page URL drops query and hash', () => {
    useBrowser('SomeBot/1.0', '')
    vi.stubGlobal('location', { protocol: 'https:', origin: 'https://shop.example', pathname: '/help', href: 'https://shop.example/help?email=a@b.c#x' })
    expect(browserContext()).toEqual({ browser: undefined, device: undefined, language: undefined, pageUrl: 'https://shop.example/help' })
  })

  test('without a browser (server rendering) it returns nothing and does not throw', () => {
    vi.stubGlobal('navigator', undefined)
    vi.stubGlobal('location', undefined)
    expect(browserContext()).toEqual({})
  })
})
