// Stands for the reader's own client module in the documented examples (imported as './analytics').
import { createMemoryAnalytics } from '../../src/entries/testing'

export const analytics = createMemoryAnalytics()
