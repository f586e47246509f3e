import { StrictMode, type ReactNode } from 'react'
import { act, render, renderHook } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import {
  CopilotAnalyticsError,
  CopilotAnalyticsProvider,
  TrackedComponent,
  TrackedMessage,
  useActionTracking,
  useComponentTracking,
  useConversation,
  useCopilotAnalytics,
  useFeedback,
  useMediaTracking,
  useMessageTracking,
} from '../../src/entries'
import { setup, tracks } from '../helpers'

describe('bad input never throws into the host app and is never silent', () => {
  test.each([
    ['useConversation()', () => useConversation()],
    ['useMessageTracking()', () => useMessageTracking({ id: 'm1', role: 'user' })],
    ['useFeedback()', () => useFeedback('m1')],
    ['useComponentTracking()', () => useComponentTracking('Chart')],
    ['useActionTracking()', () => useActionTracking()],
    ['useMediaTracking()', () => useMediaTracking()],
    ['useCopilotAnalytics()', () => useCopilotAnalytics()],
  ])('%s outside the provider throws an error naming CopilotAnalyticsProvider', (name, hook) => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(hook, { wrapper: StrictMode })).toThrow(`${name} must be used inside <CopilotAnalyticsProvider>`)
    quiet.mockRestore()
  })

  test('messages without a usable id or role are reported; the valid ones around them are sent', () => {
    const { analytics, errors, render } = setup()
    render(
      <>
        <TrackedMessage id="ok1" role="user" body="first" />
        <TrackedMessage id="" role="user" body="empty id" />
        <TrackedMessage id={undefined as unknown as string} role="assistant" body="no id" />
        <TrackedMessage id={42 as unknown as string} role="assistant" body="numeric id" />
        <TrackedMessage id="no-role" role={undefined as unknown as string} body="no role" />
        <TrackedMessage id="ok2" role="assistant" body="second" />
      </>,
    )
    expect(tracks(analytics).map(([event, p]) => `${event} ${p.messageId ?? ''}`.trim())).toEqual(['Conversation Started', 'Message Sent ok1', 'Message Received ok2'])
    const codes = [...new Set(errors.map((e) => e.code))]
    expect(codes.sort()).toEqual(['missing_message_id', 'missing_role'])
    for (const error of errors) {
      expect(error).toBeInstanceOf(CopilotAnalyticsError)
      expect(error.message).toMatch(/^\[react-copilot-analytics\] .+; got .+\. Nothing was sent for it\.$/)
    }
    expect(errors.find((e) => e.code === 'missing_message_id')!.message).toContain('got "" (string)')
    expect(errors.find((e) => e.code === 'missing_role')!.message).toContain('Message "no-role" needs a role')
  })

  test.each([
    ['NaN', Number.NaN, undefined],
    ['Infinity', Number.POSITIVE_INFINITY, undefined],
    ['a numeric string', '5', undefined],
    ['a boolean', true, undefined],
    ['null', null, undefined],
    ['above the scale', 6, 5],
    ['below zero on a scale', -1, 5],
  ])('a rating that is %s is invalid_rating and not sent', (_, rating, scale) => {
    const { analytics, errors, render } = setup()
    let feedback!: ReturnType<typeof useFeedback>
    function Stars() {
      feedback = useFeedback('m1', { scale })
      return null
    }
    render(<Stars />)
    act(() => feedback.submit(rating as number))
    act(() => feedback.submit(scale ?? 3))
    expect(errors.map((e) => e.code)).toEqual(['invalid_rating'])
    expect(errors[0].message).toContain(scale === undefined ? 'finite number' : `from 0 to ${scale}`)
    expect(tracks(analytics)).toEqual([['Feedback Submitted', { conversationId: 'c1', messageId: 'm1', rating: scale ?? 3 }]])
    expect(feedback.rating).toBe(scale ?? 3)
  })

  test('actions, media, components and custom events without their required fields are reported, not sent', () => {
    const { analytics, errors, render } = setup()
    let api!: { actions: ReturnType<typeof useActionTracking>; media: ReturnType<typeof useMediaTracking>; custom: ReturnType<typeof useCopilotAnalytics> }
    function Probe() {
      api = { actions: useActionTracking(), media: useMediaTracking(), custom: useCopilotAnalytics() }
      return <TrackedComponent type="" messageId="m1" />
    }
    render(<Probe />)
    act(() => {
      api.actions.track({ type: '', action: 'x' })
      api.actions.track({ type: 'Search', action: undefined as unknown as string })
      api.actions.start({ type: 'Search', action: '' }).complete()
      api.media.track({ type: undefined as unknown as string, subType: 'png' })
      api.custom.track('')
      api.custom.track('Fine Event')
    })
    expect(errors.map((e) => e.code)).toEqual(['missing_type', 'missing_type', 'missing_action', 'missing_action', 'missing_type', 'missing_event_name'])
    expect(analytics.events()).toEqual(['Fine Event'])
  })

  test('a client whose track throws or rejects reaches onError as client_error; the app keeps rendering', async () => {
    const errors: CopilotAnalyticsError[] = []
    const client = {
      track: vi.fn((event: string) => (event === 'Message Received' ? Promise.reject(new Error('503')) : (() => { throw new Error('offline') })())),
      identify: vi.fn(),
    }
    const ui = (children: ReactNode) => (
      <StrictMode>
        <CopilotAnalyticsProvider analytics={client} conversationId="c1" onError={(e) => errors.push(e)}>
          {children}
        </CopilotAnalyticsProvider>
      </StrictMode>
    )
    const view = render(ui(<TrackedMessage id="m1" role="user" body="hi" />))
    view.rerender(ui(<><TrackedMessage id="m1" role="user" body="hi" /><TrackedMessage id="m2" role="assistant" body="yo" /></>))
    await Promise.resolve()
    expect(view.container.textContent).toBe('hiyo')
    expect(client.track.mock.calls.map((c) => c[0])).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    expect(errors.map((e) => [e.code, (e.cause as Error).message])).toEqual([
      ['client_error', 'offline'],
      ['client_error', 'offline'],
      ['client_error', '503'],
    ])
  })
})
