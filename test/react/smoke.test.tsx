import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import { expect, test } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage } from '../../src'
import { createMemoryAnalytics } from '../../src/testing'

test('smoke', () => {
  const analytics = createMemoryAnalytics()
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="u1">
        <TrackedMessage id="m1" role="user" body="Hi" />
        <TrackedMessage id="m2" role="assistant" body="Hello" />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  expect(analytics.calls).toMatchInlineSnapshot(`
    [
      {
        "traits": {},
        "type": "identify",
        "userId": "u1",
      },
      {
        "event": "Conversation Started",
        "properties": {
          "conversationId": "c1",
        },
        "type": "track",
      },
      {
        "event": "Message Sent",
        "properties": {
          "conversationId": "c1",
          "messageId": "m1",
          "message_body": "Hi",
          "role": "customer",
        },
        "type": "track",
      },
      {
        "event": "Message Received",
        "properties": {
          "conversationId": "c1",
          "messageId": "m2",
          "message_body": "Hello",
          "role": "agent",
        },
        "type": "track",
      },
    ]
  `)
})
