import { useEffect } from 'react'
import { act } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { TrackedComponent, TrackedMessage, useActionTracking, useConversation, useFeedback, useMediaTracking } from '../../src/entries'
import { setup } from '../helpers'

describe('order', () => {
  test("within one render a message's event precedes its components, feedback, actions and media", () => {
    const { analytics, render } = setup()
    function ToolResult({ messageId }: { messageId: string }) {
      const actions = useActionTracking()
      const media = useMediaTracking()
      const { submit } = useFeedback(messageId)
      useEffect(() => {
        actions.track({ type: 'Chart', action: 'render', messageId, id: 'tool-1' })
        media.track({ type: 'image', subType: 'png', messageId, id: 'img-1' })
        submit(1)
      }, [actions, media, submit, messageId])
      return null
    }
    render(
      <>
        <TrackedMessage id="m1" role="user" body="Chart ACME" />
        <TrackedMessage id="m2" role="assistant" body="Here you go">
          <TrackedComponent type="Stock Price Chart" messageId="m2" />
          <ToolResult messageId="m2" />
        </TrackedMessage>
      </>,
    )
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Component Loaded', 'Action Invoked', 'Media Generated', 'Feedback Submitted'])
  })

  test('Conversation Started precedes the first Message Sent even when the user message renders after replies', () => {
    const { analytics, render } = setup()
    render(
      <>
        <TrackedMessage id="greeting" role="assistant" body="Hi! Ask me anything." />
        <TrackedMessage id="q" role="user" body="What's up?" />
      </>,
    )
    expect(analytics.events()).toEqual(['Message Received', 'Conversation Started', 'Message Sent'])
  })

  test('Conversation Ended comes after every event tracked before end(), carries message_count, and is sent once', () => {
    const { analytics, render } = setup()
    let conversation!: ReturnType<typeof useConversation>
    function EndButton() {
      conversation = useConversation()
      return null
    }
    const view = render(
      <>
        <TrackedMessage id="m1" role="user" body="a" />
        <TrackedMessage id="m2" role="assistant" body="b" />
        <EndButton />
      </>,
    )
    act(() => conversation.end())
    act(() => conversation.end())
    view.rerender(
      <>
        <TrackedMessage id="m1" role="user" body="a" />
        <TrackedMessage id="m2" role="assistant" body="b" />
        <EndButton />
      </>,
    )
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Conversation Ended'])
    expect(analytics.calls.at(-1)).toMatchObject({ properties: { conversationId: 'c1', message_count: 2 } })
    expect(conversation.isEnded).toBe(true)
  })

  test('start() sends Conversation Started once; end() without a start sends nothing', () => {
    const { analytics, render } = setup({ conversationId: 'c-start' })
    let conversation!: ReturnType<typeof useConversation>
    function Probe() {
      conversation = useConversation()
      return null
    }
    render(<Probe />)
    act(() => conversation.end())
    expect(analytics.calls).toEqual([])
    act(() => conversation.start())
    act(() => conversation.start())
    expect(analytics.events()).toEqual(['Conversation Started'])
    expect(conversation.isStarted).toBe(true)
  })

  test('endOnUnmount sends Conversation Ended on a real unmount, not on StrictMode\'s simulated one', async () => {
    const { analytics, render } = setup({ endOnUnmount: true })
    const view = render(<TrackedMessage id="m1" role="user" body="hi" />)
    await Promise.resolve()
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
    view.unmount()
    await Promise.resolve()
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Conversation Ended'])
  })

  test('endOnPageHide sends Conversation Ended when the page is hidden for good', () => {
    const { analytics, render } = setup({ endOnPageHide: true })
    render(<TrackedMessage id="m1" role="user" body="hi" />)
    act(() => {
      dispatchEvent(new Event('pagehide'))
    })
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Conversation Ended'])
  })
})
