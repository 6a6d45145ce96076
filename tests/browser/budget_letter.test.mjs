// Margaret's daughter Sarah reads her mother's personal budget and its letter
// in Debian's Chromium: the right figures, axe-core clean, and no sideways
// scrolling at 320 px (the letter is read on a phone as often as on paper).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn } from '../support/browser.mjs'
import { demoDatabase, startServer } from '../support/harness.mjs'

let server, browser
before(async () => {
  server = await startServer(demoDatabase())
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

test('the budget page and the budget letter show the right figures, accessibly, at 320 px', async () => {
  const { context, page } = await signIn(browser, server, 'representative')

  await page.goto(server.url + '/people/1/budgets')
  assert.equal((await page.locator('h1').textContent()).trim(), 'Personal budget')
  const today = await page.getByTestId('current-budget').textContent()
  assert.match(today, /£275\.50/)
  assert.match(today, /£14,326\.00/)
  assert.match(today, /£42\.30/)
  assert.match(today, /£233\.20/)
  assert.match(today, /Part direct payment/)
  await expectAccessible(page, 'budget page')

  await page.getByRole('link', { name: 'Budget letter for version 1' }).first().click()
  await page.waitForLoadState('load')
  assert.equal((await page.locator('h1').textContent()).trim(), "Margaret Ellis's personal budget")
  assert.equal((await page.getByTestId('weekly').textContent()).trim(), '£275.50')
  assert.equal((await page.getByTestId('yearly').textContent()).trim(), '£14,326.00')
  assert.match(await page.getByTestId('who-pays').textContent(), /Margaret pays £42\.30 a week towards it.*The council pays the rest: £233\.20 a week/)
  await expectAccessible(page, 'budget letter')
  await context.close()
})
