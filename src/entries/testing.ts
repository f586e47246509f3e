/**
 * `react-copilot-analytics/testing`: a recorder client and helpers for your tests.
 * @packageDocumentation
 */
export { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../core/memoryAnalytics'
export { resetDefaultKeyStore as resetTrackedKeys } from '../core/keyStore'
export {
  assertConformance,
  checkCall,
  checkConformance,
  formatViolations,
  specSchemas,
  validateJson,
  type ConformanceViolation,
  type JsonSchema,
  type SpecSchema,
} from '../testing/conformance'
