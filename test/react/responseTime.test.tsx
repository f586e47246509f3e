import { afterEach, describe, expect, test, vi } from 'vitest'
import { TrackedMessage } from '../../src/entries'
import { setup, tracks } from '../helpers'

afterEach(() => vi.restoreAllMocks())

/** The tracker's default clock is Date.now, read at each event: a fake one makes the figures exact. */
function fakeClock(start = 50_000) {
  const clock = { now: start }
  vi.spyOn(Date, 'now').mockImplementation(() => clock.now)
  return clock
}

const received = (analytics: Parameters<typeof tracks>[0]) => tracks(analytics).filter(([event]) => event === 'Message Received').map(([, p]) => p)

describe('response-time metrics with <TrackedMessage>', () => {
  test('a streamed reply: time to first content and to complete, measured from the Message Sent', () => {
    const clock = fakeClock()
    const { analytics, render } = setup()
    const chat = (reply?: { body: string; status: string }) => (
      <>
        <TrackedMessage id="u1" role="user" body="Best stock?" />
        {reply && <TrackedMessage id="a1" role="assistant" body={<b>{reply.body}</b>} status={reply.status} />}
      </>
    )
    const view = render(chat())
    clock.now += 300
    view.rerender(chat({ body: '', status: 'streaming' }))
    clock.now += 420
    view.rerender(chat({ body: 'I can', status: 'streaming' }))
    clock.now += 1_000
    view.rerender(chat({ body: "I can't give advice.", status: 'streaming' }))
    clock.now += 280
    view.rerender(chat({ body: "I can't give advice.", status: 'complete' }))
    view.rerender(chat({ body: "I can't give advice!", status: 'complete' }))
    expect(received(analytics)).toEqual([
      { conversationId: 'c1', messageId: 'a1', message_body: "I can't give advice.", role: 'agent', time_to_first_token_ms: 720, response_time_ms: 2000 },
    ])
  })

  test('a reply rendered complete at once (history, or no streaming UI) gets no metrics', () => {
    fakeClock()
    const { analytics, render } = setup()
    render(
      <>
        <TrackedMessage id="u1" role="user" body="Hi" />
        <TrackedMessage id="a1" role="assistant" body="Hello" />
      </>,
    )
    expect(received(analytics)).toEqual([{ conversationId: 'c1', messageId: 'a1', message_body: 'Hello', role: 'agent' }])
  })

  test('a streaming reply that unmounts and remounts (virtualized list) keeps its first-content time', () => {
    const clock = fakeClock()
    const { analytics, render } = setup()
    const view = render(<TrackedMessage id="u1" role="user" body="Hi" />)
    clock.now += 100
    view.rerender(
      <>
        <TrackedMessage id="u1" role="user" body="Hi" />
        <TrackedMessage id="a1" role="assistant" body="Hel" status="streaming" />
      </>,
    )
    clock.now += 100
    view.rerender(<TrackedMessage id="u1" role="user" body="Hi" />)
    clock.now += 100
    view.rerender(
      <>
        <TrackedMessage id="u1" role="user" body="Hi" />
        <TrackedMessage id="a1" role="assistant" body="Hello" status="complete" />
      </>,
    )
    expect(received(analytics)[0]).toMatchObject({ time_to_first_token_ms: 100, response_time_ms: 300 })
  })
})
