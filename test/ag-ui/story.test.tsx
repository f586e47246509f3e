import { StrictMode } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import { expect, test } from 'vitest'
import { Agent } from '../../stories/AgUiAgent.stories'

// The Storybook demo is the one-line integration of docs/frameworks.md: prove that it tracks what it shows.
test('the Storybook AG-UI demo tracks a tool reply, with the response-time metrics in the log', async () => {
  const Story = Agent.render as () => React.JSX.Element
  render(
    <StrictMode>
      <Story />
    </StrictMode>,
  )
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByText('running')
  await screen.findByText(/Action Invoked/, {}, { timeout: 5_000 })
  await screen.findByText('idle')
  const log = screen.getByText(/Conversation Started/).textContent!.trim().split('\n')
  expect(log.map((line) => line.split(' {')[0])).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked'])
  const received = JSON.parse(log[2].slice('Message Received '.length))
  expect(received).toMatchObject({ assistantId: 'storybook-demo', messageId: 'reply-1-text', message_body: 'It is 21°C and clear in Oslo right now.', reply_status: 'complete' })
  expect(received.response_time_ms).toBeGreaterThan(received.time_to_first_token_ms)
  expect(received.time_to_first_token_ms).toBeGreaterThan(0)
  expect(JSON.parse(log[3].slice('Action Invoked '.length))).toMatchObject({ messageId: 'reply-1-text', type: 'get_weather', action: 'completed', tool_call_id: 'reply-1-call' })
}, 20_000)

test('the Storybook AG-UI demo: Stop sends the reply once, aborted', async () => {
  const Story = Agent.render as () => React.JSX.Element
  render(
    <StrictMode>
      <Story />
    </StrictMode>,
  )
  fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Tell me a story' } })
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByText(/Here is a long/, {}, { timeout: 5_000 })
  fireEvent.click(screen.getByRole('button', { name: 'Stop' }))
  await screen.findByText(/Message Received/, {}, { timeout: 5_000 })
  const log = screen.getByText(/Conversation Started/).textContent!.trim().split('\n')
  expect(log.map((line) => line.split(' {')[0])).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  expect(JSON.parse(log[2].slice('Message Received '.length))).toMatchObject({ reply_status: 'aborted', message_body: expect.stringMatching(/^Here is a long/) })
}, 20_000)
