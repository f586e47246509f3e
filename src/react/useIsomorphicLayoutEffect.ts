import { useEffect, useLayoutEffect } from 'react'

/**
 * Messages are tracked in a layout effect so that, within one commit, they reach the client before
 * the passive effects of their children (Component Loaded) and siblings. On the server neither runs.
 */
export const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect
