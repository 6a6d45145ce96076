// The end of Margaret Ellis's support, recorded by her social worker from her
// page; the gentle page her daughter then reads; and finance's recovery case
// for the money paid in advance past the end, with a plan of instalments
// agreed on a form: in Debian's Chromium, axe-core clean, no sideways
// scrolling at 320 px, plain forms that need no JavaScript.
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

test('the social worker records the end of support from the person\'s page, and the family reads it gently', async () => {
  const { context, page } = await signIn('social.worker')
  await page.goto(server.url + '/people/1')
  await page.getByRole('link', { name: /^Record that support has ended/ }).click()
  await page.waitForLoadState('load')
  await expectAccessible(page, 'end of support form')
  await expectReflowAt320(page, 'end of support form')
  // Sent empty: each problem named, nothing recorded.
  await page.getByRole('button', { name: 'Record the end of support' }).click()
  await page.waitForLoadState('load')
  assert.match(await page.locator('.govuk-error-summary').textContent(), /Choose what has happened/)
  await page.getByLabel('Their support from the council has ended').check()
  await page.getByLabel('Day').fill('30')
  await page.getByLabel('Month').fill('11')
  await page.getByLabel('Year').fill('2026')
  await page.getByRole('button', { name: 'Record the end of support' }).click()
  await page.waitForLoadState('load')
  assert.equal((await page.locator('h1').textContent()).trim(), "Margaret's support from the council has ended")
  await context.close()

  const family = await signIn('representative')
  await family.page.goto(server.url + '/people/1')
  assert.match(await family.page.getByTestId('support-end').textContent(), /support from the council ended on 30 November 2026/)
  await family.page.getByRole('link', { name: /^What this means/ }).click()
  await family.page.waitForLoadState('load')
  const words = await family.page.locator('main').textContent()
  assert.match(words, /You do not need to do anything straight away/)
  assert.match(words, /nothing needs to be paid now/)
  await expectAccessible(family.page, 'end of support page')
  await expectReflowAt320(family.page, 'end of support page')
  await family.context.close()
})

test('finance opens the recovery case and agrees instalments that add up exactly', async () => {
  const { context, page } = await signIn('finance')
  await page.goto(server.url + '/finance/recovery-cases')
  await expectAccessible(page, 'recovery cases')
  await page.getByRole('link', { name: /^Case \d+$/ }).first().click()
  await page.waitForLoadState('load')
  assert.equal((await page.getByTestId('case-amount').textContent()).trim(), '£668.82')
  await expectAccessible(page, 'recovery case')
  await expectReflowAt320(page, 'recovery case')
  await page.getByRole('link', { name: 'Agree how it is repaid' }).click()
  await page.waitForLoadState('load')
  await page.getByLabel('Number of monthly payments').fill('3')
  await page.getByLabel('Day', { exact: true }).fill('15')
  await page.getByLabel('Month', { exact: true }).fill('12')
  await page.getByLabel('Year', { exact: true }).fill('2026')
  await page.getByRole('button', { name: 'Save the plan' }).click()
  await page.waitForLoadState('load')
  const plan = await page.getByTestId('plan').locator('tbody tr').allTextContents()
  assert.equal(plan.length, 3)
  assert.ok(plan.every(row => /£222\.94/.test(row)), plan.join(' | '))
  await context.close()
})
