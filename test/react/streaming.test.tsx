import { describe, expect, test } from 'vitest'
import { TrackedMessage } from '../../src/entries'
import { setup, tracks } from '../helpers'

describe('streaming', () => {
  test('a streaming reply sends nothing until complete, then one Message Received with the final body', () => {
    const { analytics, render } = setup()
    const tokens = 'ACME closed up 2.1% today on strong earnings.'.split(' ')
    const view = render(<TrackedMessage id="r1" role="assistant" body="" status="streaming" />)
    let body = ''
    for (const token of tokens) {
      body += (body ? ' ' : '') + token
      view.rerender(<TrackedMessage id="r1" role="assistant" body={body} status="streaming" />)
    }
    expect(analytics.calls).toEqual([])
    view.rerender(<TrackedMessage id="r1" role="assistant" body={body} status="complete" />)
    view.rerender(<TrackedMessage id="r1" role="assistant" body={body + ' (edited)'} />)
    expect(tracks(analytics)).toEqual([['Message Received', { conversationId: 'c1', messageId: 'r1', message_body: 'ACME closed up 2.1% today on strong earnings.', role: 'agent' }]])
  })

  test('status applies to any role: a pending user message is sent when it completes', () => {
    const { analytics, render } = setup()
    const view = render(<TrackedMessage id="u1" role="user" body="Hel" status="pending" />)
    expect(analytics.calls).toEqual([])
    view.rerender(<TrackedMessage id="u1" role="user" body="Hello" status="complete" />)
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
  })

  test('the id that counts is the one the message has when it completes (AI SDK replaces it while streaming)', () => {
    const { analytics, render } = setup()
    const view = render(<TrackedMessage id="client-1" role="assistant" body="Hi" status="streaming" />)
    view.rerender(<TrackedMessage id="server-9" role="assistant" body="Hi there" status="streaming" />)
    view.rerender(<TrackedMessage id="server-9" role="assistant" body="Hi there" status="complete" />)
    expect(tracks(analytics)).toEqual([['Message Received', { conversationId: 'c1', messageId: 'server-9', message_body: 'Hi there', role: 'agent' }]])
  })
})
