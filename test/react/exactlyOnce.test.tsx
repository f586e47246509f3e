import { StrictMode, useState } from 'react'
import { act, render } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, TrackedComponent, TrackedMessage, useConversation } from '../../src/entries'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { DEFAULT_KEY_LIMIT } from '../../src/entries/core'
import { getDefaultKeyStore } from '../../src/core/keyStore'
import { setup } from '../helpers'

const messages = [
  { id: 'm1', role: 'user', body: 'Hi' },
  { id: 'm2', role: 'assistant', body: 'Hello!' },
  { id: 'm3', role: 'user', body: 'Chart ACME' },
]
const Chat = ({ list = messages }: { list?: typeof messages }) => (
  <>
    {list.map((m) => (
      <TrackedMessage key={m.id} {...m}>
        {m.role === 'assistant' && <TrackedComponent type="Stock Price Chart" messageId={m.id} />}
      </TrackedMessage>
    ))}
  </>
)
// Messages are tracked in layout effects, components in passive ones: a commit's messages come first.
const expected = ['Conversation Started', 'Message Sent', 'Message Received', 'Message Sent', 'Component Loaded']

describe('exactly once', () => {
  test('re-renders with new (unmemoised) props send nothing more', () => {
    const { analytics, render } = setup()
    const view = render(<Chat />)
    for (let i = 0; i < 5; i++) view.rerender(<Chat list={messages.map((m) => ({ ...m }))} />)
    expect(analytics.events()).toEqual(expected)
  })

  test('unmounting and remounting messages (list virtualisation) sends nothing more', () => {
    const { analytics, render } = setup()
    const view = render(<Chat />)
    view.rerender(<Chat list={[]} />)
    view.rerender(<Chat list={messages.slice(1)} />)
    view.rerender(<Chat />)
    expect(analytics.events()).toEqual(expected)
  })

  test('remounting the provider with the same client continues the same conversation', () => {
    const analytics = createMemoryAnalytics()
    let conversation!: ReturnType<typeof useConversation>
    const Count = () => {
      conversation = useConversation()
      return null
    }
    function App() {
      const [key, setKey] = useState(0)
      remount = () => setKey((k) => k + 1)
      return (
        <CopilotAnalyticsProvider key={key} analytics={analytics} conversationId="c1">
          <Chat />
          <Count />
        </CopilotAnalyticsProvider>
      )
    }
    let remount!: () => void
    render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
    act(() => remount())
    act(() => remount())
    expect(analytics.events()).toEqual(expected)
    expect(conversation.messageCount).toBe(3)
    act(() => conversation.end())
    expect(analytics.calls.at(-1)).toMatchObject({ event: 'Conversation Ended', properties: { message_count: 3 } })
  })

  test('a page reload in the same tab (fresh modules, same sessionStorage) sends nothing twice', async () => {
    const first = createMemoryAnalytics()
    const view = render(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={first} conversationId="c-reload" userId="u1">
          <Chat />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    dispatchEvent(new Event('pagehide')) // a reload fires pagehide: the key store writes sessionStorage then at the latest
    view.unmount()
    expect(sessionStorage.length).toBe(1)

    vi.resetModules() // the reloaded page evaluates the package again: nothing kept in memory
    const fresh = await import('../../src/entries')
    const { createMemoryAnalytics: freshRecorder } = await import('../../src/entries/testing')
    const second = freshRecorder()
    let conversation!: ReturnType<typeof fresh.useConversation>
    const Count = () => {
      conversation = fresh.useConversation()
      return null
    }
    render(
      <StrictMode>
        <fresh.CopilotAnalyticsProvider analytics={second} conversationId="c-reload" userId="u1">
          {[...messages, { id: 'm4', role: 'assistant', body: 'ACME is up 2%.' }].map((m) => (
            <fresh.TrackedMessage key={m.id} {...m} />
          ))}
          <Count />
        </fresh.CopilotAnalyticsProvider>
      </StrictMode>,
    )
    expect(second.calls).toEqual([
      { type: 'track', event: 'Message Received', properties: { conversationId: 'c-reload', messageId: 'm4', message_body: 'ACME is up 2%.', role: 'agent' } },
    ])
    expect(conversation).toMatchObject({ isStarted: true, messageCount: 4 })
  })

  test('the memory for keys is bounded: 5,000 messages keep at most DEFAULT_KEY_LIMIT keys', () => {
    const { analytics, render } = setup()
    const many = Array.from({ length: 5000 }, (_, i) => ({ id: 'bulk' + i, role: i % 2 ? 'assistant' : 'user', body: 'x' }))
    render(<Chat list={many} />)
    const counts: Record<string, number> = {}
    for (const event of analytics.events()) counts[event] = (counts[event] ?? 0) + 1
    expect(counts).toEqual({ 'Conversation Started': 1, 'Message Sent': 2500, 'Message Received': 2500, 'Component Loaded': 2500 })
    expect(getDefaultKeyStore().size).toBeLessThanOrEqual(DEFAULT_KEY_LIMIT)
    expect(getDefaultKeyStore().size).toBe(DEFAULT_KEY_LIMIT)
    // the stored copy is bounded too (about 30 bytes a key)
    expect(JSON.stringify([...Array(DEFAULT_KEY_LIMIT)].map(() => ['m:c1:bulk0000', '1'])).length).toBeLessThan(64_000)
  })

  test('a mounted message never re-sends, even after the bounded store forgot its key', () => {
    const { analytics, render } = setup()
    const view = render(<TrackedMessage id="m1" role="assistant" body="Final answer" />)
    for (let i = 0; i < DEFAULT_KEY_LIMIT; i++) getDefaultKeyStore().set('filler:' + i, '1')
    expect(getDefaultKeyStore().get('m:c1:m1')).toBeUndefined()
    view.rerender(<TrackedMessage id="m1" role="assistant" body="Final answer, edited" />)
    expect(analytics.events()).toEqual(['Message Received'])
  })
})

describe('restored history', () => {
  test('history messages are remembered and counted, never sent; the conversation continues without a second Started', () => {
    const { analytics, render } = setup({ conversationId: 'c-history' })
    let conversation!: ReturnType<typeof useConversation>
    const Probe = () => {
      conversation = useConversation()
      return null
    }
    const restored = [
      { id: 'h1', role: 'user', body: 'Yesterday: hi' },
      { id: 'h2', role: 'assistant', body: 'Yesterday: hello' },
    ]
    const view = render(
      <>
        {restored.map((m) => (
          <TrackedMessage key={m.id} {...m} history />
        ))}
        <Probe />
      </>,
    )
    expect(analytics.calls).toEqual([])
    expect(conversation).toMatchObject({ isStarted: true, messageCount: 2 })
    view.rerender(
      <>
        {restored.map((m) => (
          <TrackedMessage key={m.id} {...m} history />
        ))}
        <TrackedMessage id="n1" role="user" body="Today: one more question" />
        <Probe />
      </>,
    )
    act(() => conversation.end())
    expect(analytics.events()).toEqual(['Message Sent', 'Conversation Ended'])
    expect(analytics.calls.at(-1)).toMatchObject({ properties: { message_count: 3 } })
  })

  test('a message first tracked live and later rendered as history is not affected', () => {
    const { analytics, render } = setup()
    const view = render(<TrackedMessage id="m1" role="user" body="hi" />)
    view.rerender(<TrackedMessage id="m1" role="user" body="hi" history />)
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
  })
})
