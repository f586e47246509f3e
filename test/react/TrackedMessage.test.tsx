import { describe, expect, test } from 'vitest'
import { TrackedMessage } from '../../src/entries'
import { setup, tracks } from '../helpers'

describe('<TrackedMessage>', () => {
  test('renders the body as text, never as HTML', () => {
    const { analytics, render } = setup()
    const attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    const { container } = render(<TrackedMessage id="m1" role="user" body={attack} />)
    expect(container.querySelector('img, script')).toBeNull()
    expect(container.textContent).toBe(attack)
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
    expect(tracks(analytics)[1][1].message_body).toBe(attack)
  })

  test('renders as the element asked for, passes HTML attributes, and children replace the body', () => {
    const { render } = setup()
    const { container } = render(
      <ul>
        <TrackedMessage as="li" id="m1" role="assistant" body="**bold** text" className="bubble" data-testid="msg" aria-live="polite">
          <strong>bold</strong> text
        </TrackedMessage>
      </ul>,
    )
    const li = container.querySelector('li.bubble')!
    expect(li.getAttribute('aria-live')).toBe('polite')
    expect(li.innerHTML).toBe('<strong>bold</strong> text')
    expect(li.hasAttribute('id')).toBe(false) // the message id is an analytics key, not a DOM id
  })

  test('a React element as the body is sent as its text', () => {
    const { analytics, render } = setup()
    render(
      <TrackedMessage
        id="m1"
        role="assistant"
        body={
          <p>
            ACME is <em>up</em> {2}%
          </p>
        }
      />,
    )
    expect(tracks(analytics)[0][1].message_body).toBe('ACME is up 2%')
  })
})
