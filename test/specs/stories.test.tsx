/// <reference types="vite/client" />
import { StrictMode, type ComponentType } from 'react'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { composeStories } from '@storybook/react'
import { describe, expect, test } from 'vitest'
import { checkedCalls } from '../conformance'
import * as vocabularies from '../../stories/Vocabularies.stories'

// Every story of the repository renders here, so the suite-wide conformance check (test/conformance.ts)
// sees every call a story makes.
const modules = import.meta.glob<Record<string, unknown>>('../../stories/*.stories.tsx', { eager: true })

describe.each(Object.entries(modules))('%s', (_path, module) => {
  const stories = Object.entries(composeStories(module as Parameters<typeof composeStories>[0])) as [string, ComponentType][]
  test.each(stories)('%s renders, and its calls conform to their specs', (_name, Story) => {
    const { unmount } = render(
      <StrictMode>
        <Story />
      </StrictMode>,
    )
    for (const button of screen.queryAllByRole('button')) if (!(button as HTMLButtonElement).disabled) fireEvent.click(button)
    unmount()
  })
})

describe('Vocabularies / SideBySide', () => {
  const { SideBySide } = composeStories(vocabularies)
  const logOf = (label: string) =>
    within(within(screen.getByRole('region', { name: label })).getByRole('list', { name: 'calls' }))
      .queryAllByRole('listitem')
      .map((item) => item.querySelector('strong')!.textContent)

  test('one chat, every vocabulary, each event exactly once under StrictMode', () => {
    const before = checkedCalls
    render(
      <StrictMode>
        <SideBySide />
      </StrictMode>,
    )
    for (const section of screen.getAllByRole('region')) for (const button of within(section).getAllByRole('button')) fireEvent.click(button)
    expect(logOf('segmentCopilot')).toEqual([
      'Identify',
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Action Invoked',
      'Feedback Submitted',
      'Bill Paid',
      'Conversation Ended',
    ])
    expect(logOf('segmentCopilotLegacy')).toEqual([
      'Identify',
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Tool Invoked',
      'Feedback Submitted',
      'Bill Paid',
      'Conversation Ended',
    ])
    expect(logOf('segmentLiveChat')).toEqual([
      'Identify',
      'Live Chat Conversation Started',
      'Live Chat Message Sent',
      'Live Chat Message Received',
      'Bill Paid',
      'Live Chat Conversation Ended',
    ])
    expect(logOf('watsonxAssistant')).toEqual(['Identify', 'Session Started', 'Message Handled', 'Action Started', 'Action Completed', 'Bill Paid'])
    expect(logOf('screebCopilot')).toEqual([
      'Identify',
      'screeb_copilot_user_prompt',
      'screeb_copilot_response',
      'screeb_copilot_satisfaction',
      'screeb_copilot_conversion',
    ])
    // The legacy spec maps through segmentCopilot.map, so its 8 calls are checked in both editions.
    expect(checkedCalls - before).toBe(8 + 8 + 6 + 6 + 5 + 8)
  })
})
