// The budget holder's own pages (#17) in Debian's Chromium: Joseph signs in and
// goes through his budget, his money (a period he types, and the printable
// statement), his plan, asking for a review and who can see his information,
// with the keyboard only, every focused control visibly marked; then the same
// journey at 320 px wide with no sideways scroll. axe-core on every page
// visited. Sarah sees her mother's pages, each saying whose they are, and not
// her mother's money, which her role does not reach. Screenshots of each page
// are saved under build/screenshots/ for people to look at.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { launchChromium, expectAccessible } from '../support/browser.mjs'
import { demoDatabase, startServer, DEMO_PASSWORD } from '../support/harness.mjs'

const shots = path.resolve(process.env.PATCHWORK_SCREENSHOTS || 'build/screenshots')
let server, browser
before(async () => {
  mkdirSync(shots, { recursive: true })
  server = await startServer(demoDatabase())
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

// Presses Tab until `locator` has the focus (as someone with only a keyboard
// would), checks the focus can be seen, and returns; fails after 80 presses.
async function tabTo (page, locator, label) {
  const handle = await locator.elementHandle()
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab')
    if (await handle.evaluate(el => el === document.activeElement)) {
      const visible = await handle.evaluate(el => {
        // A GOV.UK radio or checkbox shows its focus on the label's circle or box.
        if (el.type === 'radio' || el.type === 'checkbox') return getComputedStyle(el.nextElementSibling, '::before').boxShadow !== 'none' || getComputedStyle(el.nextElementSibling, '::after').boxShadow !== 'none'
        const s = getComputedStyle(el)
        return (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)'
      })
      assert.ok(visible, `the focus on ${label} can be seen`)
      return
    }
  }
  assert.fail(`${label} cannot be reached with the Tab key`)
}

async function followByKeyboard (page, name) {
  const link = page.getByRole('link', { name, exact: true }).first()
  await tabTo(page, link, `the link "${name}"`)
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
}

async function check (page, label, width) {
  await expectAccessible(page, label)
  await page.screenshot({ path: path.join(shots, `my-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${width}.png`), fullPage: true })
}

async function signInByKeyboard (page, username) {
  await page.goto(server.url + '/sign-in')
  await tabTo(page, page.getByLabel('Username'), 'the username box')
  await page.keyboard.type(username)
  await page.keyboard.press('Tab')
  await page.keyboard.type(DEMO_PASSWORD)
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
}

for (const width of [1024, 320]) {
  test(`Joseph's journey through his own pages, keyboard only, at ${width} px`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    const page = await context.newPage()
    await signInByKeyboard(page, 'budget.holder')
    await check(page, 'home', width)

    await followByKeyboard(page, 'Your budget')
    assert.equal((await page.locator('h1').textContent()).trim(), 'Your budget')
    assert.match(await page.getByTestId('budget-amount').textContent(), /£240\.00 a week[\s\S]*£12,480\.00 a year/)
    await check(page, 'budget', width)

    await followByKeyboard(page, 'Your money')
    assert.equal((await page.locator('h1').textContent()).trim(), 'Your money')
    // Type a period with the keyboard: 1 9 2026 to 30 11 2026.
    await tabTo(page, page.locator('#from-day'), 'the first day')
    for (const [box, value] of [['#from-day', '1'], ['#from-month', '9'], ['#from-year', '2026'], ['#to-day', '30'], ['#to-month', '11'], ['#to-year', '2026']]) {
      await page.locator(box).evaluate(el => { el.value = '' })
      if (box !== '#from-day') await page.keyboard.press('Tab')
      await page.keyboard.type(value)
    }
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    const part = await page.getByTestId('money-part-A').textContent()
    assert.match(part, /Paid in\s*£2,880\.00/)
    assert.match(part, /Spent\s*£1,920\.00/)
    assert.match(part, /Money in the account now\s*£960\.00/)
    assert.match(part, /Money you may keep in reserve\s*£1,920\.00/)
    await check(page, 'money', width)
    await followByKeyboard(page, 'A statement for 1 September 2026 to 30 November 2026, to print')
    assert.match(await page.getByTestId('statement-period').textContent(), /From 1 September 2026 to 30 November 2026/)
    await check(page, 'statement', width)
    await page.goBack()

    await followByKeyboard(page, 'Your plan')
    assert.equal((await page.locator('h1').textContent()).trim(), 'Your support plan')
    await check(page, 'plan', width)

    await followByKeyboard(page, 'Ask for a review')
    await check(page, 'review', width)
    await tabTo(page, page.getByRole('button', { name: 'Ask for a review' }), 'the Ask for a review button')
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    // Sending nothing names what is missing.
    await tabTo(page, page.getByRole('button', { name: 'Send' }), 'the Send button')
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    assert.match(await page.locator('.govuk-error-summary').textContent(), /Choose why you want a review/)
    await check(page, 'review form with an error', width)
    // A radio group is one stop for the Tab key: the arrow keys choose within it.
    const reason = width === 320 ? 'My support is not working' : 'My needs have changed'
    await tabTo(page, page.getByLabel('My needs have changed'), 'the first reason')
    await page.keyboard.press(width === 320 ? 'ArrowDown' : 'Space')
    assert.ok(await page.getByLabel(reason).isChecked(), `"${reason}" is chosen`)
    await tabTo(page, page.getByLabel('What has changed? (optional)'), 'the box for what changed')
    await page.keyboard.type('I had a fall and need help getting up.')
    await tabTo(page, page.getByRole('button', { name: 'Send' }), 'the Send button')
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    assert.match(await page.getByTestId('review-requests').textContent(), new RegExp(reason + '[\\s\\S]*Sent to your social worker'))
    await check(page, 'review sent', width)

    await followByKeyboard(page, 'Who can see your information')
    assert.match(await page.getByTestId('access-list').textContent(), /Joseph Okafor/)
    await check(page, 'access', width)
    await context.close()
  })
}

test('Sarah sees her mother\'s pages, each saying whose they are, and not her money', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signInByKeyboard(page, 'representative')
  await page.goto(server.url + '/my')
  await check(page, 'representative chooses', 1024)
  await followByKeyboard(page, 'Margaret Ellis')
  assert.equal((await page.locator('h1').textContent()).trim(), "Margaret Ellis's support")
  assert.equal(await page.getByRole('link', { name: "Margaret Ellis's money" }).count(), 0, 'a health and welfare attorney does not see the accounts')
  await followByKeyboard(page, "Margaret Ellis's budget")
  assert.equal((await page.locator('h1').textContent()).trim(), "Margaret Ellis's budget")
  await check(page, 'representative budget', 1024)
  await followByKeyboard(page, "Margaret Ellis's plan")
  assert.equal((await page.locator('h1').textContent()).trim(), "Margaret Ellis's support plan")
  await check(page, 'representative plan', 1024)
  await followByKeyboard(page, "Who can see Margaret Ellis's information")
  assert.match(await page.getByTestId('access-list').textContent(), /Office of the Public Guardian/)
  await check(page, 'representative access', 1024)
  await followByKeyboard(page, 'Ask for a review')
  assert.match(await page.getByTestId('review-requests').textContent(), /The night carers came late/)
  await check(page, 'representative review', 1024)
  const response = await page.goto(server.url + '/my/1/money')
  assert.equal(response.status(), 403)
  await context.close()
})
