import { StrictMode } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import {
  CopilotAnalyticsProvider,
  TrackedComponent,
  TrackedMessage,
  useActionTracking,
  useConversation,
  useCopilotAnalytics,
  useFeedback,
  useMediaTracking,
} from '../../src/entries'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { setup, tracks } from '../helpers'

describe('every event of the Segment AI Copilot spec, from React (StrictMode)', () => {
  test('Conversation Started, Message Sent, Message Received with role normalisation', () => {
    const { analytics, render } = setup()
    render(
      <>
        <TrackedMessage id="msg123" role="user" body="What's the best stock in the Nasdaq right now?" />
        <TrackedMessage id="msg124" role="assistant" body="Thank you for reaching out. How can I assist you today?" />
        <TrackedMessage id="msg125" role="customer" body="Thanks" />
        <TrackedMessage id="msg126" role="human_agent" body="A person here." />
      </>,
    )
    expect(tracks(analytics)).toEqual([
      ['Conversation Started', { conversationId: 'c1' }],
      ['Message Sent', { conversationId: 'c1', messageId: 'msg123', message_body: "What's the best stock in the Nasdaq right now?", role: 'customer' }],
      ['Message Received', { conversationId: 'c1', messageId: 'msg124', message_body: 'Thank you for reaching out. How can I assist you today?', role: 'agent' }],
      ['Message Sent', { conversationId: 'c1', messageId: 'msg125', message_body: 'Thanks', role: 'customer' }],
      ['Message Received', { conversationId: 'c1', messageId: 'msg126', message_body: 'A person here.', role: 'human_agent' }],
    ])
  })

  test('Action Invoked, Media Generated, Component Loaded, Feedback Submitted, a custom track call, Conversation Ended', () => {
    const { analytics, errors, render } = setup()
    let api!: {
      actions: ReturnType<typeof useActionTracking>
      media: ReturnType<typeof useMediaTracking>
      feedback: ReturnType<typeof useFeedback>
      conversationFeedback: ReturnType<typeof useFeedback>
      custom: ReturnType<typeof useCopilotAnalytics>
      conversation: ReturnType<typeof useConversation>
    }
    function Harness() {
      api = {
        actions: useActionTracking(),
        media: useMediaTracking(),
        feedback: useFeedback('m2', { scale: 5 }),
        conversationFeedback: useFeedback(),
        custom: useCopilotAnalytics(),
        conversation: useConversation(),
      }
      return (
        <>
          <TrackedMessage id="m1" role="user" body="Chart ACME" />
          <TrackedMessage id="m2" role="assistant" body="Here it is">
            <TrackedComponent type="Stock Price Chart" messageId="m2">
              <svg />
            </TrackedComponent>
          </TrackedMessage>
        </>
      )
    }
    render(<Harness />)
    act(() => {
      api.actions.track({ type: 'Inventory Request', action: 'check stock level', messageId: 'm2' })
      api.actions.track({ type: 'Search', action: 'web', messageId: 'm2', role: 'assistant' })
      api.media.track({ type: 'image', subType: 'gif', messageId: 'm2' })
      api.feedback.submit(5)
      api.conversationFeedback.submit(1, { comment: 'helpful' })
      api.custom.track('Item Purchased', { itemId: 'item101112', itemPrice: 19.99 }, { messageId: 'm2' })
    })
    expect(api.conversation.messageCount).toBe(2)
    act(() => api.conversation.end())
    expect(errors).toEqual([])
    expect(tracks(analytics).slice(3)).toEqual([
      ['Component Loaded', { conversationId: 'c1', messageId: 'm2', type: 'Stock Price Chart' }],
      ['Action Invoked', { conversationId: 'c1', messageId: 'm2', type: 'Inventory Request', action: 'check stock level', role: 'customer' }],
      ['Action Invoked', { conversationId: 'c1', messageId: 'm2', type: 'Search', action: 'web', role: 'agent' }],
      ['Media Generated', { conversationId: 'c1', messageId: 'm2', type: 'image', sub_type: 'gif', role: 'agent' }],
      ['Feedback Submitted', { conversationId: 'c1', messageId: 'm2', rating: 5 }],
      ['Feedback Submitted', { conversationId: 'c1', rating: 1, comment: 'helpful' }],
      ['Item Purchased', { conversationId: 'c1', messageId: 'm2', itemId: 'item101112', itemPrice: 19.99 }],
      ['Conversation Ended', { conversationId: 'c1', message_count: 2 }],
    ])
    expect(api.feedback.rating).toBe(5)
    expect(api.conversation).toMatchObject({ isStarted: true, isEnded: true })
  })

  test('Identify once per distinct userId, before the track calls of the same render', () => {
    const analytics = createMemoryAnalytics()
    const App = ({ userId, ids }: { userId?: string; ids: string[] }) => (
      <StrictMode>
        <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId={userId} anonymousId="anon-7" traits={{ plan: 'pro' }}>
          {ids.map((id) => (
            <TrackedMessage key={id} id={id} role="user" body={id} />
          ))}
        </CopilotAnalyticsProvider>
      </StrictMode>
    )
    const { rerender } = render(<App ids={['m1']} />)
    rerender(<App ids={['m1']} />)
    rerender(<App userId="u1" ids={['m1', 'm2']} />)
    rerender(<App userId="u1" ids={['m1', 'm2', 'm3']} />)
    rerender(<App userId="u2" ids={['m1', 'm2', 'm3']} />)
    expect(analytics.calls.map((c) => (c.type === 'identify' ? `Identify ${c.userId ?? c.anonymousId}` : `${c.event} ${c.properties.messageId ?? ''}`.trim()))).toEqual([
      'Identify anon-7',
      'Conversation Started',
      'Message Sent m1',
      'Identify u1',
      'Message Sent m2',
      'Message Sent m3',
      'Identify u2',
    ])
    expect(analytics.calls[3]).toEqual({ type: 'identify', userId: 'u1', anonymousId: 'anon-7', traits: { plan: 'pro' } })
  })

  test('feedback: the same rating twice sends once, a changed rating sends again', () => {
    const { analytics, render } = setup()
    let feedback!: ReturnType<typeof useFeedback>
    function Thumbs() {
      feedback = useFeedback('m1')
      return <button onClick={() => feedback.submit(1)}>up</button>
    }
    render(<Thumbs />)
    fireEvent.click(screen.getByText('up'))
    fireEvent.click(screen.getByText('up'))
    act(() => feedback.submit(0))
    act(() => feedback.submit(1))
    expect(tracks(analytics).map(([, p]) => p.rating)).toEqual([1, 0, 1])
    expect(feedback.rating).toBe(1)
  })
})
