import { StrictMode } from 'react'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { expect, test } from 'vitest'
import { LocalRuntime } from '../../stories/AssistantUiChat.stories'

// The Storybook demo is the one-line integration of docs/frameworks.md: prove that it tracks what it
// shows, through assistant-ui's own composer, regenerate button and thumbs.
test('the Storybook assistant-ui demo tracks a tool reply, a regenerated reply, the thumbs, a copy and an edit', async () => {
  const Story = LocalRuntime.render as (args: { delayMs: number }) => React.JSX.Element
  render(
    <StrictMode>
      <Story delayMs={5} />
    </StrictMode>,
  )
  const log = () => screen.getByLabelText('Event log').textContent!.trim().split('\n').filter(Boolean)
  const events = () => log().map((line) => line.split(' {')[0])
  fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'What is the weather in Oslo?' } })
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByText('status: running')
  await waitFor(() => expect(events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked']), { timeout: 5_000 })
  await screen.findByText('status: idle')
  const received = JSON.parse(log()[2].slice('Message Received '.length))
  expect(received).toMatchObject({ assistantId: 'storybook-demo', message_body: 'It is 21°C and clear in Oslo right now.', reply_status: 'complete' })
  expect(received.response_time_ms).toBeGreaterThanOrEqual(received.time_to_first_token_ms)
  fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }))
  await waitFor(() => expect(events()).toHaveLength(7), { timeout: 5_000 })
  expect(events().slice(4)).toEqual(['Reply Regenerated', 'Message Received', 'Action Invoked'])
  expect(JSON.parse(log()[4].slice('Reply Regenerated '.length))).toMatchObject({ messageId: received.messageId })
  const again = JSON.parse(log()[5].slice('Message Received '.length))
  expect(again.messageId).not.toBe(received.messageId)
  await screen.findByText('status: idle')
  fireEvent.click(screen.getByRole('button', { name: 'Good answer' }))
  fireEvent.click(screen.getByRole('button', { name: 'Good answer' }))
  await waitFor(() => expect(events().at(-1)).toBe('Feedback Submitted'))
  expect(events().filter((event) => event === 'Feedback Submitted')).toHaveLength(1)
  expect(JSON.parse(log().at(-1)!.slice('Feedback Submitted '.length))).toMatchObject({ messageId: again.messageId, rating: 1 })
  // Copy and edit, through the demo's own buttons (jsdom has no Clipboard API: a stand-in that takes the text).
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: async () => {} }, configurable: true })
  fireEvent.click(screen.getByRole('button', { name: 'Copy' }))
  await waitFor(() => expect(events().at(-1)).toBe('Message Copied'))
  expect(JSON.parse(log().at(-1)!.slice('Message Copied '.length))).toMatchObject({ messageId: again.messageId })
  const question = JSON.parse(log()[1].slice('Message Sent '.length)).messageId
  const before = events().length
  fireEvent.click(screen.getByRole('button', { name: 'Edit' }))
  fireEvent.change(await screen.findByLabelText('Edit message'), { target: { value: 'And in Bergen?' } })
  fireEvent.click(screen.getByRole('button', { name: 'Save' }))
  await waitFor(() => expect(events().slice(before, before + 3)).toEqual(['Message Edited', 'Message Sent', 'Message Received']), { timeout: 5_000 })
  expect(JSON.parse(log()[before].slice('Message Edited '.length))).toMatchObject({ messageId: question })
  expect(JSON.parse(log()[before + 1].slice('Message Sent '.length))).toMatchObject({ message_body: 'And in Bergen?' })
  await screen.findByText('status: idle')
})
