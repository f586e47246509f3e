import { StrictMode, useState } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, MESSAGE_ACTION_EVENTS, TrackedMessage, screebCopilot, segmentLiveChat, useMessageActions, type CopilotSpec } from '../../src/entries'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { setup, tracks } from '../helpers'

/** A reply with its action bar, as a chat renders it; `use` is the hook of the page's copy of the package. */
function Reply({ id, pkg = { useMessageActions, TrackedMessage } }: { id: string; pkg?: { useMessageActions: typeof useMessageActions; TrackedMessage: typeof TrackedMessage } }) {
  const actions = pkg.useMessageActions(id)
  return (
    <div>
      <pkg.TrackedMessage id={id} role="assistant" body="The answer" />
      <button onClick={() => actions.copy()}>copy {id}</button>
      <button onClick={() => actions.regenerate({ model_requested: 'gpt-5.1' })}>regenerate {id}</button>
    </div>
  )
}
function Question({ id }: { id: string }) {
  const { edit } = useMessageActions(id)
  return (
    <div>
      <TrackedMessage id={id} role="user" body="The question" />
      <button onClick={() => edit()}>edit {id}</button>
    </div>
  )
}
const click = (name: string) => fireEvent.click(screen.getByText(name))

describe('useMessageActions: one event per user action', () => {
  test('copy twice is two copies, a re-render none, regenerate and edit one each, after the message events, under StrictMode', () => {
    const { analytics, render: show, errors } = setup()
    const ui = (n: number) => (
      <>
        <Question id="u1" />
        <Reply id="a1" />
        <span>render {n}</span>
      </>
    )
    const view = show(ui(1))
    view.rerender(ui(2))
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    click('copy a1')
    click('copy a1')
    view.rerender(ui(3))
    click('regenerate a1')
    click('edit u1')
    expect(tracks(analytics).slice(3)).toEqual([
      ['Message Copied', { conversationId: 'c1', messageId: 'a1' }],
      ['Message Copied', { conversationId: 'c1', messageId: 'a1' }],
      ['Reply Regenerated', { conversationId: 'c1', messageId: 'a1', model_requested: 'gpt-5.1' }],
      ['Message Edited', { conversationId: 'c1', messageId: 'u1' }],
    ])
    expect(errors).toEqual([])
  })

  test('a remounted row (list virtualization, a key change) sends nothing on mount; its next click is one event', () => {
    const { analytics, render: show } = setup()
    const view = show(<Reply key="first" id="a1" />)
    click('copy a1')
    view.rerender(<Reply key="second" id="a1" />)
    view.rerender(<></>)
    view.rerender(<Reply key="third" id="a1" />)
    expect(analytics.events()).toEqual(['Message Received', 'Message Copied'])
    click('copy a1')
    click('regenerate a1')
    expect(analytics.events()).toEqual(['Message Received', 'Message Copied', 'Message Copied', 'Reply Regenerated'])
  })

  test('a page reload sends nothing again: the copy before it stays one, the click after it is one', async () => {
    const first = createMemoryAnalytics()
    const view = render(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={first} conversationId="c-actions">
          <Reply id="a1" />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    click('copy a1')
    dispatchEvent(new Event('pagehide')) // a reload fires pagehide: the key store writes sessionStorage then at the latest
    view.unmount()
    vi.resetModules() // the reloaded page evaluates the package again: nothing kept in memory
    const fresh = await import('../../src/entries')
    const second = createMemoryAnalytics()
    render(
      <StrictMode>
        <fresh.CopilotAnalyticsProvider analytics={second} conversationId="c-actions">
          <Reply id="a1" pkg={fresh} />
        </fresh.CopilotAnalyticsProvider>
      </StrictMode>,
    )
    expect(first.events()).toEqual(['Message Received', 'Message Copied'])
    expect(second.events()).toEqual([])
    click('copy a1')
    expect(second.calls).toEqual([{ type: 'track', event: 'Message Copied', properties: { conversationId: 'c-actions', messageId: 'a1' } }])
  })

  test('the trackers keep their identity across renders (safe in deps) and change with the message', () => {
    const seen: unknown[] = []
    function Probe({ id }: { id: string }) {
      const [, setN] = useState(0)
      const actions = useMessageActions(id)
      seen.push(actions)
      return <button onClick={() => setN((n) => n + 1)}>rerender</button>
    }
    const { render: show } = setup()
    const view = show(<Probe id="a1" />)
    const mounted = seen.at(-1)
    act(() => click('rerender'))
    act(() => click('rerender'))
    expect(seen.at(-1)).toBe(mounted)
    view.rerender(<Probe id="a2" />)
    expect(seen.at(-1)).not.toBe(mounted)
  })

  test('without a message id nothing is sent and missing_message_id is reported; hostile properties never throw', () => {
    const { analytics, errors, render: show } = setup()
    let actions!: ReturnType<typeof useMessageActions>
    function Bad() {
      actions = useMessageActions(undefined as never)
      return null
    }
    function Good() {
      const good = useMessageActions('a1')
      const revoked = Proxy.revocable({}, {})
      revoked.revoke()
      return <button onClick={() => good.copy(revoked.proxy)}>hostile</button>
    }
    show(
      <>
        <Bad />
        <Good />
      </>,
    )
    act(() => actions.copy())
    expect(() => click('hostile')).not.toThrow()
    expect(analytics.calls).toEqual([{ type: 'track', event: 'Message Copied', properties: { conversationId: 'c1', messageId: 'a1' } }])
    expect(errors.map((e) => e.code)).toEqual(['missing_message_id', 'invalid_property'])
  })

  test('the event names are the documented ones', () => {
    expect(MESSAGE_ACTION_EVENTS).toEqual({ copy: 'Message Copied', regenerate: 'Reply Regenerated', edit: 'Message Edited' })
  })

  test.each([
    ['segment-live-chat', segmentLiveChat, [['Message Copied', { conversation_id: 'c1', message_id: 'a1' }]]],
    ['screeb-copilot (no home: not sent)', screebCopilot, []],
  ] as [string, CopilotSpec, unknown[]][])('%s', (_, spec, expected) => {
    const { analytics, render: show } = setup({ spec })
    show(<Reply id="a1" />)
    const before = analytics.calls.length
    click('copy a1')
    expect(tracks(analytics).slice(before)).toEqual(expected)
  })
})
