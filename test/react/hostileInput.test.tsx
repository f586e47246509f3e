import { act, render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { TrackedMessage, useCopilotAnalytics, useMessageTracking, type CopilotAnalyticsError } from '../../src/entries'
import { setup, tracks } from '../helpers'

// Hostile values through the React layer, under StrictMode: nothing throws out of render or an
// event handler, what cannot be read is reported, and the rest is sent.

const revoked = <T extends object>(target: T = {} as T) => {
  const { proxy, revoke } = Proxy.revocable(target, {})
  revoke()
  return proxy
}
const trapped = () =>
  new Proxy({ plan: 'pro' }, {
    ownKeys() {
      throw new Error('ownKeys trap')
    },
    get() {
      throw new Error('get trap')
    },
  })
const codes = (errors: CopilotAnalyticsError[]) => [...new Set(errors.map((e) => e.code))]

describe('a Proxy as properties (defect 12)', () => {
  test.each([
    ['a revoked Proxy', () => revoked({ plan: 'pro' })],
    ['a Proxy whose traps throw', trapped],
  ])('%s as TrackedMessage properties: rendered, sent, reported', (_, make) => {
    const { analytics, errors, render } = setup()
    const view = render(<TrackedMessage id="m1" role="user" body="hi" properties={make() as never} />)
    expect(view.container.textContent).toBe('hi')
    expect(tracks(analytics)).toEqual([
      ['Conversation Started', { conversationId: 'c1' }],
      ['Message Sent', { conversationId: 'c1', messageId: 'm1', message_body: 'hi', role: 'customer' }],
    ])
    expect(codes(errors)).toEqual(['invalid_property'])
  })

  test('a revoked Proxy as useMessageTracking properties on a streamed reply: sent once when complete, reported', () => {
    const { analytics, errors, Wrapper } = setup()
    function Reply({ status }: { status: string }) {
      useMessageTracking({ id: 'r1', role: 'assistant', body: 'hello', status, properties: revoked() as never })
      return null
    }
    const view = render(<TrackedMessage id="m1" role="user" body="hi" />, { wrapper: Wrapper })
    view.rerender(<><TrackedMessage id="m1" role="user" body="hi" /><Reply status="streaming" /></>)
    view.rerender(<><TrackedMessage id="m1" role="user" body="hi" /><Reply status="complete" /></>)
    const received = tracks(analytics).filter(([event]) => event === 'Message Received')
    expect(received).toHaveLength(1)
    expect(received[0][1]).toMatchObject({ messageId: 'r1', message_body: 'hello', role: 'agent' })
    expect(codes(errors)).toEqual(['invalid_property'])
  })

  test.each([
    ['a revoked Proxy', () => revoked({ plan: 'pro' })],
    ['a Proxy whose traps throw', trapped],
    ['null options', () => ({ plan: 'pro' })],
  ])('useCopilotAnalytics().track() with %s in a click handler: no throw, sent, reported', (name, make) => {
    const { analytics, errors, render } = setup()
    let track!: ReturnType<typeof useCopilotAnalytics>['track']
    function Buy() {
      track = useCopilotAnalytics().track
      return null
    }
    render(<Buy />)
    expect(() => act(() => track('Item Purchased', make() as never, name == 'null options' ? (null as never) : undefined))).not.toThrow()
    expect(tracks(analytics)).toEqual([['Item Purchased', name == 'null options' ? { conversationId: 'c1', plan: 'pro' } : { conversationId: 'c1' }]])
    expect(codes(errors)).toEqual(name == 'null options' ? [] : ['invalid_property'])
  })
})

describe("the provider's properties with a getter that throws (defect 13)", () => {
  test('that property is left out and reported; every event is sent, once, and later ones too', () => {
    let broken = true
    const properties = {
      get page() {
        if (broken) throw new Error('no location')
        return '/chat'
      },
      assistantId: 'bot',
    }
    const { analytics, errors, Wrapper } = setup({ properties })
    const view = render(<TrackedMessage id="m1" role="user" body="hi" />, { wrapper: Wrapper })
    expect(tracks(analytics)).toEqual([
      ['Conversation Started', { conversationId: 'c1', assistantId: 'bot' }],
      ['Message Sent', { conversationId: 'c1', messageId: 'm1', message_body: 'hi', role: 'customer', assistantId: 'bot' }],
    ])
    expect(codes(errors)).toEqual(['invalid_property'])
    expect(errors[0].message).toContain('property "page"')
    broken = false
    view.rerender(<><TrackedMessage id="m1" role="user" body="hi" /><TrackedMessage id="m2" role="assistant" body="hello" /></>)
    expect(tracks(analytics).map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    expect(tracks(analytics)[2][1]).toMatchObject({ messageId: 'm2', page: '/chat', assistantId: 'bot' })
  })

  test('a revoked Proxy as the provider properties: every event sent, reported', () => {
    const { analytics, errors, render } = setup({ properties: revoked() as never })
    render(<TrackedMessage id="m1" role="user" body="hi" />)
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
    expect(codes(errors)).toEqual(['invalid_property'])
  })
})

describe('content parts and other objects as a message body (defect 14)', () => {
  test.each([
    ['OpenAI Chat Completions parts', [{ type: 'text', text: 'Hi ' }, { type: 'image_url', image_url: { url: 'https://x/y.png' } }, { type: 'text', text: 'there' }]],
    ['OpenAI Responses parts', [{ type: 'input_text', text: 'Hi ' }, { type: 'output_text', text: 'there', annotations: [] }]],
    ['OpenAI Assistants parts ({ text: { value } })', [{ type: 'text', text: { value: 'Hi there', annotations: [] } }]],
    ['AI SDK UI message parts (reasoning is not the message)', [{ type: 'reasoning', text: 'thinking...' }, { type: 'text', text: 'Hi there' }]],
    ['a single part', { type: 'text', text: 'Hi there' }],
  ])('%s: rendered and sent as their text', (_, body) => {
    const { analytics, errors, render } = setup()
    const view = render(<TrackedMessage id="m1" role="assistant" body={body as never} />)
    expect(view.container.textContent).toBe('Hi there')
    expect(tracks(analytics)).toEqual([['Message Received', { conversationId: 'c1', messageId: 'm1', message_body: 'Hi there', role: 'agent' }]])
    expect(errors).toEqual([])
  })

  test('React nodes still render as nodes and send their text', () => {
    const { analytics, render } = setup()
    const view = render(<TrackedMessage id="m1" role="assistant" body={<p>Hi <b>there</b>{0}{false}</p>} />)
    expect(view.container.querySelector('b')?.textContent).toBe('there')
    expect(tracks(analytics)[0][1].message_body).toBe('Hi there0')
  })

  test.each([
    ['a plain object', { content: 'Hi' }],
    ['an array holding a plain object', ['Hi', { content: 'there' }]],
    ['a function', () => 'Hi'],
    ['a Symbol', Symbol('Hi')],
    ['a revoked Proxy', revoked()],
    ['a Promise', Promise.resolve('Hi')],
  ])('%s: nothing thrown, nothing of it rendered, the message sent without a body, invalid_property', (_, body) => {
    const { analytics, errors, render } = setup()
    const quiet = console.error
    console.error = () => {} // React's own warning for a function or Symbol child
    try {
      const view = render(<><TrackedMessage id="m1" role="user" body={body as never} /><TrackedMessage id="m2" role="assistant" body="ok" /></>)
      expect(view.container.textContent).toBe('ok')
    } finally {
      console.error = quiet
    }
    expect(tracks(analytics)).toEqual([
      ['Conversation Started', { conversationId: 'c1' }],
      ['Message Sent', { conversationId: 'c1', messageId: 'm1', role: 'customer' }],
      ['Message Received', { conversationId: 'c1', messageId: 'm2', message_body: 'ok', role: 'agent' }],
    ])
    expect(codes(errors)).toEqual(['invalid_property'])
    expect(errors[0].message).toContain('Message "m1", its body')
  })

  test('a role that is an object or a revoked Proxy: missing_role, nothing thrown, the rest sent', () => {
    const { analytics, errors, render } = setup()
    render(<><TrackedMessage id="m1" role={{ name: 'user' } as never} body="a" /><TrackedMessage id="m2" role={revoked() as never} body="b" /><TrackedMessage id="m3" role="user" body="c" /></>)
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
    expect(codes(errors)).toEqual(['missing_role'])
  })
})
