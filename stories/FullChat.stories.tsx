import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { CopilotEventLog } from '../src/entries/devtools'
import { ChatDemo } from './demo/ChatDemo'
import { demoLoaders, demoOf, useDemo } from './demo/demoAnalytics'
import { DemoPage } from './demo/Layout'

interface Args {
  /** Milliseconds between streamed words. */
  tokenDelayMs: number
}

const meta: Meta<Args> = {
  title: 'Demos/Full chat',
  loaders: demoLoaders,
  args: { tokenDelayMs: 35 },
  argTypes: { tokenDelayMs: { control: { type: 'range', min: 0, max: 200, step: 5 } } },
  render: (args, { loaded }) => <FullChatPage {...args} loaded={loaded} />,
}
export default meta
type Story = StoryObj<Args>

function FullChatPage({ tokenDelayMs, loaded }: Args & { loaded?: Record<string, unknown> }) {
  const demo = useDemo(loaded)
  return (
    <DemoPage
      columns="minmax(360px, 1fr) minmax(320px, 1fr)"
      hint={
        <>
          type a message and press Enter, or pick a suggestion: the reply streams word by word and Message Received
          arrives only once it is complete. Ask for ACME's stock (a chart: Component Loaded), to draw a sunset (Media
          Generated) or where your order is (a tool call: Action Invoked). Each reply carries its model and token counts (on
          Message Received). Copy a reply (Message Copied), regenerate the last one (Reply Regenerated), edit one of your
          messages (Message Edited). Rate replies with thumbs up or down (after a thumbs down, give a reason and a comment),
          rate the chat with stars, then End chat. Each call appears on the right as it is sent.
        </>
      }
    >
      <ChatDemo demo={demo} conversationId={demo.conversationId} tokenDelayMs={tokenDelayMs} signals />
      <CopilotEventLog recorder={demo.recorder} />
    </DemoPage>
  )
}

/** The whole copilot chat with the live event log beside it. Nothing is scripted: chat with it. */
export const FullChat: Story = {
  parameters: { docs: { description: { story: 'Chat with a simulated copilot and watch every analytics event appear in the log.' } } },
}

/**
 * The same chat, driven by its play function: every kind of event, and the exact calls each
 * interaction produces (open the Interactions panel to step through it).
 */
export const GuidedTour: Story = {
  args: { tokenDelayMs: 5 },
  play: async ({ canvasElement, loaded }) => {
    const { recorder, conversationId } = demoOf({ loaded })
    const canvas = within(canvasElement)
    const tracks = () => recorder.calls.flatMap((c) => (c.type === 'track' ? [c] : []))
    const names = () => recorder.events()
    const replied = (n: number) => waitFor(() => expect(names().filter((e) => e === 'Message Received')).toHaveLength(n), { timeout: 5000 })

    // Mounting sends only the Identify for the signed-in user.
    await expect(recorder.calls).toEqual([{ type: 'identify', userId: 'demo-user', traits: { plan: 'demo' } }])

    await userEvent.type(canvas.getByLabelText('Message'), "Show me ACME's stock price{Enter}")
    await expect(names()).toEqual(['Conversation Started', 'Message Sent'])
    await expect(tracks()[1].properties).toEqual({ conversationId, messageId: 'u1', message_body: "Show me ACME's stock price", role: 'customer' })
    // Streaming: nothing more until the reply is complete, then the reply and its chart, in that order.
    await replied(1)
    await waitFor(() => expect(names().slice(2)).toEqual(['Message Received', 'Component Loaded']))
    await expect(tracks()[3].properties).toEqual({ conversationId, messageId: 'a1', type: 'Stock Price Chart' })
    await expect(canvas.getByRole('img', { name: 'ACME share price chart' })).toBeTruthy()

    await userEvent.click(canvas.getByText('Draw me a sunset'))
    await replied(2)
    await waitFor(() => expect(names().slice(-3)).toEqual(['Message Sent', 'Message Received', 'Media Generated']))
    await expect(tracks().at(-1)!.properties).toEqual({ conversationId, messageId: 'a2', type: 'image', sub_type: 'svg', role: 'agent' })

    await userEvent.click(canvas.getByText('Where is my order?'))
    await replied(3)
    // The tool runs before the answer is written, so its Action Invoked precedes Message Received.
    await expect(names().slice(-3)).toEqual(['Message Sent', 'Action Invoked', 'Message Received'])
    await expect(tracks().at(-2)!.properties).toEqual({ conversationId, messageId: 'a3', type: 'Order Lookup', action: 'look up order status', role: 'agent' })

    // Thumbs up on the first reply, the same again (sent once), then a change of mind (sent again).
    const firstReply = within(canvas.getAllByRole('listitem', { name: 'Copilot' })[0])
    await userEvent.click(firstReply.getByLabelText('Thumbs up'))
    await userEvent.click(firstReply.getByLabelText('Thumbs up'))
    await userEvent.click(firstReply.getByLabelText('Thumbs down'))
    await expect(tracks().slice(-2).map((c) => c.properties)).toEqual([
      { conversationId, messageId: 'a1', rating: 1 },
      { conversationId, messageId: 'a1', rating: 0 },
    ])
    await userEvent.click(canvas.getByLabelText('4 stars'))
    await expect(tracks().at(-1)!.properties).toEqual({ conversationId, rating: 4 })

    await userEvent.click(canvas.getByText('End chat'))
    await expect(tracks().at(-1)).toEqual({ type: 'track', event: 'Conversation Ended', properties: { conversationId, message_count: 6 } })
    await expect(canvas.getByLabelText('Message')).toBeDisabled()
    await expect(names().filter((e) => e === 'Conversation Started')).toHaveLength(1)

    // The log shows what the recorder holds.
    const log = within(canvas.getByRole('log', { name: 'Recorded calls' }))
    await expect(log.getAllByRole('listitem')).toHaveLength(recorder.calls.length)

    // New chat: a new conversation id, started by its own first message.
    await userEvent.click(canvas.getByText('New chat'))
    await userEvent.type(canvas.getByLabelText('Message'), 'Hi again{Enter}')
    const [started, sent] = tracks().slice(-2)
    await expect(started.event).toBe('Conversation Started')
    await expect(started.properties.conversationId).not.toBe(conversationId)
    await expect(sent.properties).toEqual({ conversationId: started.properties.conversationId, messageId: 'u1', message_body: 'Hi again', role: 'customer' })
  },
}

/**
 * The LLM signals, driven by a play function: a reply's model and tokens on Message Received, copy
 * (twice: two copies), regenerate, a thumbs down with a reason and a comment, and an edit.
 */
export const LlmSignalsTour: Story = {
  args: { tokenDelayMs: 5 },
  play: async ({ canvasElement, loaded }) => {
    const { recorder, conversationId } = demoOf({ loaded })
    const canvas = within(canvasElement)
    const tracks = () => recorder.calls.flatMap((c) => (c.type === 'track' ? [c] : []))
    const last = (event: string) => tracks().filter((c) => c.event === event).at(-1)!.properties
    const replies = () => tracks().filter((c) => c.event === 'Message Received').length

    await userEvent.type(canvas.getByLabelText('Message'), 'Where is my order?{Enter}')
    await waitFor(() => expect(replies()).toBe(1), { timeout: 5000 })
    // The reply's metadata, as a server would attach it: model, provider, tokens, finish reason, trace id.
    await expect(last('Message Received')).toMatchObject({
      messageId: 'a1',
      model: 'copilot-demo-1',
      provider: 'simulated',
      input_tokens: 5,
      finish_reason: 'stop',
      trace_id: 'trace-a1',
    })
    const figures = last('Message Received')
    await expect(figures.total_tokens).toBe((figures.input_tokens as number) + (figures.output_tokens as number))
    await expect(canvas.getByTestId('reply-figures').textContent).toContain('copilot-demo-1')

    // A copy clicked twice is two copies.
    await userEvent.click(canvas.getByText('Copy'))
    await userEvent.click(canvas.getByText('Copy'))
    await expect(recorder.events().slice(-2)).toEqual(['Message Copied', 'Message Copied'])
    await expect(last('Message Copied')).toEqual({ conversationId, messageId: 'a1' })

    // Regenerate: the event names the reply it replaces; the new reply is a Message Received of its own.
    await userEvent.click(canvas.getByText('Regenerate'))
    await expect(last('Reply Regenerated')).toEqual({ conversationId, messageId: 'a1' })
    await waitFor(() => expect(replies()).toBe(2), { timeout: 5000 })
    await expect(last('Message Received')).toMatchObject({ messageId: 'a2', model: 'copilot-demo-1' })

    // Thumbs down, then a reason and a comment: the same rating again, as an update.
    await userEvent.click(canvas.getByLabelText('Thumbs down'))
    await userEvent.click(canvas.getByText('inaccurate'))
    await userEvent.type(canvas.getByLabelText('Comment'), 'Wrong date')
    await userEvent.click(canvas.getByText('Send feedback'))
    await expect(tracks().filter((c) => c.event === 'Feedback Submitted').map((c) => c.properties)).toEqual([
      { conversationId, messageId: 'a2', rating: 0 },
      { conversationId, messageId: 'a2', rating: 0, reason: 'inaccurate', comment: 'Wrong date' },
    ])

    // Edit the question: Message Edited for it, then the new message and its answer.
    await userEvent.click(canvas.getByText('Edit'))
    await userEvent.clear(canvas.getByLabelText('Message'))
    await userEvent.type(canvas.getByLabelText('Message'), 'Where is order A-1042?{Enter}')
    await expect(last('Message Edited')).toEqual({ conversationId, messageId: 'u1' })
    await waitFor(() => expect(replies()).toBe(3), { timeout: 5000 })
    // (An order question runs the order-lookup tool first: Action Invoked.)
    await expect(recorder.events().slice(-4)).toEqual(['Message Edited', 'Message Sent', 'Action Invoked', 'Message Received'])
    await expect(last('Message Sent')).toMatchObject({ messageId: 'u3', message_body: 'Where is order A-1042?' })

    // The log shows the model and token figures with the reply.
    const log = within(canvas.getByRole('log', { name: 'Recorded calls' }))
    await expect(log.getAllByText(/copilot-demo-1/).length).toBeGreaterThan(0)
  },
}
