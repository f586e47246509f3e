import { afterEach } from 'vitest'
import { cleanup } from '@testing-library/react'
import { resetTrackedKeys } from '../src/entries/testing'
import { installConformanceCheck } from './conformance'

// Every call made through a built-in spec must match that spec's JSON Schemas (see ./conformance.ts).
// Installed first so that its afterEach runs last, after cleanup's unmount events.
installConformanceCheck()

// Fixed conversation ids repeat across tests: forget what earlier tests sent.
afterEach(() => {
  cleanup()
  resetTrackedKeys()
})
