import { useMemo, useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { CopilotAnalyticsProvider, TrackedMessage, useFeedback, type AnalyticsClient, type CopilotAnalyticsError } from '../src/entries'
import { CopilotEventLog, teeAnalytics, type MemoryAnalytics } from '../src/entries/devtools'
import { demoLoaders, demoOf, useDemo } from './demo/demoAnalytics'
import { DemoPage } from './demo/Layout'

type Failure = 'throws' | 'rejects' | 'none'

/** A client that fails the way real ones do: a synchronous throw, or a rejected promise (a 503). */
function failingClient(failure: Failure): AnalyticsClient {
  const fail = () => {
    if (failure === 'throws') throw new Error('simulated: the client threw')
    if (failure === 'rejects') return Promise.reject(new Error('simulated: HTTP 503 from the collector'))
  }
  return { track: fail, identify: fail }
}

interface Row {
  message: { id: string; role: string; body: string }
}

function BadInput({ onMessage }: { onMessage: (m: Row['message']) => void }) {
  const conversation = useFeedback()
  const stars = useFeedback(undefined, { scale: 5 })
  const [n, setN] = useState(0)
  const button = (label: string, action: () => void) => (
    <button type="button" onClick={action} style={{ padding: '6px 10px', textAlign: 'left' }}>
      {label}
    </button>
  )
  return (
    <div style={{ display: 'grid', gap: 6 }}>
    {button('Send a message', () => (setN(n + 1), onMessage({ id: `m${n + 1}`, role: 'user', body: `Message number ${n + 1}` })))}
    {button('Rate "5" (a string)', () => conversation.submit('5' as unknown as number))}
    {button('Rate 7 on a 5-star scale', () => stars.submit(7))}
    {button('A message with no id', () => onMessage({ id: '', role: 'user', body: 'I have no id' }))}
    {button('A message with no role', () => onMessage({ id: `x${n}`, role: '', body: 'Who said this?' }))}
    </div>
  )
}

function ErrorDemo({ failure, recorder, conversationId }: { failure: Failure; recorder: MemoryAnalytics; conversationId: string }) {
  // The log shows what the app handed the client; the client then fails.
  const analytics = useMemo(() => teeAnalytics(failingClient(failure), recorder), [failure, recorder])
  const [errors, setErrors] = useState<CopilotAnalyticsError[]>([])
  const [messages, setMessages] = useState<Row['message'][]>([])
  return (
    <CopilotAnalyticsProvider analytics={analytics} conversationId={conversationId} onError={(error) => setErrors((list) => [...list, error])}>
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, minHeight: 0, font: '13px/1.45 system-ui, sans-serif' }}>
      <BadInput onMessage={(m) => setMessages((list) => [...list, m])} />
      <div style={{ padding: 8, border: '1px solid #e5e7eb', borderRadius: 8, background: '#fff' }}>
        {messages.map((m, i) => (
          <TrackedMessage key={i} id={m.id} role={m.role} body={m.body} style={{ padding: '2px 0' }} />
        ))}
        {messages.length === 0 && <span style={{ color: '#6b7280' }}>Messages appear here.</span>}
      </div>
      <section aria-label="onError output" style={{ flex: 1, minHeight: 0, overflowY: 'auto', padding: 8, border: '1px solid #fecaca', borderRadius: 8, background: '#fff' }}>
        <strong>onError output</strong> ({errors.length})
        <ol style={{ margin: '6px 0 0', paddingLeft: 20 }}>
          {errors.map((error, i) => (
            <li key={i} data-code={error.code} style={{ marginBottom: 4 }}>
              <code style={{ color: '#b91c1c' }}>{error.code}</code> {error.message}
            </li>
          ))}
        </ol>
      </section>
    </div>
    </CopilotAnalyticsProvider>
  )
}

const meta: Meta<{ failure: Failure }> = {
  title: 'Demos/Error handling',
  loaders: demoLoaders,
  args: { failure: 'throws' },
  argTypes: { failure: { control: 'inline-radio', options: ['throws', 'rejects', 'none'], description: 'How the analytics client fails' } },
  render: (args, { loaded }) => <ErrorPage {...args} loaded={loaded} />,
}
export default meta

function ErrorPage({ failure, loaded }: { failure: Failure; loaded?: Record<string, unknown> }) {
  const demo = useDemo(loaded)
  return (
    <DemoPage
      columns="minmax(360px, 1fr) minmax(320px, 1fr)"
      hint={
        <>
          the analytics client here fails on every call (switch between a throw, a rejected promise and a working
          client with the failure control). Send messages and give bad input: nothing is thrown into the page, each
          problem reaches onError with a stable code and a message saying what to change, and whatever is valid is
          still handed to the client (the log). No call leaves the page in this demo, key or no key.
        </>
      }
    >
      <ErrorDemo key={failure} failure={failure} recorder={demo.recorder} conversationId={demo.conversationId} />
      <CopilotEventLog recorder={demo.recorder} title="Calls handed to the client" />
    </DemoPage>
  )
}

/** The codes onError received, in order (each problem once, StrictMode's double effects included). */
const codes = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll('[data-code]')].map((li) => li.getAttribute('data-code'))

/** The client throws synchronously on every call; bad input is rejected before it. */
export const ThrowingClient: StoryObj<{ failure: Failure }> = {
  play: async ({ canvasElement, loaded }) => {
    const { recorder } = demoOf({ loaded })
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByText('Send a message'))
    // Both calls reached the client and both failures reached onError; the page kept going.
    await expect(recorder.events()).toEqual(['Conversation Started', 'Message Sent'])
    await expect(codes(canvasElement)).toEqual(['client_error', 'client_error'])
    await userEvent.click(canvas.getByText('Rate "5" (a string)'))
    await userEvent.click(canvas.getByText('Rate 7 on a 5-star scale'))
    await userEvent.click(canvas.getByText('A message with no id'))
    await userEvent.click(canvas.getByText('A message with no role'))
    await expect(codes(canvasElement)).toEqual(['client_error', 'client_error', 'invalid_rating', 'invalid_rating', 'missing_message_id', 'missing_role'])
    // Bad input sends nothing; the next good message still goes out.
    await userEvent.click(canvas.getByText('Send a message'))
    await expect(recorder.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Sent'])
    await expect(codes(canvasElement).at(-1)).toBe('client_error')
    await expect(canvasElement.querySelectorAll('[data-code="invalid_rating"]')[1].textContent).toMatch(/0 to 5.*got 7/)
  },
}

/** The client returns a rejected promise (an HTTP failure): reported later, still to onError. */
export const RejectingClient: StoryObj<{ failure: Failure }> = {
  args: { failure: 'rejects' },
  play: async ({ canvasElement, loaded }) => {
    const { recorder } = demoOf({ loaded })
    await userEvent.click(within(canvasElement).getByText('Send a message'))
    await expect(recorder.events()).toEqual(['Conversation Started', 'Message Sent'])
    await waitFor(() => expect(codes(canvasElement)).toEqual(['client_error', 'client_error']))
    await expect(canvasElement.textContent).toContain('HTTP 503')
  },
}

/** A working client, for comparison: the same clicks, only the bad input reaches onError. */
export const WorkingClient: StoryObj<{ failure: Failure }> = {
  args: { failure: 'none' },
  play: async ({ canvasElement, loaded }) => {
    const { recorder } = demoOf({ loaded })
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByText('Send a message'))
    await userEvent.click(canvas.getByText('Rate "5" (a string)'))
    await expect(recorder.events()).toEqual(['Conversation Started', 'Message Sent'])
    await expect(codes(canvasElement)).toEqual(['invalid_rating'])
  },
}
