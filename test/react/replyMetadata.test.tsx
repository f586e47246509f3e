import { StrictMode } from 'react'
import { cleanup, render } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage, useMessageTracking, type ReplyMetadata } from '../../src/entries'
import { createMemoryAnalytics } from '../../src/entries/testing'

afterEach(cleanup)

const metadata: ReplyMetadata = { model: 'gpt-5.1', provider: 'openai', input_tokens: 12, output_tokens: 34, total_tokens: 46, finish_reason: 'stop', trace_id: 'tr-1' }

test('<TrackedMessage metadata> sends it on Message Received, once under StrictMode and re-renders, and keeps it out of the DOM', () => {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  const ui = (status: string) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(e) => errors.push(e.code)}>
        <TrackedMessage id="a1" role="assistant" body="Hello" status={status} metadata={{ ...metadata }} data-testid="m" />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(ui('streaming'))
  view.rerender(ui('complete'))
  view.rerender(ui('complete'))
  expect(analytics.events()).toEqual(['Message Received'])
  expect(analytics.calls[0]).toMatchObject({ properties: { messageId: 'a1', message_body: 'Hello', ...metadata } })
  expect(view.getByTestId('m').getAttribute('metadata')).toBeNull()
  expect(view.getByTestId('m').outerHTML).not.toContain('gpt')
  expect(errors).toEqual([])
})

test('useMessageTracking({ metadata }): a bad field is reported and left out, the reply still sent', () => {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  function Reply() {
    useMessageTracking({ id: 'a1', role: 'assistant', body: 'Hi', metadata: { model: 'm', input_tokens: -5 } })
    return null
  }
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(e) => errors.push(e.code)}>
        <Reply />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  expect(analytics.calls).toEqual([{ type: 'track', event: 'Message Received', properties: { conversationId: 'c1', messageId: 'a1', message_body: 'Hi', role: 'agent', model: 'm' } }])
  expect(errors).toEqual(['invalid_property'])
})
