// Joseph Okafor looks at the money in his direct payment, and finance corrects
// a transfer, in Debian's Chromium: the right figures, axe-core clean, no
// sideways scrolling at 320 px, and a correction made with the keyboard-only
// form (no JavaScript needed).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, expectReflowAt320, signIn } from '../support/browser.mjs'
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

test('Joseph sees what his direct payment holds, and every payment in and out, accessibly at 320 px', async () => {
  const { context, page } = await signIn(browser, server, 'budget.holder')
  await page.goto(server.url + '/people/2/budgets')
  const held = await page.getByTestId('money-held-A').textContent()
  assert.match(held, /Held today\s*£960\.00/)
  assert.match(held, /£1,920\.00/) // 8 weeks of £240.00
  await expectAccessible(page, 'budget page with money held')
  await page.getByRole('link', { name: /^Every payment in and out of this part \(A direct payment to / }).click()
  await page.waitForLoadState('load')
  assert.equal((await page.locator('h1').textContent()).trim(), 'Direct payment account, part A')
  assert.match(await page.getByTestId('account-summary').textContent(), /£960\.00/)
  await page.getByRole('link', { name: 'Last 12 months' }).click()
  await page.waitForLoadState('load')
  const rows = await page.getByTestId('transfers').locator('tbody tr').count()
  assert.equal(rows, 5)
  await expectAccessible(page, 'account page')
  await expectReflowAt320(page, 'account page')
  await context.close()
})

test('finance corrects a payment made twice, with a reason', async () => {
  const { context, page } = await signIn(browser, server, 'finance')
  await page.goto(server.url + '/people/2/budgets')
  await page.getByRole('link', { name: /^Every payment in and out of this part \(A direct payment to / }).click()
  await page.waitForLoadState('load')
  const links = page.getByRole('link', { name: /Correct this/ })
  // The payment of 2 November is the last row that can be corrected.
  await links.last().click()
  await page.waitForLoadState('load')
  await expectAccessible(page, 'correction form')
  await page.getByRole('button', { name: 'Record the correction' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Say why the transfer is being corrected/)
  await page.getByLabel('Why is it being corrected?').fill('Paid twice in error')
  await page.getByRole('button', { name: 'Record the correction' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.getByTestId('account-summary').textContent(), /£0\.00/)
  assert.match(await page.getByTestId('transfers').textContent(), /Paid twice in error/)
  await context.close()
})
