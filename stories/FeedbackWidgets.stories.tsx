import type { ReactNode } from 'react'
import type { Decorator, Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, within } from 'storybook/test'
import { CopilotAnalyticsProvider } from '../src/entries'
import { CopilotEventLog } from '../src/entries/devtools'
import { StarRating, ThumbsFeedback } from './demo/Feedback'
import { demoLoaders, demoOf, useDemo } from './demo/demoAnalytics'
import { DemoPage } from './demo/Layout'

/** The widget on a card beside the log, under a provider of its own. */
const withLog =
  (hint: ReactNode): Decorator =>
  (Story, { loaded }) => (
    <WithLog hint={hint} loaded={loaded}>
      <Story />
    </WithLog>
  )

function WithLog({ hint, loaded, children }: { hint: ReactNode; loaded?: Record<string, unknown>; children: ReactNode }) {
  const demo = useDemo(loaded)
  return (
    <DemoPage columns="minmax(300px, 1fr) minmax(320px, 1fr)" hint={hint}>
      <CopilotAnalyticsProvider analytics={demo.analytics} conversationId={demo.conversationId}>
        <div style={{ alignSelf: 'start', padding: 24, border: '1px solid #e5e7eb', borderRadius: 12, background: '#fff' }}>
          {children}
        </div>
      </CopilotAnalyticsProvider>
      <CopilotEventLog recorder={demo.recorder} />
    </DemoPage>
  )
}

const meta: Meta = {
  title: 'Demos/Feedback widgets',
  loaders: demoLoaders,
}
export default meta

/** useFeedback(messageId) behind two buttons; the ratings are controls. */
export const Thumbs: StoryObj<typeof ThumbsFeedback> = {
  render: (args) => <ThumbsFeedback {...args} messageId={args.messageId || undefined} />,
  args: { messageId: 'msg-1', upRating: 1, downRating: 0 },
  argTypes: {
    messageId: { control: 'text', description: 'The message rated; clear it to rate the conversation' },
    upRating: { control: 'number' },
    downRating: { control: 'number' },
  },
  decorators: [
    withLog(
      <>
        press thumbs up, then thumbs up again (the same rating is sent once), then thumbs down (a change of mind is sent). Change messageId or
        the ratings in the Controls panel to rate another message.
      </>,
    ),
  ],
  play: async ({ canvasElement, loaded }) => {
    const { recorder, conversationId } = demoOf({ loaded })
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByLabelText('Thumbs up'))
    await userEvent.click(canvas.getByLabelText('Thumbs up'))
    await expect(canvas.getByLabelText('Thumbs up')).toHaveAttribute('aria-pressed', 'true')
    await userEvent.click(canvas.getByLabelText('Thumbs down'))
    await expect(recorder.calls).toEqual([
      { type: 'track', event: 'Feedback Submitted', properties: { conversationId, messageId: 'msg-1', rating: 1 } },
      { type: 'track', event: 'Feedback Submitted', properties: { conversationId, messageId: 'msg-1', rating: 0 } },
    ])
  },
}

/** useFeedback(messageId, { scale }) as 1..scale stars; scale and messageId are controls. */
export const Stars: StoryObj<typeof StarRating> = {
  render: (args) => <StarRating {...args} messageId={args.messageId || undefined} />,
  args: { scale: 5, label: 'Rate this conversation' },
  argTypes: {
    scale: { control: { type: 'range', min: 1, max: 10 } },
    messageId: { control: 'text', description: 'Leave empty to rate the whole conversation' },
    label: { control: 'text' },
  },
  decorators: [
    withLog(
      <>
        click a star: Feedback Submitted with the number of stars, for the whole conversation (no messageId). Click
        the same star again (nothing is sent), then another. Try the scale and messageId controls.
      </>,
    ),
  ],
  play: async ({ canvasElement, loaded }) => {
    const { recorder, conversationId } = demoOf({ loaded })
    const canvas = within(canvasElement)
    await expect(canvas.getAllByRole('button')).toHaveLength(5 + 2) // five stars, Copy JSON and Clear
    await userEvent.click(canvas.getByLabelText('5 stars'))
    await userEvent.click(canvas.getByLabelText('5 stars'))
    await userEvent.click(canvas.getByLabelText('2 stars'))
    await expect(recorder.calls.map((c) => c.type === 'track' && c.properties)).toEqual([
      { conversationId, rating: 5 },
      { conversationId, rating: 2 },
    ])
  },
}
