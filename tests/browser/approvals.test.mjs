// A team manager opens the plans waiting for approval, tries to approve
// Dorothy's without saying why it costs more than her indicative budget, is
// told which field to fill in, and approves it; the head of service approves
// Margaret's, above the team manager's limit; the decision-time report and the
// administrator's thresholds page. axe-core and the 320 px check on every page.
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

async function signedIn (username) {
  return (await signIn(browser, server, username)).page
}

async function submit (page, name) {
  await page.getByRole('button', { name }).click()
  await page.waitForLoadState('load')
}

test('a manager approves a plan, giving the reason it costs more than the indicative budget', async () => {
  const manager = await signedIn('team.manager')
  await manager.getByRole('link', { name: 'Approvals' }).first().click()
  await manager.waitForLoadState('load')
  assert.equal(await manager.locator('h1').textContent(), 'Plans waiting for approval')
  const queue = await manager.locator('main').textContent()
  assert.match(queue, /Dorothy Hughes/)
  assert.doesNotMatch(queue, /Margaret Ellis/, 'over the team manager\'s limit')
  await expectAccessible(manager, 'the approval queue')

  await manager.getByRole('link', { name: /Dorothy Hughes/ }).click()
  await manager.waitForLoadState('load')
  const request = await manager.locator('main').textContent()
  assert.match(request, /£412\.50/)
  assert.match(request, /£32\.50 a week more than the first estimate/)
  await expectAccessible(manager, 'a plan waiting for a decision')

  await manager.getByLabel('Approve the plan').check()
  await submit(manager, 'Record the decision')
  const error = await manager.locator('.govuk-error-summary').textContent()
  assert.match(error, /£412\.50 a week and the indicative amount was £380\.00/)
  await expectAccessible(manager, 'the decision with an error')

  await manager.getByLabel('Approve the plan').check()
  await manager.getByLabel('Why does the cost differ?').selectOption('needs_changed')
  await manager.getByLabel('Explain in a few words').fill('A second visit each evening since her fall in October.')
  await submit(manager, 'Record the decision')
  const decided = await manager.locator('main').textContent()
  assert.match(decided, /Approved/)
  assert.match(decided, /Approval thresholds version 2/)
  assert.match(decided, /Needs have changed since the assessment: A second visit each evening/)
  await expectAccessible(manager, 'an approved plan')

  await manager.goto(server.url + '/reports/decision-times')
  assert.match(await manager.locator('main').textContent(), /90th percentile/)
  await expectAccessible(manager, 'the decision-time report')
})

test('over the team manager\'s limit the page says so; the head of service approves', async () => {
  const manager = await signedIn('team.manager')
  const head = await signedIn('head.of.service')
  await head.goto(server.url + '/approvals')
  await head.getByRole('link', { name: /Margaret Ellis/ }).click()
  await head.waitForLoadState('load')
  const url = head.url()
  await manager.goto(url)
  assert.match(await manager.locator('.govuk-inset-text').textContent(), /Your limit as a team manager is £800\.00 a week; this plan costs £912\.50 a week\. It waits for a head of service\./)
  assert.equal(await manager.getByRole('button', { name: 'Record the decision' }).count(), 0)
  await expectAccessible(manager, 'a plan above the viewer\'s limit')
  await head.getByLabel('Approve the plan').check()
  await submit(head, 'Record the decision')
  assert.match(await head.locator('main').textContent(), /Approved/)
  await expectAccessible(head, 'approved by the head of service')
})

test('the administrator sees the versions of the thresholds', async () => {
  const admin = await signedIn('admin')
  await admin.goto(server.url + '/configuration/approval-thresholds')
  const text = await admin.locator('main').textContent()
  assert.match(text, /Northshire delegated authority, April 2026/)
  assert.match(text, /In effect/)
  await expectAccessible(admin, 'the approval thresholds')
  const finance = await signedIn('finance')
  await finance.goto(server.url + '/approvals')
  await expectAccessible(finance, 'plans for finance to acknowledge')
})
