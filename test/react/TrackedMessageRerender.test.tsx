import { useState, type ReactNode } from 'react'
import { act } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { TrackedMessage } from '../../src/entries'
import { setup, tracks } from '../helpers'

// The element TrackedMessage renders (its `as`), counting its renders: it renders again exactly
// when TrackedMessage does, since TrackedMessage creates it anew each time.
function counted() {
  const renders: string[] = []
  const Row = ({ children, className }: { children?: ReactNode; className?: string }) => {
    renders.push(String(className))
    return <p className={className}>{children}</p>
  }
  return { Row, renders }
}

describe('<TrackedMessage> re-renders only when its props change', () => {
  test('a parent re-render with the same message (and new inline properties / agent objects) does not render the row again', () => {
    const { analytics, render } = setup()
    const { Row, renders } = counted()
    let rerender!: () => void
    function Chat() {
      const [, setTick] = useState(0)
      rerender = () => setTick((tick) => tick + 1)
      return (
        <>
          {['m1', 'm2', 'm3'].map((id) => (
            <TrackedMessage key={id} as={Row} id={id} role="user" body={'text ' + id} properties={{ plan: 'pro' }} agent={{ id: 'a1' }} className="bubble" />
          ))}
        </>
      )
    }
    render(<Chat />)
    const atMount = renders.length
    expect(atMount).toBeGreaterThanOrEqual(3) // StrictMode renders twice in development
    act(() => rerender())
    act(() => rerender())
    expect(renders.length).toBe(atMount)
    expect(tracks(analytics).filter(([event]) => event === 'Message Sent')).toHaveLength(3)
  })

  test('a change to the body, children, a DOM prop or the status renders it again; the event carries the latest properties', () => {
    const { analytics, render } = setup()
    const { Row, renders } = counted()
    let change!: (next: Partial<{ body: string; children: string; className: string; status: string; plan: string }>) => void
    function Chat() {
      const [state, setState] = useState({ body: 'Hel', children: undefined as string | undefined, className: 'a', status: 'streaming', plan: 'free' })
      change = (next) => setState((previous) => ({ ...previous, ...next }))
      return (
        <TrackedMessage as={Row} id="r1" role="assistant" body={state.body} status={state.status} className={state.className} properties={{ plan: state.plan }}>
          {state.children}
        </TrackedMessage>
      )
    }
    render(<Chat />)
    const count = () => renders.length
    let before = count()
    act(() => change({ plan: 'pro' })) // only properties: read when the event is sent, no render needed
    expect(count()).toBe(before)
    act(() => change({ body: 'Hello' }))
    expect(count()).toBeGreaterThan(before)
    before = count()
    act(() => change({ children: 'Hello!' }))
    expect(count()).toBeGreaterThan(before)
    before = count()
    act(() => change({ className: 'b' }))
    expect(count()).toBeGreaterThan(before)
    expect(renders.at(-1)).toBe('b')
    expect(tracks(analytics)).toEqual([])
    before = count()
    act(() => change({ status: 'complete' }))
    expect(count()).toBeGreaterThan(before)
    expect(tracks(analytics).map(([event, properties]) => [event, properties.plan, properties.message_body])).toEqual([['Message Received', 'pro', 'Hello']])
  })

  test('a prop that goes away renders it again', () => {
    const { render } = setup()
    const { Row, renders } = counted()
    let drop!: () => void
    function Chat() {
      const [withClass, setWithClass] = useState(true)
      drop = () => setWithClass(false)
      return <TrackedMessage as={Row} id="m1" role="user" body="Hi" {...(withClass ? { className: 'x' } : {})} />
    }
    render(<Chat />)
    act(() => drop())
    expect(renders.at(-1)).toBe('undefined')
  })
})
