import { StrictMode, type ReactNode } from 'react'
import { act, render } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage, useConversation, useFeedback, type Consent } from '../../src/entries'
import { CONSENT_QUEUE_LIMIT } from '../../src/entries/core'
import { createMemoryAnalytics, resetTrackedKeys } from '../../src/entries/testing'

const Feedback = ({ id }: { id: string }) => {
  const { submit } = useFeedback(id)
  return <button onClick={() => submit(1)}>rate {id}</button>
}

function chat(consent: Consent | undefined, extra?: ReactNode, onError = vi.fn()) {
  const analytics = createMemoryAnalytics()
  const ui = (value: Consent | undefined, more: ReactNode = extra) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="u1" consent={value} onError={onError}>
        <TrackedMessage id="m1" role="user" body="Hi" />
        <TrackedMessage id="m2" role="assistant" body="Hello" />
        {more}
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(ui(consent))
  return { analytics, onError, rerender: (value: Consent | undefined, more?: ReactNode) => view.rerender(ui(value, more)), view }
}

const ALL = ['Conversation Started', 'Message Sent', 'Message Received']

describe('consent', () => {
  test.each([undefined, true])('%s: sent at once', (consent) => {
    expect(chat(consent).analytics.events()).toEqual(ALL)
  })

  test('null (undecided): nothing is sent; granted later, everything goes out once, in order, Identify first', () => {
    const { analytics, rerender } = chat(null)
    expect(analytics.calls).toEqual([])
    rerender(null, <TrackedMessage id="m3" role="user" body="More" />)
    expect(analytics.calls).toEqual([])
    rerender(true, <TrackedMessage id="m3" role="user" body="More" />)
    expect(analytics.calls[0]).toMatchObject({ type: 'identify', userId: 'u1' })
    expect(analytics.events()).toEqual([...ALL, 'Message Sent'])
    rerender(true, <TrackedMessage id="m3" role="user" body="More" />)
    expect(analytics.events()).toHaveLength(4)
  })

  test('false (denied): queued events are discarded and nothing is sent, even when granted afterwards', () => {
    const { analytics, rerender } = chat(null)
    rerender(false)
    rerender(true)
    expect(analytics.calls).toEqual([])
    rerender(true, <TrackedMessage id="m4" role="assistant" body="After consent" />)
    expect(analytics.events()).toEqual(['Message Received'])
  })

  test('a function returning a promise: pending until it resolves', async () => {
    let grant!: (value: boolean) => void
    const consent = () => new Promise<boolean>((resolve) => (grant = resolve))
    const { analytics } = chat(consent)
    expect(analytics.calls).toEqual([])
    await act(async () => grant(true))
    expect(analytics.events()).toEqual(ALL)
  })

  test('a function returning false synchronously denies', () => {
    const consent = vi.fn(() => false)
    const { analytics, onError } = chat(consent)
    expect(analytics.calls).toEqual([])
    expect(consent).toHaveBeenCalledTimes(1)
    expect(onError).not.toHaveBeenCalled()
  })

  test('a function that rejects denies and reports consent_error', async () => {
    const { analytics, onError } = chat(() => Promise.reject(new Error('CMP failed')))
    await act(async () => {})
    expect(analytics.calls).toEqual([])
    expect(onError.mock.calls.map(([e]) => e.code)).toEqual(['consent_error'])
  })

  test('only the latest consent decision counts when promises settle out of order', async () => {
    const resolvers: ((v: boolean) => void)[] = []
    const first = () => new Promise<boolean>((r) => resolvers.push(r))
    const second = () => new Promise<boolean>((r) => resolvers.push(r))
    const { analytics, rerender } = chat(first)
    rerender(second)
    await act(async () => resolvers[1](false))
    await act(async () => resolvers[0](true))
    expect(analytics.calls).toEqual([])
  })

  test('the queue survives a remount of the provider (nothing lost, nothing twice)', () => {
    const { analytics, view } = chat(null)
    view.unmount()
    const again = render(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="u1" consent={true}>
          <TrackedMessage id="m1" role="user" body="Hi" />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    expect(analytics.events()).toEqual(ALL)
    again.unmount()
  })

  test(`the queue is bounded (${CONSENT_QUEUE_LIMIT}); overflow is reported once as consent_queue_full`, () => {
    const many = Array.from({ length: CONSENT_QUEUE_LIMIT + 10 }, (_, i) => <TrackedMessage key={i} id={'x' + i} role="assistant" body="b" />)
    const { analytics, onError, rerender } = chat(null, many)
    expect(onError.mock.calls.map(([e]) => e.code)).toEqual(['consent_queue_full'])
    rerender(true, many)
    expect(analytics.calls).toHaveLength(CONSENT_QUEUE_LIMIT)
    expect(analytics.events().slice(0, 3)).toEqual(ALL)
  })

  test('feedback given while undecided is sent after the messages it follows', () => {
    const { analytics, view, rerender } = chat(null, <Feedback id="m2" />)
    act(() => view.getByText('rate m2').click())
    rerender(true, <Feedback id="m2" />)
    expect(analytics.events()).toEqual([...ALL, 'Feedback Submitted'])
  })
})

// Issue 12, defects 7-10: a call discarded for want of consent claims nothing, a pending decision
// always holds, each provider has its own decision, and nothing personal is stored before consent.
describe('consent: the stream after a decision is whole', () => {
  const label = (analytics: ReturnType<typeof createMemoryAnalytics>) =>
    analytics.calls.map((c) => (c.type === 'identify' ? `Identify ${c.userId}` : `${c.event} ${c.properties.messageId ?? ''}`.trim()))

  let conversation!: ReturnType<typeof useConversation>
  const Conversation = () => {
    conversation = useConversation()
    return null
  }

  test.each([
    ['false', [false]],
    ['null, then false', [null, false]],
  ] as [string, Consent[]][])('%s, then true: Identify, then Conversation Started before the next Message Sent', (_, before) => {
    const { analytics, rerender } = chat(before[0], <Conversation />)
    for (const consent of before) rerender(consent, <Conversation />)
    expect(analytics.calls).toEqual([])
    // Nothing was counted or started for the discarded calls.
    expect(conversation).toMatchObject({ isStarted: false, messageCount: 0 })
    rerender(true, <Conversation />)
    rerender(true, [<Conversation key="c" />, <TrackedMessage key="m3" id="m3" role="user" body="Still there?" />])
    expect(label(analytics)).toEqual(['Identify u1', 'Conversation Started', 'Message Sent m3'])
    expect(conversation).toMatchObject({ isStarted: true, messageCount: 1 })
  })

  test('denied, a message seen again after the grant (a remount) is sent: its discarded call claimed no key', () => {
    const { analytics, rerender } = chat(false)
    rerender(true, <TrackedMessage key="again" id="m1" role="user" body="Hi" />)
    expect(label(analytics)).toEqual(['Identify u1', 'Conversation Started', 'Message Sent m1'])
  })

  test('end() while denied does not end the conversation: Ended goes out once after the grant', () => {
    const { analytics, rerender } = chat(null, <Conversation />)
    rerender(true, <Conversation />)
    rerender(false, <Conversation />)
    act(() => conversation.end())
    expect(conversation.isEnded).toBe(false)
    rerender(true, <Conversation />)
    act(() => conversation.end())
    expect(analytics.events()).toEqual([...ALL, 'Conversation Ended'])
  })

  test('a new consent function whose promise has not settled yet holds calls until it does', async () => {
    let grant!: (value: boolean) => void
    const first = () => true
    const second = () => new Promise<boolean>((resolve) => (grant = resolve))
    const { analytics, rerender } = chat(first)
    expect(analytics.events()).toEqual(ALL)
    rerender(second, <TrackedMessage id="m3" role="user" body="More" />)
    expect(analytics.events()).toEqual(ALL) // pending: held, not sent at once
    await act(async () => grant(true))
    expect(analytics.events()).toEqual([...ALL, 'Message Sent'])
  })

  test('a new consent function that denies discards what it held', async () => {
    let decide!: (value: boolean) => void
    const { analytics, rerender } = chat(() => true)
    rerender(() => new Promise<boolean>((resolve) => (decide = resolve)), <TrackedMessage id="m3" role="user" body="More" />)
    await act(async () => decide(false))
    expect(analytics.events()).toEqual(ALL)
  })

  describe('two providers on one page: each has its own decision', () => {
    const Page = ({ a, b, bKey = 0, client }: { a: Consent; b: Consent; bKey?: number; client: ReturnType<typeof createMemoryAnalytics> }) => (
      <StrictMode>
        <CopilotAnalyticsProvider analytics={client} conversationId="a" userId="u1" consent={a}>
          <TrackedMessage id="a1" role="user" body="A" />
        </CopilotAnalyticsProvider>
        <CopilotAnalyticsProvider key={bKey} analytics={client} conversationId="b" userId="u1" consent={b}>
          <TrackedMessage id="b1" role="user" body="B" />
          {bKey > 0 && <TrackedMessage id="b2" role="user" body="B again" />}
        </CopilotAnalyticsProvider>
      </StrictMode>
    )
    const conversationOf = (analytics: ReturnType<typeof createMemoryAnalytics>) =>
      analytics.calls.map((c) => (c.type === 'identify' ? 'Identify' : `${c.properties.conversationId} ${c.event}`))

    test.each([false, null])('granted and %s: the granted one sends, the other sends nothing', (other) => {
      const client = createMemoryAnalytics()
      const { rerender } = render(<Page a={true} b={other} client={client} />)
      rerender(<Page a={true} b={other} client={client} />)
      expect(conversationOf(client)).toEqual(['Identify', 'a Conversation Started', 'a Message Sent'])
      rerender(<Page a={true} b={true} client={client} />)
      expect(conversationOf(client).slice(3)).toEqual(other === null ? ['b Conversation Started', 'b Message Sent'] : [])
    })

    test('calls held by a provider that remounts (a key change) before the decision are neither lost nor sent twice', () => {
      const client = createMemoryAnalytics()
      const { rerender } = render(<Page a={true} b={null} client={client} />)
      rerender(<Page a={true} b={null} bKey={1} client={client} />)
      expect(conversationOf(client)).toHaveLength(3)
      rerender(<Page a={true} b={true} bKey={1} client={client} />)
      expect(conversationOf(client).slice(3)).toEqual(['b Conversation Started', 'b Message Sent', 'b Message Sent'])
      expect(client.calls.slice(3).map((c) => c.type === 'track' && c.properties.messageId)).toEqual([undefined, 'b1', 'b2'])
    })

    test('a remount that is granted at once sends what was held first, in order', () => {
      const client = createMemoryAnalytics()
      const { rerender } = render(<Page a={true} b={null} client={client} />)
      rerender(<Page a={true} b={true} bKey={1} client={client} />)
      expect(client.calls.slice(3).map((c) => (c.type === 'track' ? c.properties.messageId ?? c.event : 'Identify'))).toEqual(['Conversation Started', 'b1', 'b2'])
    })

    // Both on the page's one key store: the undecided one leaves the page, then the granted one remounts (a new key).
    function undecidedLeavesGrantedRemounts(consent: Consent) {
      const held = createMemoryAnalytics()
      const granted = createMemoryAnalytics()
      const page = (undecidedShown: boolean, grantedKey: number) => (
        <StrictMode>
          {undecidedShown && (
            <CopilotAnalyticsProvider analytics={held} conversationId="held" userId="u1" consent={consent}>
              <TrackedMessage id="h1" role="user" body="Held" />
            </CopilotAnalyticsProvider>
          )}
          <CopilotAnalyticsProvider key={grantedKey} analytics={granted} conversationId="granted" userId="u2" consent={true}>
            <TrackedMessage id="g1" role="user" body="Granted" />
          </CopilotAnalyticsProvider>
        </StrictMode>
      )
      const { rerender } = render(page(true, 0))
      rerender(page(false, 1))
      expect(conversationOf(granted)).toEqual(['Identify', 'granted Conversation Started', 'granted Message Sent'])
      return { held, granted }
    }

    test("an undecided provider that unmounts for good: another provider's remount, granted, sends none of its calls", () => {
      expect(undecidedLeavesGrantedRemounts(null).held.calls).toEqual([])
    })

    test('an undecided provider that unmounts for good keeps its calls until its own decision arrives', async () => {
      let decide = (_: boolean) => {}
      const { held, granted } = undecidedLeavesGrantedRemounts(() => new Promise<boolean>((resolve) => (decide = resolve)))
      expect(held.calls).toEqual([])
      await act(async () => decide(true))
      expect(conversationOf(held)).toEqual(['Identify', 'held Conversation Started', 'held Message Sent'])
      expect(conversationOf(granted)).toHaveLength(3)
    })
  })

  test.each([false, null])('%s: nothing personal (userId, anonymousId, bodies) is written to sessionStorage', async (consent) => {
    const analytics = createMemoryAnalytics()
    const { rerender } = render(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="person@example.com" anonymousId="anon-secret" consent={consent}>
          <TrackedMessage id="m1" role="user" body="my secret question" />
          <TrackedMessage id="m2" role="assistant" body="a secret answer" />
          <Feedback id="m2" />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    rerender(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="person@example.com" anonymousId="anon-secret" consent={consent}>
          <TrackedMessage id="m1" role="user" body="my secret question" />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    act(() => void dispatchEvent(new Event('pagehide'))) // the key store writes sessionStorage after the burst, at the latest as the page goes
    const stored = Object.keys(sessionStorage)
      .map((key) => key + '=' + sessionStorage.getItem(key))
      .join('\n')
    for (const secret of ['person@example.com', 'anon-secret', 'secret question', 'secret answer']) expect(stored).not.toContain(secret)
    expect(analytics.calls).toEqual([])
  })

  test('granted, the identity is kept for a reload of the tab (and only then)', async () => {
    const { analytics } = chat(true)
    await act(async () => void dispatchEvent(new Event('pagehide'))) // a reload fires pagehide: the key store writes then at the latest
    expect(analytics.calls[0]).toMatchObject({ type: 'identify', userId: 'u1' })
    expect(Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key)).join()).toContain('u:u1')
  })
})

test('two providers on one client: the granted one identifies although the pending one holds an Identify', () => {
  const client = createMemoryAnalytics()
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={client} conversationId="a" userId="u1" consent={null}>
        <TrackedMessage id="a1" role="user" body="A" />
      </CopilotAnalyticsProvider>
      <CopilotAnalyticsProvider analytics={client} conversationId="b" userId="u1" consent={true}>
        <TrackedMessage id="b1" role="user" body="B" />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  expect(client.calls.map((c) => (c.type === 'identify' ? 'Identify' : c.event))).toEqual(['Identify', 'Conversation Started', 'Message Sent'])
})

test('a provider remounted (a new key) before the decision: one Identify after the grant, not one per mount', () => {
  const client = createMemoryAnalytics()
  const ui = (key: number, consent: Consent) => (
    <StrictMode>
      <CopilotAnalyticsProvider key={key} analytics={client} conversationId="c1" userId="u1" consent={consent}>
        <TrackedMessage id={'m' + key} role="user" body="Hi" />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const { rerender } = render(ui(1, null))
  rerender(ui(2, null))
  rerender(ui(2, true))
  expect(client.calls.map((c) => (c.type === 'identify' ? 'Identify' : c.properties.messageId ?? c.event))).toEqual(['Identify', 'Conversation Started', 'm1', 'm2'])
})

describe('a reload before the consent decision', () => {
  const page = (analytics: ReturnType<typeof createMemoryAnalytics>, consent: Consent, ids: string[]) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="u1" consent={consent}>
        {ids.map((id) => (
          <TrackedMessage key={id} id={id} role="user" body={'Hi ' + id} />
        ))}
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  /** The page's memory is gone (its held calls with it); the tab's sessionStorage stays. */
  const reload = async (unmount: () => void) => {
    act(() => void dispatchEvent(new Event('pagehide'))) // a reload fires pagehide: the key store has written sessionStorage by then
    unmount()
    const saved = Object.entries(sessionStorage)
    resetTrackedKeys() // forgets the in-memory store (and clears storage, put back below)
    await act(async () => {}) // the cleared store's own write
    for (const [key, value] of saved) sessionStorage.setItem(key, value)
  }
  const wire = (analytics: ReturnType<typeof createMemoryAnalytics>) =>
    analytics.calls.map((c) => (c.type === 'identify' ? 'Identify' : c.event + (c.properties.messageId ? ' ' + c.properties.messageId : '')))

  test('forgets the held calls with their keys: the re-rendered message is held again and the grant sends a whole stream', async () => {
    const first = createMemoryAnalytics()
    const before = render(page(first, null, ['m1']))
    await reload(before.unmount)
    expect(Object.values(sessionStorage).join()).not.toContain('m1') // nothing of the held call survives the reload
    expect(first.calls).toEqual([])

    const second = createMemoryAnalytics()
    const after = render(page(second, null, ['m1']))
    after.rerender(page(second, true, ['m1']))
    after.rerender(page(second, true, ['m1', 'm2']))
    expect(wire(second)).toEqual(['Identify', 'Conversation Started', 'Message Sent m1', 'Message Sent m2'])

    // Granted, the keys are stored: a further reload sends nothing twice.
    await reload(after.unmount)
    const third = createMemoryAnalytics()
    render(page(third, true, ['m1', 'm2']))
    expect(third.events()).toEqual([])
  })

  test('without the held message on the new page, the next message still comes after Conversation Started', async () => {
    const first = createMemoryAnalytics()
    await reload(render(page(first, null, ['m1'])).unmount)
    const second = createMemoryAnalytics()
    const after = render(page(second, null, []))
    after.rerender(page(second, true, ['m2']))
    expect(wire(second)).toEqual(['Identify', 'Conversation Started', 'Message Sent m2'])
  })

  test('a denial before the reload leaves storage as it was, and a grant on the reloaded page sends the message', async () => {
    const first = createMemoryAnalytics()
    const before = render(page(first, null, ['m1']))
    before.rerender(page(first, false, ['m1']))
    await reload(before.unmount)
    expect(Object.values(sessionStorage).join()).not.toContain('m1')
    const second = createMemoryAnalytics()
    render(page(second, true, ['m1']))
    expect(wire(second)).toEqual(['Identify', 'Conversation Started', 'Message Sent m1'])
  })
})
