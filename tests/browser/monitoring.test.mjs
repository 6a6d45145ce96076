// Finance works a flag in Debian's Chromium: the flags list with its evidence
// in plain words, the flag page and its workflow form with the keyboard-only
// form (no JavaScript needed), a second officer approving a surplus
// recovery; axe-core clean and no sideways scrolling at 320 px.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, expectReflowAt320, signIn as signInAs } from '../support/browser.mjs'
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

// The shared sign-in (tests/support/browser.mjs), with this file's browser and server.
const signIn = (username, options) => signInAs(browser, server, username, options)

test('finance finds the surplus on the flags list and recovers it with a second officer, accessibly at 320 px', async () => {
  const { context, page } = await signIn('finance')
  await page.getByRole('link', { name: 'Flags', exact: true }).first().click()
  await page.waitForLoadState('load')
  assert.equal((await page.locator('h1').textContent()).trim(), 'Flags')
  assert.match(await page.getByTestId('open-flags').textContent(), /£1,913\.00 held, the plan allows £1,101\.60 \(8 weeks\)/)
  await expectAccessible(page, 'flags list')
  await expectReflowAt320(page, 'flags list')

  await page.getByRole('link', { name: /Balance above the allowed reserve/ }).first().click()
  await page.waitForLoadState('load')
  assert.match(await page.getByTestId('flag-evidence').textContent(), /£1,913\.00 held/)
  await expectAccessible(page, 'flag page')
  await expectReflowAt320(page, 'flag page')
  // Without a note the form says what is missing.
  await page.getByRole('button', { name: 'Record that you have looked at it' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Enter a note of what you found or did/)
  await page.getByLabel('What you found').fill('Rang Sarah: money left from the old direct payment')
  await page.getByRole('button', { name: 'Record that you have looked at it' }).click()
  await page.waitForLoadState('load')
  await page.getByLabel('Recover the surplus').check()
  await page.getByLabel('What was decided, and why').fill('Agreed with Sarah to return the money above the reserve')
  await page.getByRole('button', { name: 'Record the outcome' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.getByTestId('flag-state').textContent(), /Recover the surplus/)
  await page.getByRole('button', { name: 'Prepare the recovery' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.getByTestId('maker-checker').textContent(), /another finance officer must approve it/)
  await expectAccessible(page, 'flag page waiting for approval')
  const href = page.url()
  await context.close()

  const second = await signIn('finance.checker')
  await second.page.goto(href)
  await second.page.getByRole('button', { name: 'Approve the recovery' }).click()
  await second.page.waitForLoadState('load')
  assert.match(await second.page.getByTestId('recoveries').textContent(), /£811\.40, prepared by Chris Lee .* approved by Dev Kaur/)
  assert.match(await second.page.getByTestId('surplus-now').textContent(), /£0\.00/)
  await expectAccessible(second.page, 'flag page after the recovery')
  await second.context.close()
})

test('the plan page shows the spending controls, and the change form is accessible', async () => {
  const { context, page } = await signIn('social.worker')
  await page.goto(server.url + '/people/1/spending-controls')
  assert.equal((await page.locator('h1').textContent()).trim(), 'Change the spending controls')
  await expectAccessible(page, 'spending controls form')
  await expectReflowAt320(page, 'spending controls form')
  await page.getByRole('button', { name: 'Save the controls' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Enter why the controls are changing/)
  await page.getByLabel('Why the controls are changing').fill('Agreed with Sarah at the review')
  await page.getByRole('button', { name: 'Save the controls' }).click()
  await page.waitForLoadState('load')
  assert.match(page.url(), /\/people\/1\/plans/)
  await context.close()
})
