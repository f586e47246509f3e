import { createContext, useContext } from 'react'
import type { TrackerBase } from '../core/tracker'

export interface CopilotAnalyticsContextValue {
  tracker: TrackerBase
  conversationId: string
}

/** One context module shared by every entry point: a second copy would silently disconnect hooks. */
export const CopilotAnalyticsContext = createContext<CopilotAnalyticsContextValue | null>(null)

export function useCopilotContext(hookName: string): CopilotAnalyticsContextValue {
  const value = useContext(CopilotAnalyticsContext)
  if (!value) throw new Error(`[react-copilot-analytics] ${hookName} must be used inside <CopilotAnalyticsProvider>`)
  return value
}
