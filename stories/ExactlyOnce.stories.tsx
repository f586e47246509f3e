import { StrictMode, useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { CopilotAnalyticsProvider, useConversation } from '../src/entries'
import { CopilotEventLog } from '../src/entries/devtools'
import { ChatView } from './demo/ChatView'
import { demoLoaders, demoOf, useDemo, type DemoAnalytics } from './demo/demoAnalytics'
import { EventCounts } from './demo/EventCounts'
import { DemoPage } from './demo/Layout'
import { useSimulatedChat, type ChatMessage } from './demo/useSimulatedChat'

function ExactlyOnceDemo({ demo, conversationId, tokenDelayMs }: { demo: DemoAnalytics; conversationId: string; tokenDelayMs: number }) {
  // The chat's state lives above the provider, as an app's store would: remounts keep the messages.
  const chat = useSimulatedChat({ tokenDelayMs })
  const [listKey, setListKey] = useState(0)
  const [providerKey, setProviderKey] = useState(0)
  return (
    <StrictMode>
    <CopilotAnalyticsProvider key={providerKey} analytics={demo.analytics} conversationId={conversationId}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12, minHeight: 0 }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <button type="button" onClick={() => setListKey((k) => k + 1)}>
            Remount message list ({listKey})
          </button>
          <button type="button" onClick={() => setProviderKey((k) => k + 1)}>
            Remount provider ({providerKey})
          </button>
        </div>
        <Counts demo={demo} messages={chat.messages} />
        <ChatView chat={chat} title="Copilot (StrictMode)" live={demo.live} listKey={listKey} style={{ flex: 1 }} />
      </div>
    </CopilotAnalyticsProvider>
    </StrictMode>
  )
}

/** What the chat on screen should have sent so far, each message's events once. */
function Counts({ demo, messages }: { demo: DemoAnalytics; messages: ChatMessage[] }) {
  const { isStarted, isEnded } = useConversation()
  const replies = messages.filter((m) => m.role === 'assistant')
  const done = replies.filter((m) => m.status === 'complete')
  return (
    <EventCounts
    recorder={demo.recorder}
    expected={{
      'Conversation Started': isStarted ? 1 : 0,
      'Message Sent': messages.length - replies.length,
      'Message Received': done.length,
      'Action Invoked': replies.filter((m) => m.kind === 'tool').length,
      'Media Generated': done.filter((m) => m.kind === 'image').length,
      'Component Loaded': done.filter((m) => m.kind === 'stock').length,
      'Feedback Submitted': undefined,
      'Conversation Ended': isEnded ? 1 : 0,
    }}
    />
  )
}

const meta: Meta<{ tokenDelayMs: number }> = {
  title: 'Demos/Exactly once',
  loaders: demoLoaders,
  args: { tokenDelayMs: 35 },
  render: (args, { loaded }) => <ExactlyOncePage {...args} loaded={loaded} />,
}
export default meta

function ExactlyOncePage({ tokenDelayMs, loaded }: { tokenDelayMs: number; loaded?: Record<string, unknown> }) {
  const demo = useDemo(loaded)
  return (
    <DemoPage
      columns="minmax(380px, 1fr) minmax(320px, 1fr)"
      hint={
        <>
          this chat runs under React StrictMode (every effect runs twice). Send a few messages, then press
          "Remount message list" and "Remount provider" as often as you like: every message re-renders and
          re-runs its effects, yet the Sent column never moves past Expected. Exactly-once keys live in
          sessionStorage, so a page reload does not resend either.
        </>
      }
    >
      <ExactlyOnceDemo demo={demo} conversationId={demo.conversationId} tokenDelayMs={tokenDelayMs} />
      <CopilotEventLog recorder={demo.recorder} />
    </DemoPage>
  )
}

/** StrictMode, list remounts and provider remounts: each event still counted once. */
export const ExactlyOnce: StoryObj<{ tokenDelayMs: number }> = {
  args: { tokenDelayMs: 5 },
  play: async ({ canvasElement, loaded }) => {
    const { recorder } = demoOf({ loaded })
    const canvas = within(canvasElement)
    const count = () => Object.fromEntries(recorder.events().map((e, _, all) => [e, all.filter((x) => x === e).length]))
    const remount = async () => {
      for (const name of [/^Remount message list/, /^Remount provider/, /^Remount message list/, /^Remount provider/])
        await userEvent.click(canvas.getByText(name))
    }

    await userEvent.type(canvas.getByLabelText('Message'), 'ACME chart{Enter}')
    await waitFor(() => expect(recorder.events()).toContain('Component Loaded'), { timeout: 5000 })
    await userEvent.click(canvas.getByLabelText('Thumbs up'))
    const once = { 'Conversation Started': 1, 'Message Sent': 1, 'Message Received': 1, 'Component Loaded': 1, 'Feedback Submitted': 1 }
    await expect(count()).toEqual(once)

    await remount()
    await expect(canvas.getByText('Remount provider (2)')).toBeTruthy()
    await expect(count()).toEqual(once)
    // The remounted thumbs still know the rating: pressing it again sends nothing.
    await expect(canvas.getByLabelText('Thumbs up')).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(canvas.getByLabelText('Thumbs up'))
    await expect(count()).toEqual(once)

    // A second turn after the remounts counts from where the first left off.
    await userEvent.click(canvas.getByText('Draw me a sunset'))
    await waitFor(() => expect(recorder.events()).toContain('Media Generated'), { timeout: 5000 })
    await remount()
    await expect(count()).toEqual({ ...once, 'Message Sent': 2, 'Message Received': 2, 'Media Generated': 1 })
    await expect(canvasElement.querySelectorAll('tr[data-ok="false"]')).toHaveLength(0)
  },
}
