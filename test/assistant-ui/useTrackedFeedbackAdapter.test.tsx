import { StrictMode, type ReactNode } from 'react'
import { renderHook } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import type { FeedbackAdapter, ThreadMessage } from '@assistant-ui/react'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useTrackedFeedbackAdapter } from '../../src/entries/assistant-ui'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { tracks } from './scriptedModel'

type Feedback = Parameters<FeedbackAdapter['submit']>[0]
const message = (id: unknown) => ({ id, role: 'assistant' }) as unknown as ThreadMessage

function setup(inner?: FeedbackAdapter) {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  const wrapper = ({ children }: { children: ReactNode }) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error.code)}>
        {children}
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const hook = renderHook(({ adapter }) => useTrackedFeedbackAdapter(adapter), { wrapper, initialProps: { adapter: inner } })
  return { analytics, errors, hook, feedback: () => tracks(analytics.calls).filter(([event]) => event === 'Feedback Submitted').map(([, p]) => p) }
}

test('keeps its identity across renders, and calls the latest app adapter after tracking', () => {
  const first = vi.fn()
  const second = vi.fn()
  const { hook, feedback } = setup({ submit: first })
  const adapter = hook.result.current
  hook.rerender({ adapter: { submit: second } })
  expect(hook.result.current).toBe(adapter)
  const up: Feedback = { message: message('a1'), type: 'positive' }
  adapter.submit(up)
  expect(first).not.toHaveBeenCalled()
  expect(second).toHaveBeenCalledWith(up)
  expect(feedback()).toEqual([{ conversationId: 'c1', messageId: 'a1', rating: 1 }])
})

test('an app adapter that throws: the rating is sent first, and the error is the app’s, as without the wrapper', () => {
  const { hook, feedback } = setup({
    submit: () => {
      throw new Error('saving failed')
    },
  })
  expect(() => hook.result.current.submit({ message: message('a1'), type: 'negative' })).toThrow('saving failed')
  expect(feedback()).toEqual([{ conversationId: 'c1', messageId: 'a1', rating: 0 }])
})

test('bad feedback never throws from tracking: no message id, an unknown type, no message', () => {
  const { hook, feedback, errors } = setup()
  const adapter = hook.result.current
  adapter.submit({ message: message(undefined), type: 'positive' })
  adapter.submit({ message: message('a1'), type: 'meh' as never })
  adapter.submit({ message: null as never, type: 'positive' })
  adapter.submit({ message: message(''), type: 'positive' })
  // Never conversation-level feedback for want of an id.
  expect(feedback()).toEqual([])
  expect(errors).toEqual(['missing_message_id', 'invalid_rating', 'missing_message_id', 'missing_message_id'])
  adapter.submit({ message: message('a1'), type: 'positive' })
  expect(feedback()).toEqual([{ conversationId: 'c1', messageId: 'a1', rating: 1 }])
})
