import { StrictMode, useEffect, useRef, type ReactNode } from 'react'
import { act, render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import {
  CopilotAnalyticsProvider,
  TrackedMessage,
  useActionTracking,
  useComponentTracking,
  useCopilotAnalytics,
  useFeedback,
  useMediaTracking,
  type AnalyticsClient,
  type CopilotAnalyticsError,
  type CopilotAnalyticsErrorCode,
  type CopilotAnalyticsProviderProps,
  type CopilotSpec,
} from '../../src/entries'
import { createMemoryAnalytics, type MemoryAnalytics } from '../../src/entries/testing'
import { segmentCopilot } from '../../src/entries/core'
import { getDefaultKeyStore } from '../../src/core/keyStore'

// Each row is one kind of hostile or broken input. For every row: nothing throws into the host app,
// onError receives exactly the listed stable codes with a message that says what to change, and
// whatever is still valid is sent (checked by `sent`).

interface Harness {
  analytics: MemoryAnalytics
  errors: CopilotAnalyticsError[]
  /** Renders children under a StrictMode provider (conversation "c1", onError collected). */
  mount(children: ReactNode, props?: Partial<CopilotAnalyticsProviderProps>): ReturnType<typeof render>
  /** Track-call properties by event name, in order. */
  props(event: string): Record<string, unknown>[]
}

interface Case {
  name: string
  run(h: Harness): void | Promise<void>
  /** The distinct error codes onError must receive (StrictMode may report one input twice). */
  codes?: CopilotAnalyticsErrorCode[]
  /** What the error message must say (what to change). */
  hint?: RegExp
  sent(h: Harness): void
}

const Msg = (props: { id: unknown; role?: unknown; body?: unknown; status?: string; properties?: unknown }) => (
  <TrackedMessage {...(props as any)} role={(props.role ?? 'assistant') as string} />
)
const ok = <Msg id="ok" role="user" body="still sent" />
const expectOkSent = (h: Harness) => expect(h.props('Message Sent')).toContainEqual(expect.objectContaining({ messageId: 'ok', message_body: 'still sent' }))

function Rate({ rating, scale, messageId = 'ok' }: { rating: unknown; scale?: number; messageId?: unknown }) {
  const { submit } = useFeedback(messageId as string, { scale })
  useEffect(() => submit(rating as number), [submit, rating])
  return null
}
function Custom({ event, properties, messageId }: { event: unknown; properties?: unknown; messageId?: unknown }) {
  const { track } = useCopilotAnalytics()
  const done = useRef(false) // custom events are not deduplicated: send once despite StrictMode's second effect
  useEffect(() => {
    if (!done.current) track(event as string, properties as never, { messageId: messageId as string })
    done.current = true
  }, [track, event, properties, messageId])
  return null
}
function Action({ id = 'a1', ...props }: { type: unknown; action: unknown; id?: unknown }) {
  const actions = useActionTracking()
  useEffect(() => actions.track({ ...(props as { type: string; action: string }), id: id as string }), [actions, props, id])
  return null
}
function Media({ type, id = 'g1', messageId }: { type: unknown; id?: unknown; messageId?: unknown }) {
  const media = useMediaTracking()
  useEffect(() => media.track({ type: type as string, id: id as string, messageId: messageId as string }), [media, type, id, messageId])
  return null
}
function Component({ messageId }: { messageId: unknown }) {
  useComponentTracking('Chart', { messageId: messageId as string })
  return null
}

const client = (parts: Partial<Record<'track' | 'identify', (...args: unknown[]) => unknown>>) => parts as unknown as AnalyticsClient
const flush = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)))

const badId = (name: string, id: unknown): Case => ({
  name: `message id ${name}`,
  run: (h) => void h.mount(<>{ok}<Msg id={id} body="lost" /></>),
  codes: ['missing_message_id'],
  hint: /message needs a non-empty string id/,
  sent: (h) => {
    expectOkSent(h)
    expect(h.props('Message Received')).toEqual([])
  },
})
const badRating = (name: string, rating: unknown, scale?: number): Case => ({
  name: `rating ${name}`,
  run: (h) => void h.mount(<>{ok}<Rate rating={rating} scale={scale} /></>),
  codes: ['invalid_rating'],
  hint: /A rating.* needs a finite number/,
  sent: (h) => {
    expectOkSent(h)
    expect(h.props('Feedback Submitted')).toEqual([])
  },
})
const badProperty = (name: string, value: unknown, hint: RegExp, kept?: unknown): Case => ({
  name: `custom property ${name}`,
  run: (h) => void h.mount(<>{ok}<Custom event="Item Purchased" properties={{ value, itemId: 'i1' }} /></>),
  codes: ['invalid_property'],
  hint,
  sent: (h) => {
    expectOkSent(h)
    expect(h.props('Item Purchased')).toEqual([{ conversationId: 'c1', itemId: 'i1', ...(kept === undefined ? {} : { value: kept }) }])
  },
})
const cyclic: Record<string, unknown> = { name: 'loop' }
cyclic.self = cyclic

const cases: Case[] = [
  badId('missing', undefined),
  badId('empty', ''),
  badId('a number', 42),
  badId('null', null),
  badId('an object', { id: 'm1' }),
  badId('NaN', NaN),
  badId('an object without a prototype (String() throws on it)', Object.create(null)),
  badId('a Symbol', Symbol('id')),
  {
    name: 'role missing on a message whose id is a BigInt (JSON.stringify throws on it)',
    run: (h) => void h.mount(<>{ok}<TrackedMessage {...({ id: 10n, body: 'x' } as any)} /></>),
    codes: ['missing_role'],
    hint: /Message 10 needs a role/,
    sent: expectOkSent,
  },
  {
    name: 'role missing on a message with a 1 MB id: the error message stays short',
    run: (h) => void h.mount(<>{ok}<TrackedMessage {...({ id: 'x'.repeat(1 << 20), body: 'x' } as any)} /></>),
    codes: ['missing_role'],
    hint: /^.{0,400}$/,
    sent: expectOkSent,
  },
  {
    name: 'message id very long (10,000 characters): sent intact, once',
    run: (h) => void h.mount(<Msg id={'x'.repeat(10_000)} body="long id" />),
    sent: (h) => expect(h.props('Message Received')).toEqual([expect.objectContaining({ messageId: 'x'.repeat(10_000) })]),
  },
  {
    name: 'message id of 100,000 characters: too large for Segment, the id is left out and reported',
    run: (h) => void h.mount(<Msg id={'x'.repeat(100_000)} body="huge id" />),
    codes: ['event_too_large'],
    hint: /was over 32 KB.*send large data by reference; got "messageId"/,
    sent: (h) => expect(h.props('Message Received')).toEqual([{ conversationId: 'c1', message_body: 'huge id', role: 'agent' }]),
  },
  {
    name: 'role missing',
    run: (h) => void h.mount(<>{ok}<TrackedMessage {...({ id: 'm9', body: 'x' } as any)} /></>),
    codes: ['missing_role'],
    hint: /needs a role: "user" or "customer"/,
    sent: expectOkSent,
  },
  {
    name: 'role not a string',
    run: (h) => void h.mount(<>{ok}<Msg id="m9" role={7} body="x" /></>),
    codes: ['missing_role'],
    hint: /needs a role/,
    sent: expectOkSent,
  },
  badRating('NaN', NaN),
  badRating('Infinity', Infinity),
  badRating('-Infinity', -Infinity),
  badRating('negative with a scale', -1, 5),
  badRating('above the scale', 6, 5),
  badRating('a string', '5'),
  badRating('a boolean', true),
  badRating('null', null),
  {
    name: 'rating negative without a scale (a thumbs-down -1) is valid',
    run: (h) => void h.mount(<>{ok}<Rate rating={-1} /></>),
    sent: (h) => expect(h.props('Feedback Submitted')).toEqual([{ conversationId: 'c1', messageId: 'ok', rating: -1 }]),
  },
  {
    name: 'feedback on an empty message id',
    run: (h) => void h.mount(<>{ok}<Rate rating={1} messageId="" /></>),
    codes: ['missing_message_id'],
    hint: /Feedback's message needs a non-empty string id/,
    sent: expectOkSent,
  },
  {
    name: 'a 1 MB body is cut to 16 KB at a character boundary and flagged',
    run: (h) => void h.mount(<Msg id="big" body={'ab€'.repeat(210_000)} />),
    sent: (h) => {
      const [sent] = h.props('Message Received')
      expect(new TextEncoder().encode(sent.message_body as string).length).toBeLessThanOrEqual(16384)
      expect(sent.message_body_truncated).toBe(true)
      expect(('ab€'.repeat(210_000) as string).startsWith(sent.message_body as string)).toBe(true)
    },
  },
  {
    name: 'a body that is a React element is sent as its text',
    run: (h) => void h.mount(<Msg id="el" body={<p>Hello <b>world</b>, {3} items{null}{false}</p>} />),
    sent: (h) => expect(h.props('Message Received')).toEqual([expect.objectContaining({ message_body: 'Hello world, 3 items' })]),
  },
  {
    name: 'a body that is an array of nodes and a component element',
    run: (h) => {
      const Opaque = () => <span>hidden</span>
      h.mount(<Msg id="arr" body={['a', <i key="1">b</i>, 7, <Opaque key="2" />]} />)
    },
    sent: (h) => expect(h.props('Message Received')).toEqual([expect.objectContaining({ message_body: 'ab7' })]),
  },
  {
    name: 'a body that is a number',
    run: (h) => void h.mount(<Msg id="num" body={42} />),
    sent: (h) => expect(h.props('Message Received')).toEqual([expect.objectContaining({ message_body: '42' })]),
  },
  {
    name: 'a body with lone surrogates and emoji',
    run: (h) => void h.mount(<Msg id="odd" body={'\uD800x🌍\uDFFF'} />),
    sent: (h) => expect(h.props('Message Received')).toHaveLength(1),
  },
  badProperty('cyclic (only the link back is left out)', cyclic, /property "value", is not JSON data \(a cycle.*so it was left out and the rest sent.*; got \[object Object\] \(object\)/, { name: 'loop' }),
  badProperty('a function', () => 1, /property "value", is not JSON data.*pass strings, finite numbers, booleans, arrays or plain objects; got \(\) => 1 \(function\)/),
  badProperty('a Symbol', Symbol('s'), /property "value", is not JSON data.*; got Symbol\(s\) \(symbol\)/),
  badProperty('a BigInt', 10n, /property "value", is not JSON data.*; got 10 \(bigint\)/),
  badProperty('NaN', NaN, /property "value", is not JSON data.*; got NaN \(number\)/),
  {
    name: 'custom property a Date is sent as an ISO string',
    run: (h) => void h.mount(<Custom event="Booked" properties={{ at: new Date(Date.UTC(2026, 0, 2)) }} />),
    sent: (h) => expect(h.props('Booked')).toEqual([{ conversationId: 'c1', at: '2026-01-02T00:00:00.000Z' }]),
  },
  {
    name: 'custom property undefined is omitted (never sent as undefined or null)',
    run: (h) => void h.mount(<Custom event="Booked" properties={{ at: undefined, list: [undefined, 1] }} />),
    sent: (h) => expect(h.props('Booked')).toEqual([{ conversationId: 'c1', list: [null, 1] }]),
  },
  {
    name: 'a provider property that is a function is reported per event, the events still sent',
    run: (h) => void h.mount(ok, { properties: { plan: 'pro', callback: () => {} } }),
    codes: ['invalid_property'],
    hint: /property "callback", is not JSON data/,
    sent: (h) => expect(h.props('Message Sent')).toEqual([expect.objectContaining({ plan: 'pro', messageId: 'ok' })]),
  },
  {
    name: 'custom event name empty',
    run: (h) => void h.mount(<>{ok}<Custom event="" /></>),
    codes: ['missing_event_name'],
    hint: /track\(\) needs a non-empty event name/,
    sent: expectOkSent,
  },
  {
    name: 'custom event name not a string',
    run: (h) => void h.mount(<>{ok}<Custom event={{ name: 'x' }} /></>),
    codes: ['missing_event_name'],
    hint: /needs a non-empty event name/,
    sent: expectOkSent,
  },
  {
    name: 'action without a type',
    run: (h) => void h.mount(<>{ok}<Action type="" action="check" /></>),
    codes: ['missing_type'],
    hint: /needs a non-empty string type/,
    sent: (h) => {
      expectOkSent(h)
      expect(h.props('Action Invoked')).toEqual([])
    },
  },
  {
    name: 'action without an action',
    run: (h) => void h.mount(<>{ok}<Action type="Inventory" action={undefined} /></>),
    codes: ['missing_action'],
    hint: /needs a non-empty string action/,
    sent: expectOkSent,
  },
  {
    name: 'media with a non-string type',
    run: (h) => void h.mount(<>{ok}<Media type={5} /></>),
    codes: ['missing_type'],
    hint: /needs a non-empty string type/,
    sent: expectOkSent,
  },
  {
    name: 'action with a Symbol id',
    run: (h) => void h.mount(<>{ok}<Action type="Inventory" action="check" id={Symbol('a')} /></>),
    codes: ['invalid_id'],
    hint: /An action's id needs a non-empty string id when one is given.*; got Symbol\(a\)/,
    sent: (h) => {
      expectOkSent(h)
      expect(h.props('Action Invoked')).toEqual([])
    },
  },
  {
    name: 'media with an object id that cannot become a string',
    run: (h) => void h.mount(<>{ok}<Media type="image" id={Object.create(null)} /></>),
    codes: ['invalid_id'],
    hint: /Generated media's id needs a non-empty string id when one is given.*; got \? \(object\)/,
    sent: expectOkSent,
  },
  {
    name: 'media with a Symbol messageId',
    run: (h) => void h.mount(<>{ok}<Media type="image" messageId={Symbol('m')} /></>),
    codes: ['missing_message_id'],
    hint: /'s messageId needs a non-empty string id/,
    sent: expectOkSent,
  },
  {
    name: 'component with a Symbol messageId',
    run: (h) => void h.mount(<>{ok}<Component messageId={Symbol('m')} /></>),
    codes: ['missing_message_id'],
    hint: /A component's messageId needs a non-empty string id/,
    sent: (h) => {
      expectOkSent(h)
      expect(h.props('Component Loaded')).toEqual([])
    },
  },
  {
    name: 'feedback on a Symbol messageId (useFeedback reads it while rendering)',
    run: (h) => void h.mount(<>{ok}<Rate rating={1} messageId={Symbol('m')} /></>),
    codes: ['missing_message_id'],
    hint: /Feedback's message needs a non-empty string id/,
    sent: (h) => {
      expectOkSent(h)
      expect(h.props('Feedback Submitted')).toEqual([])
    },
  },
  {
    name: 'custom event with a number messageId',
    run: (h) => void h.mount(<>{ok}<Custom event="Clicked" properties={{}} messageId={7} /></>),
    codes: ['missing_message_id'],
    hint: /Event "Clicked"'s messageId needs a non-empty string id.*; got 7 \(number\)/,
    sent: (h) => {
      expectOkSent(h)
      expect(h.props('Clicked')).toEqual([])
    },
  },
  {
    name: 'conversationId a Symbol: a generated id is used, everything sent',
    run: (h) => void h.mount(ok, { conversationId: Symbol('c') as never }),
    codes: ['invalid_id'],
    hint: /conversationId prop needs a non-empty string id.*replaced by a generated one; got Symbol/,
    sent: (h) => expect(h.props('Message Sent')).toEqual([expect.objectContaining({ conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/), messageId: 'ok' })]),
  },
  {
    name: 'conversationId an object: not "[object Object]" (which every object would share)',
    run: (h) => void h.mount(ok, { conversationId: { id: 1 } as never }),
    codes: ['invalid_id'],
    hint: /conversationId prop needs a non-empty string id.*; got \[object Object\] \(object\)/,
    sent: (h) => expect(h.props('Message Sent')).toEqual([expect.objectContaining({ conversationId: expect.stringMatching(/^[0-9a-f-]{36}$/) })]),
  },
  {
    name: 'conversationId a number is sent as a string',
    run: (h) => void h.mount(ok, { conversationId: 42 as never }),
    sent: (h) => expect(h.props('Message Sent')).toEqual([expect.objectContaining({ conversationId: '42' })]),
  },
  {
    name: 'a client without track',
    run: (h) => {
      const identified: unknown[] = []
      h.mount(ok, { analytics: client({ identify: (...args) => void identified.push(args) }), userId: 'u1' })
      expect(identified).toHaveLength(1)
    },
    codes: ['client_error'],
    hint: /on "(Conversation Started|Message Sent)", failed, so the event was not delivered: pass an AnalyticsBrowser or any object with track\(\) and identify\(\)/,
    sent: () => {},
  },
  {
    name: 'a client that is an empty object',
    run: (h) => void h.mount(ok, { analytics: {} as AnalyticsClient }),
    codes: ['client_error'],
    hint: /pass an AnalyticsBrowser or any object with track\(\) and identify\(\)/,
    sent: () => {},
  },
  {
    name: 'a client whose track throws: every event still attempted in order',
    run: (h) => {
      const attempted: unknown[] = []
      h.mount(<>{ok}<Msg id="m2" body="b" /></>, { analytics: client({ track: (e) => { attempted.push(e); throw new Error('blocked') }, identify() {} }) })
      expect(attempted).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    },
    codes: ['client_error'],
    hint: /not delivered.*; got blocked/,
    sent: () => {},
  },
  {
    name: 'a client whose track throws a non-Error (a Symbol)',
    run: (h) => void h.mount(ok, { analytics: client({ track: () => { throw Symbol('odd') }, identify() {} }) }),
    codes: ['client_error'],
    hint: /Symbol\(odd\)/,
    sent: () => {},
  },
  {
    name: 'a client that rejects',
    run: async (h) => {
      h.mount(ok, { analytics: client({ track: () => Promise.reject(new Error('offline')), identify: () => Promise.resolve() }) })
      await flush()
    },
    codes: ['client_error'],
    hint: /not delivered.*; got offline/,
    sent: () => {},
  },
  {
    name: 'a client that never resolves: later events still go out',
    run: async (h) => {
      const seen: unknown[] = []
      h.mount(<>{ok}<Msg id="m2" body="b" /></>, { analytics: client({ track: (e) => (seen.push(e), new Promise(() => {})), identify: () => new Promise(() => {}) }) })
      await flush()
      expect(seen).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    },
    sent: () => {},
  },
  {
    name: 'a client whose identify throws: track calls still sent',
    run: (h) => void h.mount(ok, { analytics: Object.assign(h.analytics, { identify: () => { throw new Error('no identify') } }), userId: 'u1' }),
    codes: ['client_error'],
    hint: /on "Identify", failed/,
    sent: expectOkSent,
  },
  {
    name: 'analytics switching at runtime: later events go to the new client, none twice',
    run: (h) => {
      const second = createMemoryAnalytics()
      const view = h.mount(ok)
      const ui = (analytics: AnalyticsClient, more: ReactNode) => (
        <StrictMode>
          <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(e) => h.errors.push(e)}>
            {ok}
            {more}
          </CopilotAnalyticsProvider>
        </StrictMode>
      )
      view.rerender(ui(second, <Msg id="m2" body="after switch" />))
      expect(second.events()).toEqual(['Message Received'])
    },
    sent: (h) => expect(h.analytics.events()).toEqual(['Conversation Started', 'Message Sent']),
  },
  {
    name: 'an onError that throws never reaches the app',
    run: (h) => {
      render(
        <StrictMode>
          <CopilotAnalyticsProvider analytics={h.analytics} conversationId="c1" onError={() => { throw new Error('bad handler') }}>
            {ok}
            <Msg id="" body="x" />
          </CopilotAnalyticsProvider>
        </StrictMode>,
      )
    },
    sent: expectOkSent,
  },
  {
    name: 'a spec that throws: spec_error, the other spec still sends',
    run: (h) => {
      const broken: CopilotSpec = { name: 'broken', map: () => { throw new Error('bad map') } }
      h.mount(ok, { spec: [broken, segmentCopilot] })
    },
    codes: ['spec_error'],
    hint: /spec "broken", on "(identify|conversation_started|message_sent)", threw/,
    sent: expectOkSent,
  },
  {
    name: 'a redact function that throws: the string is left out, never sent unredacted',
    run: (h) => void h.mount(ok, { privacy: { redact: () => { throw new Error('regex') } } }),
    codes: ['redact_error'],
    hint: /property "\w+", was not redacted \(redact threw or did not return a string\), so it was left out/,
    sent: (h) => expect(JSON.stringify(h.analytics.calls)).not.toContain('still sent'),
  },
  {
    name: 'the same conversation id in two providers: each event once in all',
    run: (h) => {
      const other = createMemoryAnalytics()
      h.mount(ok)
      render(
        <StrictMode>
          <CopilotAnalyticsProvider analytics={other} conversationId="c1">
            {ok}
            <Msg id="m2" body="b" />
          </CopilotAnalyticsProvider>
        </StrictMode>,
      )
      expect(other.events()).toEqual(['Message Received'])
    },
    sent: (h) => expect(h.analytics.events()).toEqual(['Conversation Started', 'Message Sent']),
  },
  {
    name: 'unmount in the middle of streaming: nothing sent; the completed message later once',
    run: (h) => {
      const view = h.mount(<Msg id="s1" body="Hel" status="streaming" />)
      view.unmount()
      expect(h.analytics.calls).toEqual([])
      h.mount(<Msg id="s1" body="Hello there" status="complete" />)
    },
    sent: (h) => expect(h.props('Message Received')).toEqual([expect.objectContaining({ messageId: 's1', message_body: 'Hello there' })]),
  },
  {
    name: 'a message whose id changes while streaming (AI SDK): only the final id is sent, once',
    run: (h) => {
      const ui = (id: string, body: string, status: string) => (
        <StrictMode>
          <CopilotAnalyticsProvider analytics={h.analytics} conversationId="c1" onError={(e) => h.errors.push(e)}>
            <Msg key="only" id={id} body={body} status={status} />
          </CopilotAnalyticsProvider>
        </StrictMode>
      )
      const view = render(ui('tmp-1', 'He', 'streaming'))
      view.rerender(ui('tmp-1', 'Hello', 'streaming'))
      view.rerender(ui('msg-final', 'Hello world', 'streaming'))
      view.rerender(ui('msg-final', 'Hello world!', 'complete'))
      view.rerender(ui('msg-final', 'Hello world!', 'complete'))
    },
    sent: (h) => expect(h.props('Message Received')).toEqual([{ conversationId: 'c1', messageId: 'msg-final', message_body: 'Hello world!', role: 'agent' }]),
  },
  {
    name: 'thousands of messages: each once, memory bounded',
    run: (h) => {
      const messages = Array.from({ length: 3000 }, (_, i) => <Msg key={i} id={'m' + i} role={i % 2 ? 'assistant' : 'user'} body={'text ' + i} />)
      const view = h.mount(messages)
      view.rerender(
        <StrictMode>
          <CopilotAnalyticsProvider analytics={h.analytics} conversationId="c1">{messages}</CopilotAnalyticsProvider>
        </StrictMode>,
      )
      const store = getDefaultKeyStore()
      expect(store.size).toBeLessThanOrEqual(store.limit)
    },
    sent: (h) => {
      expect(h.analytics.events()).toHaveLength(3001)
      expect(new Set(h.analytics.calls.map((c) => JSON.stringify(c))).size).toBe(3001)
    },
  },
  {
    name: 'sessionStorage that throws on write (quota): events still sent once',
    run: (h) => {
      const original = Storage.prototype.setItem
      Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError') }
      try {
        h.mount(<>{ok}{ok}</>)
      } finally {
        Storage.prototype.setItem = original
      }
    },
    sent: (h) => expect(h.analytics.events()).toEqual(['Conversation Started', 'Message Sent']),
  },
]

describe(`hostile and broken input (${cases.length} cases)`, () => {
  test('the table has at least 40 cases', () => expect(cases.length).toBeGreaterThanOrEqual(40))

  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const analytics = createMemoryAnalytics()
    const errors: CopilotAnalyticsError[] = []
    const h: Harness = {
      analytics,
      errors,
      mount: (children, props) =>
        render(
          <StrictMode>
            <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(e) => errors.push(e)} {...props}>
              {children}
            </CopilotAnalyticsProvider>
          </StrictMode>,
        ),
      props: (event) => analytics.calls.flatMap((call) => (call.type === 'track' && call.event === event ? [call.properties] : [])),
    }
    await c.run(h)
    expect([...new Set(errors.map((e) => e.code))]).toEqual(c.codes ?? [])
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error)
      expect(error.message).toMatch(/^\[react-copilot-analytics\] /)
      expect(error.message).toMatch(c.hint!)
    }
    c.sent(h)
  })
})
