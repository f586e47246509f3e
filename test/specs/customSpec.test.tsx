import { StrictMode, useEffect } from 'react'
import { render } from '@testing-library/react'
import { expect, test } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage, screebClient, screebCopilot, segmentCopilot, useFeedback } from '../../src/entries'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { helpdeskPlan, ourTrackingPlan } from './customSpec.example'
import { segmentAndScreeb } from './fanOutClients.example'

// docs/vocabularies.md shows both example files word for word (test/readme/docExamples.test.ts checks
// it); here they run.
function Rate() {
  const { submit } = useFeedback('m2', { scale: 5 })
  useEffect(() => submit(5), [submit])
  return null
}

test('the renaming spec sends the plan names, Segment properties, and alongside the Segment spec in a fan-out', () => {
  const analytics = createMemoryAnalytics()
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" spec={[ourTrackingPlan, helpdeskPlan]}>
        <TrackedMessage id="m1" role="user" body="Where is my order?" />
        <TrackedMessage id="m2" role="assistant" body="It ships tomorrow." />
        <Rate />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  expect(analytics.calls).toEqual([
    { type: 'track', event: 'Copilot Chat Opened', properties: { conversationId: 'c1' } },
    { type: 'track', event: 'Copilot Question Asked', properties: { conversationId: 'c1', messageId: 'm1', message_body: 'Where is my order?', role: 'customer' } },
    { type: 'track', event: 'Copilot Answer Shown', properties: { conversationId: 'c1', messageId: 'm2', message_body: 'It ships tomorrow.', role: 'agent' } },
    { type: 'track', event: 'Copilot Answer Rated', properties: { conversationId: 'c1', messageId: 'm2', rating: 5 } },
    { type: 'track', event: 'Answer Rated', properties: { chat_id: 'c1', stars: 5 } },
  ])
  // Names outside the plan's table keep Segment's.
  expect(ourTrackingPlan.map({ type: 'component_loaded', conversationId: 'c1', componentType: 'Chart', timestamp: 0, properties: {} })).toEqual(
    segmentCopilot.map({ type: 'component_loaded', conversationId: 'c1', componentType: 'Chart', timestamp: 0, properties: {} }),
  )
})

test('the fan-out client sends Screeb\'s events to $screeb, the rest to Segment, and one Identify to each', () => {
  const segment = createMemoryAnalytics()
  const screebCalls: unknown[][] = []
  const screeb = screebClient((...args) => void screebCalls.push(args))
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={segmentAndScreeb(segment, screeb)} conversationId="conv_123" sessionId="sess_456" userId="u1" spec={[segmentCopilot, screebCopilot]}>
        <TrackedMessage id="m1" role="user" body="How can I export my data?" />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  expect(segment.calls.map((call) => (call.type === 'track' ? call.event : 'Identify'))).toEqual(['Identify', 'Conversation Started', 'Message Sent'])
  expect(screebCalls).toEqual([
    ['identity', 'u1', {}],
    ['event.track', 'screeb_copilot_user_prompt', { prompt: 'How can I export my data?', conversation_id: 'conv_123', session_id: 'sess_456', message_id: 'm1' }],
  ])
})
