import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { CopilotEventLog } from '../src/entries/devtools'
import { ChatDemo } from './demo/ChatDemo'
import { demoLoaders, demoOf, useDemo } from './demo/demoAnalytics'
import { DemoPage } from './demo/Layout'

const meta: Meta<{ tokenDelayMs: number }> = {
  title: 'Demos/Two conversations',
  loaders: demoLoaders,
  args: { tokenDelayMs: 35 },
  render: (args, { loaded }) => <TwoConversationsPage {...args} loaded={loaded} />,
}
export default meta

function TwoConversationsPage({ tokenDelayMs, loaded }: { tokenDelayMs: number; loaded?: Record<string, unknown> }) {
  const demo = useDemo(loaded)
  return (
    <DemoPage
      columns="minmax(300px, 1fr) minmax(300px, 1fr) minmax(300px, 1fr)"
      hint={
        <>
          two independent conversations on one page, one client. Chat in both, end one and keep the other going:
          each call in the log carries its own conversationId, each conversation starts and ends once, and its
          message_count counts only its own messages.
        </>
      }
    >
      <ChatDemo demo={demo} conversationId={demo.conversationId} title="Support copilot" tokenDelayMs={tokenDelayMs} />
      <ChatDemo demo={demo} conversationId={demo.secondId} title="Sales copilot" tokenDelayMs={tokenDelayMs} />
      <CopilotEventLog recorder={demo.recorder} />
    </DemoPage>
  )
}

/** Two providers, two conversation ids, one client and one log. */
export const SideBySide: StoryObj<{ tokenDelayMs: number }> = {
  args: { tokenDelayMs: 5 },
  play: async ({ canvasElement, loaded }) => {
    const { recorder, conversationId: left, secondId: right } = demoOf({ loaded })
    const support = within(canvasElement.querySelector<HTMLElement>('section[aria-label="Support copilot"]')!)
    const sales = within(canvasElement.querySelector<HTMLElement>('section[aria-label="Sales copilot"]')!)
    const tracks = () => recorder.calls.flatMap((c) => (c.type === 'track' ? [c] : []))
    const of = (id: string) => tracks().filter((c) => c.properties.conversationId === id)

    await userEvent.type(support.getByLabelText('Message'), 'Hello{Enter}')
    await userEvent.type(sales.getByLabelText('Message'), 'Where is my order?{Enter}')
    await waitFor(() => expect(recorder.events().filter((e) => e === 'Message Received')).toHaveLength(2), { timeout: 5000 })
    await expect(of(left).map((c) => c.event)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    await expect(of(right).map((c) => c.event)).toEqual(['Conversation Started', 'Message Sent', 'Action Invoked', 'Message Received'])

    // Ending one leaves the other running, and counts only its own messages.
    await userEvent.click(support.getByText('End chat'))
    await expect(of(left).at(-1)).toEqual({ type: 'track', event: 'Conversation Ended', properties: { conversationId: left, message_count: 2 } })
    await userEvent.type(sales.getByLabelText('Message'), 'Thanks{Enter}')
    await waitFor(() => expect(of(right).filter((c) => c.event === 'Message Received')).toHaveLength(2), { timeout: 5000 })
    await userEvent.click(sales.getByText('End chat'))
    await expect(of(right).at(-1)!.properties).toEqual({ conversationId: right, message_count: 4 })
    await expect(tracks()).toHaveLength(of(left).length + of(right).length)
  },
}
