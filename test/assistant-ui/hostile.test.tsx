import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useAssistantTracking } from '../../src/entries/assistant-ui'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { settle, tracks } from './scriptedModel'

// A thread whose state holds what no runtime should, read through a stand-in client: the runtimes
// themselves would choke on these before the hook saw them, so the hook's own guard is tested here.
const thread = { isRunning: false, messages: [] as unknown[] }
const getters = { throwsOnState: false, listeners: new Set<() => void>() }
vi.mock('@assistant-ui/react', () => {
  const client = {
    optional: {
      get thread() {
        return {
          getState: () => {
            if (getters.throwsOnState) throw new Error('state getter throws')
            return thread
          },
        }
      },
      threads: undefined,
    },
    subscribe: (listener: () => void) => (getters.listeners.add(listener), () => void getters.listeners.delete(listener)),
    on: () => () => {},
  }
  return { useAui: () => client, useAuiState: (select: (state: unknown) => unknown) => select({ optional: {} }) }
})

function hostileMessage() {
  return new Proxy({ id: 'x', role: 'assistant' } as Record<string, unknown>, {
    get(target, key) {
      if (key === 'content') throw new Error('content getter throws')
      return target[key as string]
    },
  })
}

test('messages that throw when read, and a thread whose state throws: never thrown into the app, reported once each, the rest sent', async () => {
  const { proxy: revoked, revoke } = Proxy.revocable({}, {})
  revoke()
  const hostile = hostileMessage()
  thread.messages = [
    { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hi' }] },
    hostile,
    revoked,
    7,
    { id: 'a1', role: 'assistant', content: [{ type: 'text', text: 'Hello' }], status: { type: 'complete', reason: 'stop' } },
  ]
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  function Tracking({ n }: { n: number }) {
    useAssistantTracking({ trackInitialMessages: true })
    return <p>{n}</p>
  }
  const app = (n: number) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error.code)}>
        <Tracking n={n} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(app(1))
  await settle()
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId, p.message_body])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', 'u1', 'Hi'],
    ['Message Received', 'a1', 'Hello'],
  ])
  expect(errors).toEqual(['invalid_chat', 'invalid_chat'])
  getters.throwsOnState = true
  for (const n of [2, 3]) {
    view.rerender(app(n))
    for (const listener of getters.listeners) listener()
    await settle()
  }
  expect(errors).toEqual(['invalid_chat', 'invalid_chat', 'invalid_chat'])
  expect(view.getByText('3')).toBeTruthy()
})
