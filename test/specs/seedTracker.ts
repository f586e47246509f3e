// A core tracker on a memory recorder with its own key store and a clock the test moves.
import { createCopilotTracker, createKeyStore, type CopilotSpec, type TrackerOptions } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'

export const T0 = Date.UTC(2024, 3, 4, 12, 0, 0)

export function seedTracker(spec: CopilotSpec | readonly CopilotSpec[], options: Partial<TrackerOptions> = {}) {
  const analytics = createMemoryAnalytics()
  const clock = { now: T0 }
  const errors: string[] = []
  const tracker = createCopilotTracker({
    analytics,
    spec,
    keyStore: createKeyStore(),
    now: () => clock.now,
    onError: (error) => errors.push(error.code),
    ...options,
  })
  /** Moves the clock to `seconds` after T0. */
  const at = (seconds: number) => {
    clock.now = T0 + seconds * 1000
  }
  return { analytics, tracker, at, errors }
}
