import { segmentCopilot, type CopilotSpec } from '../../src/entries'

// 1. Rename the default events to your tracking plan's names; everything else stays Segment's.
const OUR_NAMES: Record<string, string> = {
  'Conversation Started': 'Copilot Chat Opened',
  'Message Sent': 'Copilot Question Asked',
  'Message Received': 'Copilot Answer Shown',
  'Feedback Submitted': 'Copilot Answer Rated',
}

export const ourTrackingPlan: CopilotSpec = {
  name: 'our-tracking-plan',
  map: (event, context) =>
    segmentCopilot.map(event, context).map((call) =>
      call.type === 'track' ? { ...call, event: OUR_NAMES[call.event] ?? call.event } : call,
    ),
}

// 2. Or map the canonical events yourself: send only what your plan has.
export const helpdeskPlan: CopilotSpec = {
  name: 'helpdesk-plan',
  map: (event) =>
    event.type === 'feedback_submitted'
      ? [{ type: 'track', event: 'Answer Rated', properties: { ...event.properties, chat_id: event.conversationId, stars: event.rating } }]
      : [],
}
