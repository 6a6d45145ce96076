// Each demo role signs in through the real sign-in form in Debian's Chromium,
// lands on the right home page, and axe-core finds no WCAG 2.2 AA violation on
// any page visited.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn } from '../support/browser.mjs'
import { demoDatabase, startServer, DEMO_PASSWORD } from '../support/harness.mjs'

let server, browser
before(async () => {
  server = await startServer(demoDatabase())
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})


const roles = [
  { username: 'admin', heading: 'Home', visit: ['/audit', '/audit?person_id=x', '/users'] },
  { username: 'social.worker', heading: 'Your caseload', visit: ['/people/1', '/people?name=ellis', '/people?name=e', '/people/4', '/caseloads'] },
  { username: 'team.manager', heading: 'Your team', visit: ['/people/4', '/people', '/people/new', '/caseloads', '/caseloads/2'] },
  { username: 'finance', heading: 'Home', visit: ['/people/2', '/finance/payment-runs'] },
  { username: 'commissioner', heading: 'Council figures', visit: [] },
  { username: 'safeguarding', heading: 'Home', visit: ['/people/5'] },
  { username: 'provider', heading: 'People you support', visit: ['/people/1'] },
  { username: 'budget.holder', heading: 'Your support', visit: ['/people/2'] },
  { username: 'representative', heading: 'People you help', visit: ['/people/1'] },
  { username: 'head.of.service', heading: 'Home', visit: ['/approvals', '/reports/decision-times', '/people/1'] }
]

test('public pages are accessible: start, sign in, sign-in errors, not found', async () => {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(server.url + '/')
  assert.equal(await page.locator('h1').textContent(), 'Personal budgets for adult social care')
  assert.equal(await page.locator('.govuk-header__logotype, svg.govuk-header__logotype-crown').count(), 0, 'no GOV.UK crown')
  await expectAccessible(page, 'start page')
  await page.goto(server.url + '/sign-in')
  await expectAccessible(page, 'sign-in page')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.title(), /^Error: /)
  assert.equal(await page.locator('.govuk-error-summary').count(), 1)
  await expectAccessible(page, 'sign-in page with errors')
  await page.getByLabel('Username').fill('admin')
  await page.getByLabel('Password').fill('wrong password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Enter a correct username and password/)
  await page.goto(server.url + '/no-such-page')
  assert.equal(await page.locator('h1').textContent(), 'Page not found')
  await expectAccessible(page, 'not found page')
  await context.close()
})

for (const role of roles) {
  test(`${role.username} signs in, lands on "${role.heading}", and every page visited is accessible`, async () => {
    const { context, page } = await signIn(browser, server, role.username)
    assert.equal(new URL(page.url()).pathname, '/home')
    assert.equal((await page.locator('h1').textContent()).trim(), role.heading)
    await expectAccessible(page, `${role.username} home`)
    for (const path of role.visit) {
      await page.goto(server.url + path)
      await expectAccessible(page, `${role.username} ${path}`)
    }
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForLoadState('load')
    assert.equal((await page.locator('h1').textContent()).trim(), 'You have signed out')
    await expectAccessible(page, 'signed out page')
    await context.close()
  })
}

test('pages work without JavaScript', async () => {
  const { context, page } = await signIn(browser, server, 'social.worker', { javaScript: false })
  assert.equal((await page.locator('h1').textContent()).trim(), 'Your caseload')
  await page.getByRole('link', { name: 'Margaret Ellis' }).click()
  await page.waitForLoadState('load')
  assert.equal((await page.locator('h1').textContent()).trim(), 'Margaret Ellis')
  await context.close()
})
