import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import {
  CopilotAnalyticsProvider,
  TrackedMessage,
  screebCopilot,
  segmentCopilot,
  segmentCopilotLegacy,
  segmentLiveChat,
  useActionTracking,
  useConversation,
  useCopilotAnalytics,
  useFeedback,
  watsonxAssistant,
  type CopilotSpec,
  type Properties,
} from '../src/entries'
import { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../src/entries/testing'

const meta: Meta = { title: 'Demos/Vocabularies' }
export default meta

interface Vocabulary {
  spec: CopilotSpec | readonly CopilotSpec[]
  label: string
  properties?: Properties
}

const VOCABULARIES: Vocabulary[] = [
  { spec: segmentCopilot, label: 'segmentCopilot' },
  { spec: segmentCopilotLegacy, label: 'segmentCopilotLegacy' },
  { spec: segmentLiveChat, label: 'segmentLiveChat' },
  { spec: watsonxAssistant, label: 'watsonxAssistant', properties: { assistantId: 'demo-assistant', environment: 'draft', channel: 'chat' } },
  { spec: screebCopilot, label: 'screebCopilot' },
]

const agent = { id: 'bce89acdd11901', name: 'Peter Gibbons', username: 'pgibbons' }

/** The same chat in every column: two messages and an action on mount, the rest on the buttons. */
function Chat() {
  const actions = useActionTracking()
  const { submit, rating } = useFeedback('m2', { scale: 5 })
  const { trackConversion } = useCopilotAnalytics()
  const { end, isEnded } = useConversation()
  useEffect(() => {
    // With an id the action is sent once, StrictMode's second effect included.
    const handle = actions.start({ type: 'action', action: 'action_202', title: 'I want to pay my bill', messageId: 'm2', id: 'pay-bill' })
    handle.complete({ reason: 'all_steps_done' })
  }, [actions])
  return (
    <div>
      <TrackedMessage id="m1" role="user" body="How can I pay my bill?" />
      <TrackedMessage id="m2" role="assistant" body="Open Billing, then choose Pay now." agent={agent} />
      <button type="button" aria-pressed={rating === 4} onClick={() => submit(4)}>
        Rate 4/5
      </button>{' '}
      <button type="button" onClick={() => trackConversion('Bill Paid', { amount: 42 })}>
        Convert
      </button>{' '}
      <button type="button" disabled={isEnded} onClick={end}>
        End
      </button>
    </div>
  )
}

function CallLog({ analytics }: { analytics: MemoryAnalytics }) {
  const calls = useSyncExternalStore(
    (listener) => analytics.subscribe(listener),
    () => analytics.calls.length,
  )
  return (
    <ol aria-label="calls" style={{ fontSize: 11, paddingLeft: 18 }}>
      {analytics.calls.slice(0, calls).map((call: MemoryCall, i) => (
        <li key={i}>
          <strong>{call.type === 'track' ? call.event : 'Identify'}</strong>
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(call.type === 'track' ? call.properties : { userId: call.userId, traits: call.traits }, null, 1)}</pre>
        </li>
      ))}
    </ol>
  )
}

function Column({ spec, label, properties }: Vocabulary) {
  // Each column has its own recorder, a generated conversation id and its own user: exactly-once keys
  // are per page, so columns sharing an id would leave all but the first silent.
  const [analytics] = useState(createMemoryAnalytics)
  return (
    <section aria-label={label} style={{ flex: '1 1 0', minWidth: 220, border: '1px solid #ddd', padding: 8 }}>
      <h3 style={{ marginTop: 0, fontFamily: 'monospace' }}>{label}</h3>
      <CopilotAnalyticsProvider analytics={analytics} spec={spec} userId={`demo-user-${label}`} sessionId="demo-session" properties={properties}>
        <Chat />
      </CopilotAnalyticsProvider>
      <CallLog analytics={analytics} />
    </section>
  )
}

/** One chat, tracked in every vocabulary side by side, on in-memory recorders (nothing leaves the page). */
export const SideBySide: StoryObj = {
  render: () => (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
      {VOCABULARIES.map((vocabulary) => (
        <Column key={vocabulary.label} {...vocabulary} />
      ))}
    </div>
  ),
}

/** Fan-out: one provider, `spec={[segmentCopilot, screebCopilot]}`, both vocabularies in one log. */
export const FanOut: StoryObj = {
  render: () => <Column spec={[segmentCopilot, screebCopilot]} label="[segmentCopilot, screebCopilot]" />,
}
