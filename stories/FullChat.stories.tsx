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
          Generated) or where your order is (a tool call: Action Invoked). Rate replies with thumbs up or down, rate the chat with
          stars, then End chat. Each call appears on the right as it is sent.
        </>
      }
    >
      <ChatDemo demo={demo} conversationId={demo.conversationId} tokenDelayMs={tokenDelayMs} />
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
