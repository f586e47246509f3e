import { StrictMode, useEffect, type ReactNode } from 'react'
import { act, render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import {
  CopilotAnalyticsProvider,
  TrackedMessage,
  screebCopilot,
  segmentCopilot,
  segmentCopilotLegacy,
  segmentLiveChat,
  useActionTracking,
  useCopilotAnalytics,
  useFeedback,
  watsonxAssistant,
  type CopilotAnalyticsProviderProps,
  type CopilotSpec,
} from '../../src/entries'
import { createMemoryAnalytics, type MemoryAnalytics } from '../../src/entries/testing'

function renderChat(props: Omit<CopilotAnalyticsProviderProps, 'children'>, children: ReactNode) {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  const element = (body: ReactNode) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} onError={(error) => errors.push(error.code)} {...props}>
        {body}
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(element(children))
  return { analytics, errors, rerender: (body: ReactNode) => view.rerender(element(body)) }
}

const names = (analytics: MemoryAnalytics) => analytics.calls.map((call) => (call.type === 'track' ? call.event : 'Identify'))

function Feedback({ messageId, rating, scale }: { messageId: string; rating: number; scale?: number }) {
  const { submit } = useFeedback(messageId, { scale })
  useEffect(() => submit(rating), [submit, rating])
  return null
}

describe('fan-out: spec={[segmentCopilot, screebCopilot]}', () => {
  test('each canonical event goes through both vocabularies, in order, exactly once under StrictMode', () => {
    const chat = (status: 'streaming' | 'complete', feedback: boolean) => (
      <>
        <TrackedMessage id="m1" role="user" body="How can I export my data?" />
        <TrackedMessage id="m2" role="assistant" status={status} body={status === 'streaming' ? 'You can' : 'You can export your data from the Settings page.'} />
        {feedback && <Feedback messageId="m2" rating={4} scale={5} />}
      </>
    )
    const { analytics, errors, rerender } = renderChat(
      { conversationId: 'conv_123', sessionId: 'sess_456', userId: 'u1', spec: [segmentCopilot, screebCopilot] },
      chat('streaming', false),
    )
    rerender(chat('complete', false))
    rerender(chat('complete', true))
    rerender(chat('complete', true))
    expect(errors).toEqual([])
    expect(names(analytics)).toEqual([
      'Identify', // segmentCopilot's; screebCopilot's copy is not sent: the client holds that identity already
      'Conversation Started',
      'Message Sent',
      'screeb_copilot_user_prompt',
      'Message Received',
      'screeb_copilot_response',
      'Feedback Submitted',
      'screeb_copilot_satisfaction',
    ])
    expect(analytics.calls[4]).toEqual({
      type: 'track',
      event: 'Message Received',
      properties: {
        conversationId: 'conv_123',
        messageId: 'm2',
        message_body: 'You can export your data from the Settings page.',
        role: 'agent',
        // The reply was seen streaming after the Message Sent: the response-time metrics.
        time_to_first_token_ms: expect.any(Number),
        response_time_ms: expect.any(Number),
      },
    })
    expect(analytics.calls[5]).toEqual({
      type: 'track',
      event: 'screeb_copilot_response',
      properties: {
        response: 'You can export your data from the Settings page.',
        conversation_id: 'conv_123',
        session_id: 'sess_456',
        message_id: 'm2',
        time_to_first_token_ms: expect.any(Number),
        response_time_ms: expect.any(Number),
      },
    })
    expect(analytics.calls[7]).toMatchObject({ properties: { rating_scale: '5', rating: '4' } })
  })

  test('a spec that throws is reported and the others still send', () => {
    const broken: CopilotSpec = {
      name: 'broken',
      map: () => {
        throw new Error('boom')
      },
    }
    const { analytics, errors } = renderChat({ conversationId: 'c1', spec: [broken, segmentCopilot] }, <TrackedMessage id="m1" role="user" body="Hi" />)
    expect(names(analytics)).toEqual(['Conversation Started', 'Message Sent'])
    expect(errors).toEqual(['spec_error', 'spec_error'])
  })
})

describe('trackConversion, in every vocabulary', () => {
  function Convert() {
    const { trackConversion } = useCopilotAnalytics()
    useEffect(() => trackConversion('Plan Upgraded', { plan: 'pro' }, { messageId: 'm9' }), [trackConversion])
    return null
  }
  test.each([
    [segmentCopilot, { type: 'track', event: 'Plan Upgraded', properties: { plan: 'pro', conversationId: 'c1', messageId: 'm9' } }],
    [segmentCopilotLegacy, { type: 'track', event: 'Plan Upgraded', properties: { plan: 'pro', conversationId: 'c1', messageId: 'm9' } }],
    [segmentLiveChat, { type: 'track', event: 'Plan Upgraded', properties: { plan: 'pro', conversation_id: 'c1', message_id: 'm9' } }],
    [watsonxAssistant, { type: 'track', event: 'Plan Upgraded', properties: expect.objectContaining({ plan: 'pro', sessionId: 'c1', assistantId: 'a1' }) }],
    [
      screebCopilot,
      { type: 'track', event: 'screeb_copilot_conversion', properties: { plan: 'pro', conversion_name: 'Plan Upgraded', conversation_id: 'c1', session_id: 's1', message_id: 'm9', assistantId: 'a1' } },
    ],
  ])('%s', (spec, expected) => {
    // StrictMode runs the effect twice: a conversion is an explicit call, sent each time it is made.
    const { analytics } = renderChat({ conversationId: 'c1', sessionId: 's1', spec, properties: spec === segmentCopilot || spec === segmentCopilotLegacy || spec === segmentLiveChat ? undefined : { assistantId: 'a1' } }, <Convert />)
    expect(analytics.calls).toEqual([expected, expected])
  })

  test('an empty name is reported, nothing sent', () => {
    function Bad() {
      const { trackConversion } = useCopilotAnalytics()
      useEffect(() => trackConversion(''), [trackConversion])
      return null
    }
    const { analytics, errors } = renderChat({ conversationId: 'c1' }, <Bad />)
    expect(analytics.calls).toEqual([])
    expect(errors).toEqual(['missing_event_name', 'missing_event_name'])
  })
})

describe('the React API in each vocabulary', () => {
  test('Live Chat: the agent given on <TrackedMessage> becomes agent_id / agent_name / agent_username', () => {
    const agent = { id: 'bce89acdd11901', name: 'Peter Gibbons', username: 'pgibbons' }
    const { analytics } = renderChat(
      { conversationId: 'abd627dbecffc', spec: segmentLiveChat },
      <>
        <TrackedMessage id="m1" role="user" body="But my stapler..." />
        <TrackedMessage id="m2" role="agent" body="Yeah, uh huh, okay, Milton" agent={agent} />
      </>,
    )
    expect(names(analytics)).toEqual(['Live Chat Conversation Started', 'Live Chat Message Sent', 'Live Chat Message Received'])
    expect(analytics.calls[2]).toMatchObject({
      properties: { agent_id: 'bce89acdd11901', agent_name: 'Peter Gibbons', agent_username: 'pgibbons', message_id: 'm2', conversation_id: 'abd627dbecffc' },
    })
  })

  test('watsonx: useActionTracking().start() sends Action Started, its handle Action Completed, each once', () => {
    let complete: (() => void) | undefined
    function Tool() {
      const actions = useActionTracking()
      useEffect(() => {
        const handle = actions.start({ type: 'action', action: 'action_202', title: 'I want to pay my bill', id: 'call-1' })
        complete = () => handle.complete({ reason: 'all_steps_done' })
      }, [actions])
      return null
    }
    const { analytics } = renderChat({ conversationId: 'c1', spec: watsonxAssistant, properties: { assistantId: 'a1', environment: 'live' } }, <Tool />)
    expect(names(analytics)).toEqual(['Action Started'])
    act(() => {
      complete!()
      complete!()
    })
    expect(names(analytics)).toEqual(['Action Started', 'Action Completed'])
    expect(analytics.calls[1]).toMatchObject({ properties: { action: 'action_202', actionTitle: 'I want to pay my bill', actionCompletedReason: 'all_steps_done', sessionId: 'c1', environment: 'live' } })
  })

  test('legacy: useActionTracking().track() sends Tool Invoked without a role', () => {
    function Tool() {
      const actions = useActionTracking()
      useEffect(() => actions.track({ type: 'Inventory Request', action: 'check stock level', messageId: 'msg125', id: 't1' }), [actions])
      return null
    }
    const { analytics } = renderChat({ conversationId: '1238041hdou', spec: segmentCopilotLegacy }, <Tool />)
    expect(analytics.calls).toEqual([
      { type: 'track', event: 'Tool Invoked', properties: { conversationId: '1238041hdou', messageId: 'msg125', type: 'Inventory Request', action: 'check stock level' } },
    ])
  })

  test("Screeb: session_id is the provider's sessionId and follows it; without one, the tab's id", () => {
    const analytics = createMemoryAnalytics()
    const ui = (sessionId: string | undefined, id: string) => (
      <StrictMode>
        <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" spec={screebCopilot} sessionId={sessionId}>
          <TrackedMessage id={id} role="user" body={id} />
        </CopilotAnalyticsProvider>
      </StrictMode>
    )
    const view = render(ui('sess_456', 'm1'))
    view.rerender(ui('sess_789', 'm2'))
    view.rerender(ui(undefined, 'm3'))
    const tabId = sessionStorage.getItem('react-copilot-analytics:session')
    expect(tabId).toMatch(/^[0-9a-f-]{36}$/)
    expect(analytics.calls.map((call) => call.type === 'track' && [call.properties.message_id, call.properties.session_id])).toEqual([
      ['m1', 'sess_456'],
      ['m2', 'sess_789'],
      ['m3', tabId],
    ])
  })
})
