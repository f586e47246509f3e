import { StrictMode } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import { expect, test } from 'vitest'
import { UseStream } from '../../stories/LangGraphChat.stories'

// The Storybook demo is the one-line integration of docs/frameworks.md: prove that it tracks what it shows.
test('the Storybook LangGraph demo tracks a tool run as one reply, with the response-time metrics in the log', async () => {
  const Story = UseStream.render as () => React.JSX.Element
  render(
    <StrictMode>
      <Story />
    </StrictMode>,
  )
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByText(/running/)
  await screen.findByText(/Action Invoked/, {}, { timeout: 5_000 })
  expect(screen.getByText(/idle/)).toBeTruthy()
  const log = screen.getByText(/Conversation Started/).textContent!.trim().split('\n')
  expect(log.map((line) => line.split(' {')[0])).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked'])
  const received = JSON.parse(log[2].slice('Message Received '.length))
  expect(received).toMatchObject({ assistantId: 'storybook-demo', message_body: 'It is 21°C and clear in Oslo right now.', reply_status: 'complete' })
  expect(received.response_time_ms).toBeGreaterThan(received.time_to_first_token_ms)
  expect(received.time_to_first_token_ms).toBeGreaterThan(0)
  expect(JSON.parse(log[3].slice('Action Invoked '.length))).toMatchObject({ type: 'weather', action: 'completed', messageId: received.messageId })
})
