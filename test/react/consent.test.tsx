import { StrictMode, type ReactNode } from 'react'
import { act, render } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage, useFeedback, type Consent } from '../../src/entries'
import { CONSENT_QUEUE_LIMIT } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'

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
