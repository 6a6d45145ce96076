// The printed plan as Sarah reads it for her mother, and a refused plan as
// the social worker finds it on their home page: axe-core and the 320 px check
// on each (issue #15: the printed plan, refusals and wording).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn } from '../support/browser.mjs'
import { demoDatabase, startServer, Client } from '../support/harness.mjs'
import { eligiblePerson, involve } from '../support/planning.mjs'

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

test('Sarah reads her mother\'s printed plan: large type, the needs and what meets them, the budget and the direct payment', async () => {
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const margaret = (await manager.request('GET', '/api/v1/people?name=Ellis')).json().people.find(p => p.given_name === 'Margaret')
  const approved = (await manager.request('GET', `/api/v1/people/${margaret.id}/plans`)).json().plans.find(p => p.status === 'approved')
  const page = await signedIn('representative')
  await page.goto(`${server.url}/people/${margaret.id}/plans/${approved.id}/print`)
  const text = await page.locator('main').textContent()
  assert.match(text, /The needs the council must meet/)
  assert.match(text, /It is paid every 4 weeks, in advance: £720\.00 each time \(4 times the weekly amount\)/)
  assert.match(text, /Margaret pays £42\.30 a week towards it/)
  assert.match(text, /9 hours a week/)
  assert.match(text, /Local Government and Social Care Ombudsman/)
  const size = await page.locator('[data-testid="wellbeing"]').evaluate(e => parseFloat(getComputedStyle(e).fontSize))
  assert.ok(size >= 24, `body text is ${size}px`)
  await expectAccessible(page, 'printed plan')
  await page.context().close()
})

test('a refused plan says what happens next, and waits on the social worker\'s home page', async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const { person } = await eligiblePerson(worker, 'Henrietta')
  const base = `/api/v1/people/${person}/plans`
  const plan = (await worker.send('POST', base, { json: { helped_by: 'council', views_included: 'fully' } })).json()
  const at = `${base}/${plan.id}`
  await worker.send('POST', `${at}/outcomes`, { json: { words: 'Stay at home', aim: 'keep', needs: plan.eligible_needs.join(',') } })
  await worker.send('POST', `${at}/parts`, { json: { key: 'A', mechanism: 'council_managed' } })
  const line = { description: 'Home care each morning', supplier_kind: 'still_to_find', supplier_name: '', unit_cost: '20.00', cost_frequency: 'Hourly', planned_units_per_week: '7.75', service_type: 'Long Term Support: Community', service_component: 'Home Care', part: 'A', outcomes: '1' }
  assert.equal((await worker.send('POST', `${at}/lines`, { json: line })).status, 201)
  await worker.send('PUT', at, { json: { backup_cover: 'Her son', who_to_call: 'Tom, 07700 900789', wellbeing: 'My dog and my garden', prevention_advice: 'The lunch club on Wednesdays' } })
  await involve(worker, at, 'Henrietta')
  const sent = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.equal(sent.status, 200, sent.text)
  const request = (await manager.request('GET', '/api/v1/approvals')).json().approvals.find(a => a.plan_id === plan.id)
  const refused = await manager.send('POST', `/api/v1/approvals/${request.id}/decision`, { json: { decision: 'refuse', reasons: 'Reablement first: she may not need this after six weeks.' } })
  assert.equal(refused.status, 200, refused.text)

  const page = await signedIn('social.worker')
  const table = page.getByTestId('plans-to-act-on')
  assert.match(await table.textContent(), /Henrietta Planner/)
  await expectAccessible(page, 'home page with a refused plan')
  await table.getByRole('row', { name: /Henrietta Planner/ }).getByRole('link').click()
  await page.waitForLoadState('load')
  const next = await page.getByTestId('refused-next-steps').textContent()
  assert.match(next, /will talk to Henrietta about the decision and what to do next/)
  assert.match(next, /Local Government and Social Care Ombudsman/)
  const main = await page.locator('main').textContent()
  assert.match(main, /7 hours 45 minutes a week/)
  assert.doesNotMatch(main, /7\.75/)
  await expectAccessible(page, 'refused plan')
  await page.context().close()
})
