// The administrator keeps the council's register of providers in Chromium:
// the list, adding a provider (with errors first) and changing one, each page
// checked by axe-core (WCAG 2.2 AA) and at 320 px wide.
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

test('an administrator lists, adds and changes providers on accessible pages', async () => {
  const { context, page } = await signIn(browser, server, 'admin')

  await page.getByRole('link', { name: 'Providers', exact: true }).click()
  await page.waitForLoadState('load')
  assert.equal((await page.locator('h1').textContent()).trim(), 'Register of providers')
  assert.equal(await page.getByRole('cell', { name: 'Brightside Care', exact: true }).count(), 1)
  await expectAccessible(page, 'register of providers')

  await page.getByRole('button', { name: 'Add a provider' }).click()
  await page.waitForLoadState('load')
  await expectAccessible(page, 'add a provider')
  await page.getByLabel('Name of the organisation or person').fill('Oak Tree Companions')
  await page.getByLabel('CQC location ID (if registered)').fill('1-23')
  await page.getByRole('button', { name: 'Add to the register' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.title(), /^Error: /)
  const summary = await page.locator('.govuk-error-summary').textContent()
  assert.match(summary, /kind of provider/)
  assert.match(summary, /CQC location id must be/)
  await expectAccessible(page, 'add a provider with errors')

  await page.getByLabel('Micro-enterprise').check()
  await page.getByLabel('CQC location ID (if registered)').fill('')
  await page.getByRole('button', { name: 'Add to the register' }).click()
  await page.waitForLoadState('load')
  assert.equal((await page.locator('h1').textContent()).trim(), 'Register of providers')
  assert.equal(await page.getByRole('cell', { name: 'Oak Tree Companions', exact: true }).count(), 1)

  await page.getByRole('link', { name: 'Change Oak Tree Companions' }).click()
  await page.waitForLoadState('load')
  await expectAccessible(page, 'change a provider')
  await page.getByLabel('Phone number (optional)').fill('07700 900 789')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await page.waitForLoadState('load')
  assert.equal(await page.getByRole('cell', { name: /07700 900 789/ }).count(), 1)
  await context.close()
})
