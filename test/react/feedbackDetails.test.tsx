import { StrictMode } from 'react'
import { act, render, renderHook } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, useFeedback, type UseFeedbackResult } from '../../src/entries'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { setup, tracks } from '../helpers'

type Reason = 'inaccurate' | 'unsafe' | 'other'

function rate(props: Parameters<typeof setup>[0] = {}, messageId: string | undefined = 'a1') {
  const env = setup(props)
  const hook = renderHook(() => useFeedback<Reason>(messageId, { scale: 1 }), { wrapper: env.Wrapper })
  const submit = (...args: Parameters<UseFeedbackResult<Reason>['submit']>) => act(() => hook.result.current.submit(...args))
  const feedback = () => tracks(env.analytics).filter(([event]) => event === 'Feedback Submitted').map(([, properties]) => properties)
  return { ...env, hook, submit, feedback }
}

describe('useFeedback with a reason and a comment', () => {
  test('both are sent with the rating; the same rating, reason and comment again sends nothing', () => {
    const { submit, feedback, hook, errors } = rate()
    submit(0, { reason: 'inaccurate', comment: 'The date is wrong' })
    submit(0, { reason: 'inaccurate', comment: 'The date is wrong' })
    expect(feedback()).toEqual([{ conversationId: 'c1', messageId: 'a1', rating: 0, reason: 'inaccurate', comment: 'The date is wrong' }])
    expect(hook.result.current.rating).toBe(0)
    expect(errors).toEqual([])
  })

  test('a changed reason or comment on the same rating is an update, sent once; back to a plain rating is one too', () => {
    const { submit, feedback, hook } = rate()
    submit(0, { reason: 'inaccurate' })
    submit(0, { reason: 'unsafe' })
    submit(0, { reason: 'unsafe' })
    submit(0, { reason: 'unsafe', comment: 'Rude' })
    submit(0, { reason: 'unsafe', comment: 'Rude!' })
    submit(0, { reason: 'unsafe', comment: 'Rude!' })
    submit(0)
    submit(0)
    submit(1, { comment: 'Rude!' })
    expect(feedback().map(({ rating, reason, comment }) => [rating, reason, comment])).toEqual([
      [0, 'inaccurate', undefined],
      [0, 'unsafe', undefined],
      [0, 'unsafe', 'Rude'],
      [0, 'unsafe', 'Rude!'],
      [0, undefined, undefined],
      [1, undefined, 'Rude!'],
    ])
    expect(hook.result.current.rating).toBe(1)
  })

  test('a reason given as the comment is not the same feedback (the two are told apart)', () => {
    const { submit, feedback } = rate()
    submit(0, { reason: 'other' })
    submit(0, { comment: 'other' })
    expect(feedback()).toHaveLength(2)
  })

  test('the comment is guarded like a body: redacted, capped at maxBodyBytes and flagged, left out without captureBodies', () => {
    const redacted = rate({ privacy: { redact: (text) => text.replace(/\S+@\S+/g, '[email]'), maxBodyBytes: 12 } })
    redacted.submit(0, { reason: 'other', comment: 'mail a@b.io please' })
    expect(redacted.feedback()).toEqual([{ conversationId: 'c1', messageId: 'a1', rating: 0, reason: 'other', comment: 'mail [email]', comment_truncated: true }])
    const noBodies = rate({ privacy: { captureBodies: false } })
    noBodies.submit(0, { reason: 'other', comment: 'secret' })
    expect(noBodies.feedback()).toEqual([{ conversationId: 'c1', messageId: 'a1', rating: 0, reason: 'other' }])
  })

  test('hostile details never throw into the app: a reason or comment that is not text, or cannot be read, is left out and reported', () => {
    const { submit, feedback, errors } = rate()
    const getter = Object.defineProperty({}, 'comment', { enumerable: true, get: () => { throw new Error('boom') } })
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    expect(() => submit(0, getter)).not.toThrow()
    expect(() => submit(1, revoked.proxy as never)).not.toThrow()
    expect(() => submit(0, { reason: 7 as never, comment: { text: 'x' } as never })).not.toThrow()
    expect(() => submit(1, { reason: 10n as never })).not.toThrow()
    expect(feedback()).toEqual([
      { conversationId: 'c1', messageId: 'a1', rating: 0 },
      { conversationId: 'c1', messageId: 'a1', rating: 1 },
      { conversationId: 'c1', messageId: 'a1', rating: 0 },
      { conversationId: 'c1', messageId: 'a1', rating: 1 },
    ])
    expect(errors.map((e) => e.code)).toEqual(['invalid_property', 'invalid_property', 'invalid_property', 'invalid_property', 'invalid_property'])
    expect(errors[0].value).toBeInstanceOf(Error)
    expect(errors[1].value).toBeInstanceOf(TypeError) // what reading the revoked Proxy threw
    expect(errors.slice(2).map((e) => e.value)).toEqual([7, { text: 'x' }, 10n])
  })

  test('useFeedback(id, null) is useFeedback(id): no throw, no scale', () => {
    const env = setup()
    const hook = renderHook(() => useFeedback('a1', null), { wrapper: env.Wrapper })
    act(() => hook.result.current.submit(42))
    expect(tracks(env.analytics)).toEqual([['Feedback Submitted', { conversationId: 'c1', messageId: 'a1', rating: 42 }]])
    expect(hook.result.current.rating).toBe(42)
  })

  test('remount and reload: the same details are not sent again, a new comment is; the rating shows from storage', async () => {
    const first = createMemoryAnalytics()
    let feedback!: UseFeedbackResult<Reason>
    const Thumbs = ({ use }: { use: typeof useFeedback }) => {
      feedback = use<Reason>('a1')
      return null
    }
    const view = render(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={first} conversationId="c-fb">
          <Thumbs use={useFeedback} />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    act(() => feedback.submit(0, { reason: 'inaccurate', comment: 'Wrong' }))
    view.rerender(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={first} conversationId="c-fb" key="remounted">
          <Thumbs use={useFeedback} />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    act(() => feedback.submit(0, { reason: 'inaccurate', comment: 'Wrong' }))
    expect(first.events()).toEqual(['Feedback Submitted'])
    dispatchEvent(new Event('pagehide')) // a reload fires pagehide: the key store writes sessionStorage then at the latest
    view.unmount()

    vi.resetModules() // the reloaded page evaluates the package again: nothing kept in memory
    const fresh = await import('../../src/entries')
    const second = createMemoryAnalytics()
    render(
      <StrictMode>
        <fresh.CopilotAnalyticsProvider analytics={second} conversationId="c-fb">
          <Thumbs use={fresh.useFeedback} />
        </fresh.CopilotAnalyticsProvider>
      </StrictMode>,
    )
    expect(feedback.rating).toBe(0)
    act(() => feedback.submit(0, { reason: 'inaccurate', comment: 'Wrong' }))
    act(() => feedback.submit(0, { reason: 'inaccurate', comment: 'Wrong date' }))
    expect(second.calls).toEqual([
      { type: 'track', event: 'Feedback Submitted', properties: { conversationId: 'c-fb', messageId: 'a1', rating: 0, reason: 'inaccurate', comment: 'Wrong date' } },
    ])
  })
})
