import { StrictMode, useState } from 'react'
import { act, render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage } from '../../src/entries'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { tracks } from '../helpers'

// The README promises that a provider remounted with the same conversationId (a `key` change, a
// route change) continues the conversation; endOnUnmount ends it only when no provider of it is
// mounted any more (by the next microtask), and then once.

describe('endOnUnmount and remounts (defect 15)', () => {
  const Chat = ({ k, analytics, show = true, id = 'c1' }: { k: number; analytics: ReturnType<typeof createMemoryAnalytics>; show?: boolean; id?: string }) => (
    <StrictMode>
      {show && (
        <CopilotAnalyticsProvider key={k} analytics={analytics} conversationId={id} endOnUnmount>
          <TrackedMessage id={'m' + k} role="user" body="hi" />
        </CopilotAnalyticsProvider>
      )}
    </StrictMode>
  )
  const tick = () => act(async () => {})

  test('a provider remounted by a `key` change continues the conversation; a real unmount ends it, once', async () => {
    const analytics = createMemoryAnalytics()
    const view = render(<Chat k={1} analytics={analytics} />)
    await tick()
    view.rerender(<Chat k={2} analytics={analytics} />)
    await tick()
    view.rerender(<Chat k={3} analytics={analytics} />)
    await tick()
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Sent', 'Message Sent'])
    view.rerender(<Chat k={3} analytics={analytics} show={false} />)
    await tick()
    await tick()
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Sent', 'Message Sent', 'Conversation Ended'])
    expect(tracks(analytics).at(-1)![1]).toMatchObject({ conversationId: 'c1', message_count: 3 })
    view.unmount()
    await tick()
    expect(analytics.events().filter((e) => e === 'Conversation Ended')).toHaveLength(1)
  })

  test('two providers of one conversation: the first to unmount does not end it, the last does', async () => {
    const analytics = createMemoryAnalytics()
    function Two() {
      const [both, setBoth] = useState(true)
      const [none, setNone] = useState(false)
      controls = { one: () => setBoth(false), none: () => setNone(true) }
      return none ? null : (
        <>
          <CopilotAnalyticsProvider analytics={analytics} conversationId="c2" endOnUnmount>
            <TrackedMessage id="m1" role="user" body="hi" />
          </CopilotAnalyticsProvider>
          {both && <CopilotAnalyticsProvider analytics={analytics} conversationId="c2" endOnUnmount />}
        </>
      )
    }
    let controls!: { one(): void; none(): void }
    render(<StrictMode><Two /></StrictMode>)
    act(() => controls.one())
    await tick()
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
    act(() => controls.none())
    await tick()
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Conversation Ended'])
  })

  test('a changed conversationId still ends the previous conversation', async () => {
    const analytics = createMemoryAnalytics()
    const view = render(<Chat k={1} analytics={analytics} id="a" />)
    view.rerender(<Chat k={1} analytics={analytics} id="b" />)
    await tick()
    expect(tracks(analytics).filter(([e]) => e === 'Conversation Ended').map(([, p]) => p.conversationId)).toEqual(['a'])
  })
})
