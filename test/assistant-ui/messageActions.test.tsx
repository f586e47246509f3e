import { StrictMode } from 'react'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import {
  ActionBarPrimitive,
  AssistantRuntimeProvider,
  ComposerPrimitive,
  MessagePrimitive,
  ThreadPrimitive,
  useAui,
  useLocalRuntime,
  type AssistantClient,
} from '@assistant-ui/react'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useAssistantTracking, type AssistantTrackingOptions } from '../../src/entries/assistant-ui'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { scriptedModel, send, settle, tracks, words, type Reply } from './scriptedModel'

// assistant-ui's Copy writes through the Clipboard API, which jsdom lacks: the copy's event comes
// only once the write resolved, as in a browser.
const writeText = vi.fn(async (_text: string) => {})
beforeEach(() => {
  writeText.mockClear()
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
})

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
})

function Tracking({ options }: { options?: AssistantTrackingOptions }) {
  useAssistantTracking(options)
  return null
}

function Messages({ current }: { current: { aui?: AssistantClient } }) {
  current.aui = useAui()
  return (
    <ThreadPrimitive.Messages
      components={{
        UserMessage: () => (
          <div data-testid="user">
            <MessagePrimitive.Parts />
            <ActionBarPrimitive.Root>
              <ActionBarPrimitive.Copy>Copy</ActionBarPrimitive.Copy>
              <ActionBarPrimitive.Edit>Edit</ActionBarPrimitive.Edit>
            </ActionBarPrimitive.Root>
          </div>
        ),
        UserEditComposer: () => (
          <ComposerPrimitive.Root>
            <ComposerPrimitive.Input aria-label="Edit message" />
            <ComposerPrimitive.Cancel>Cancel</ComposerPrimitive.Cancel>
            <ComposerPrimitive.Send>Save</ComposerPrimitive.Send>
          </ComposerPrimitive.Root>
        ),
        AssistantMessage: () => (
          <div data-testid="assistant">
            <MessagePrimitive.Parts />
            <ActionBarPrimitive.Root>
              <ActionBarPrimitive.Copy>Copy</ActionBarPrimitive.Copy>
            </ActionBarPrimitive.Root>
          </div>
        ),
      }}
    />
  )
}

/** The real local runtime and assistant-ui's primitives under StrictMode; `views` tracking hooks. */
function setup(replies: Reply[], { options, views = 1 }: { options?: AssistantTrackingOptions; views?: number } = {}) {
  const analytics = createMemoryAnalytics()
  const model = scriptedModel(replies)
  const current: { aui?: AssistantClient } = {}
  const errors: string[] = []
  function App() {
    const runtime = useLocalRuntime(model)
    return (
      <AssistantRuntimeProvider runtime={runtime}>
        {Array.from({ length: views }, (_, i) => (
          <Tracking key={i} options={options} />
        ))}
        <Messages current={current} />
      </AssistantRuntimeProvider>
    )
  }
  const app = () => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(error) => errors.push(error.code)}>
        <App />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(app())
  return { aui: () => current.aui!, view, app, errors, tracks: () => tracks(analytics.calls) }
}

const actions = (rows: readonly (readonly [string, Record<string, unknown>])[]) =>
  rows.filter(([event]) => event === 'Message Copied' || event === 'Message Edited')

const copyButton = (testId: 'user' | 'assistant', index = 0) => within(screen.getAllByTestId(testId)[index]).getByRole('button', { name: 'Copy' })

test('ActionBarPrimitive.Copy: Message Copied once per click, with the copied message id; re-renders send nothing', async () => {
  const { aui, tracks, view, app, errors } = setup([words('Hello ', 'there')])
  await send(aui, 'Hi')
  await settle()
  const [question, reply] = aui().thread.getState().messages.map((message) => message.id)
  fireEvent.click(copyButton('assistant'))
  await waitFor(() => expect(actions(tracks())).toHaveLength(1))
  expect(writeText).toHaveBeenCalledWith('Hello there')
  // A second click while the button still shows "copied" is a second copy.
  fireEvent.click(copyButton('assistant'))
  await waitFor(() => expect(actions(tracks())).toHaveLength(2))
  fireEvent.click(copyButton('user'))
  await waitFor(() => expect(actions(tracks())).toHaveLength(3))
  view.rerender(app())
  view.rerender(app())
  await settle()
  expect(actions(tracks())).toEqual([
    ['Message Copied', { conversationId: 'c1', messageId: reply }],
    ['Message Copied', { conversationId: 'c1', messageId: reply }],
    ['Message Copied', { conversationId: 'c1', messageId: question }],
  ])
  expect(errors).toEqual([])
})

test('a copy the clipboard refused sends nothing', async () => {
  const { aui, tracks } = setup([words('Hello')])
  await send(aui, 'Hi')
  await settle()
  writeText.mockRejectedValueOnce(new Error('denied'))
  fireEvent.click(copyButton('assistant'))
  await settle()
  expect(actions(tracks())).toEqual([])
})

test('the edit composer: Message Edited once, for the user message edited, before its new version is sent; the new version and its reply are their own events', async () => {
  const { aui, tracks, errors } = setup([words('Paris'), words('Rome')])
  await send(aui, 'Capital of France?')
  await settle()
  const [original, firstReply] = aui().thread.getState().messages.map((message) => message.id)
  fireEvent.click(within(screen.getByTestId('user')).getByRole('button', { name: 'Edit' }))
  fireEvent.change(await screen.findByLabelText('Edit message'), { target: { value: 'Capital of Italy?' } })
  fireEvent.click(screen.getByRole('button', { name: 'Save' }))
  await waitFor(() => {
    const state = aui().thread.getState()
    expect(state.messages[0].id).not.toBe(original)
    expect(state.isRunning).toBe(false)
  })
  await settle()
  const [edited, secondReply] = aui().thread.getState().messages.map((message) => message.id)
  expect(tracks().map(([event, p]) => [event, p.messageId, p.message_body])).toEqual([
    ['Conversation Started', undefined, undefined],
    ['Message Sent', original, 'Capital of France?'],
    ['Message Received', firstReply, 'Paris'],
    ['Message Edited', original, undefined],
    ['Message Sent', edited, 'Capital of Italy?'],
    ['Message Received', secondReply, 'Rome'],
  ])
  expect(tracks().find(([event]) => event === 'Message Edited')![1]).toEqual({ conversationId: 'c1', messageId: original })
  expect(errors).toEqual([])
})

test('two tracking views of one thread send each copy and edit once', async () => {
  const { aui, tracks } = setup([words('One'), words('Two')], { views: 2 })
  await send(aui, 'First')
  await settle()
  const [question] = aui().thread.getState().messages.map((message) => message.id)
  fireEvent.click(copyButton('user'))
  await waitFor(() => expect(actions(tracks())).toHaveLength(1))
  fireEvent.click(within(screen.getByTestId('user')).getByRole('button', { name: 'Edit' }))
  fireEvent.change(await screen.findByLabelText('Edit message'), { target: { value: 'Second' } })
  fireEvent.click(screen.getByRole('button', { name: 'Save' }))
  await waitFor(() => expect(aui().thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Two' }))
  await settle()
  expect(actions(tracks())).toEqual([
    ['Message Copied', { conversationId: 'c1', messageId: question }],
    ['Message Edited', { conversationId: 'c1', messageId: question }],
  ])
})

test('trackMessageActions: false sends no copy or edit, and the rest as before', async () => {
  const { aui, tracks } = setup([words('One'), words('Two')], { options: { trackMessageActions: false } })
  await send(aui, 'First')
  await settle()
  fireEvent.click(copyButton('assistant'))
  await waitFor(() => expect(writeText).toHaveBeenCalled())
  fireEvent.click(within(screen.getByTestId('user')).getByRole('button', { name: 'Edit' }))
  fireEvent.change(await screen.findByLabelText('Edit message'), { target: { value: 'Second' } })
  fireEvent.click(screen.getByRole('button', { name: 'Save' }))
  await waitFor(() => expect(aui().thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Two' }))
  await settle()
  expect(tracks().map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Message Sent', 'Message Received'])
})

test('a send from the thread composer or thread.append is not an edit', async () => {
  const { aui, tracks } = setup([words('A'), words('B')])
  await send(aui, 'One')
  act(() => {
    aui().composer.setText('Two')
    aui().composer.send()
  })
  await waitFor(() => expect(tracks().filter(([event]) => event === 'Message Received')).toHaveLength(2))
  expect(actions(tracks())).toEqual([])
})

async function edit(index: number, text: string, button: 'Save' | 'Cancel' = 'Save') {
  fireEvent.click(within(screen.getAllByTestId('user')[index]).getByRole('button', { name: 'Edit' }))
  fireEvent.change(await screen.findByLabelText('Edit message'), { target: { value: text } })
  fireEvent.click(screen.getByRole('button', { name: button }))
}

test('a cancelled edit sends nothing, at the next send either; each saved edit (a branch switched back in between) is one Message Edited, the same message edited twice two', async () => {
  const { aui, tracks, errors } = setup([words('A'), words('B'), words('C'), words('D')])
  await send(aui, 'One')
  await settle()
  const [one] = aui().thread.getState().messages.map((message) => message.id)
  await edit(0, 'Never sent', 'Cancel')
  await settle()
  await send(aui, 'Two')
  await settle()
  expect(actions(tracks())).toEqual([])
  await edit(0, 'One, again')
  await waitFor(() => expect(aui().thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'C' }))
  await settle()
  act(() => aui().thread.message({ index: 0 }).switchToBranch({ position: 'previous' }))
  await waitFor(() => expect(aui().thread.getState().messages[0].id).toBe(one))
  await settle()
  await edit(0, 'One, a third time')
  await waitFor(() => expect(aui().thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'D' }))
  await settle()
  expect(actions(tracks())).toEqual([
    ['Message Edited', { conversationId: 'c1', messageId: one }],
    ['Message Edited', { conversationId: 'c1', messageId: one }],
  ])
  expect(tracks().filter(([event]) => event === 'Message Sent').map(([, p]) => p.message_body)).toEqual(['One', 'Two', 'One, again', 'One, a third time'])
  expect(errors).toEqual([])
})

test('an edit cancelled in one thread is not taken for an edit by the first run of another thread (the thread list switches)', async () => {
  const { aui, tracks } = setup([words('A'), words('B')])
  await send(aui, 'One')
  await settle()
  await edit(0, 'Never sent', 'Cancel')
  const firstThread = aui().threads.getState().mainThreadId
  act(() => void aui().threads.switchToNewThread())
  await waitFor(() => expect(aui().threads.getState().mainThreadId).not.toBe(firstThread))
  await settle()
  await send(aui, 'Two')
  await settle()
  expect(tracks().filter(([event]) => event === 'Message Sent').map(([, p]) => p.message_body)).toEqual(['One', 'Two'])
  expect(actions(tracks())).toEqual([])
})
