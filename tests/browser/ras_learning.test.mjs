// The RAS learning report (#15): a commissioner follows the navigation to how
// agreed plans compare with the RAS and reads the table per model version; an
// administrator loads the proposed model as a new version from the report and
// lands on the configuration page. axe-core and the 320 px check on each page.
// Two plans are made through the API and set approved and in force in the
// database first (approval itself is the approvals tests' subject).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { launchChromium, expectAccessible, signIn } from '../support/browser.mjs'
import { demoDatabase, startServer, sql, Client } from '../support/harness.mjs'

let server, browser

const everyAnswer = {
  washing: 'some_help', dressing: 'painful', toilet: 'alone', meals: 'forgets', moving_home: 'falls', housework: 'some_help',
  seeing_people: 'fine', going_out: 'with_someone', occupation: 'not_wanted', caring_child: 'no', memory: 'often',
  safety: 'sometimes', carer_help: 'none'
}

// A person taken from the assessment to a plan through the API, the plan then
// set approved and in force since yesterday in the database.
async function agreedPlan (db, given) {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const person = (await worker.send('POST', '/api/v1/people', { json: { given_name: given, family_name: 'Learning', date_of_birth: '1939-03-04', dementia: 'Diagnosed' } })).json().id
  const aid = (await worker.send('POST', `/api/v1/people/${person}/assessments`, { json: { completed_with: given } })).json().id
  await worker.send('PATCH', `/api/v1/people/${person}/assessments/${aid}`, { json: { answers: everyAnswer, submit: true } })
  await worker.send('POST', `/api/v1/people/${person}/assessments/${aid}/confirmation`, { json: {} })
  const proposal = (await worker.request('GET', `/api/v1/people/${person}/eligibility`)).json().proposal
  await worker.send('POST', `/api/v1/people/${person}/eligibility`, {
    json: { assessment_id: aid, impairment_or_illness: true, significant_impact_on_wellbeing: true, impact_note: 'Falls.', method_of_assessment: 'Service user only', outcomes: proposal.findings.outcomes }
  })
  assert.equal((await worker.send('POST', `/api/v1/people/${person}/allocations`, { json: { assessment_id: aid } })).status, 201)
  const plan = (await worker.send('POST', `/api/v1/people/${person}/plans`, { json: { helped_by: 'family_or_friends', views_included: 'fully' } })).json()
  const at = `/api/v1/people/${person}/plans/${plan.id}`
  await worker.send('POST', `${at}/outcomes`, { json: { words: 'I want to stay at home', aim: 'keep', needs: plan.eligible_needs.join(',') } })
  await worker.send('POST', `${at}/parts`, { json: { key: 'A', mechanism: 'council_managed' } })
  const line = await worker.send('POST', `${at}/lines`, {
    json: { description: 'Help each morning', supplier_kind: 'personal_assistant', supplier_name: 'Ann Bright', unit_cost: '22.00', cost_frequency: 'Hourly', planned_units_per_week: '14', service_type: 'Long Term Support: Community', service_component: 'Home Care', part: 'A', outcomes: '1' }
  })
  assert.equal(line.status, 201, line.text)
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10)
  sql(db, `UPDATE support_plans SET status = 'approved', effective_from = '${yesterday}' WHERE id = ${plan.id}`)
}

before(async () => {
  const db = demoDatabase()
  server = await startServer(db)
  await agreedPlan(db, 'Iris')
  await agreedPlan(db, 'Olive')
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

async function signedIn (username) {
  return (await signIn(browser, server, username)).page
}

test('a commissioner reads how agreed plans compare with the RAS', async () => {
  const commissioner = await signedIn('commissioner')
  await commissioner.getByRole('link', { name: 'Plans and the RAS' }).first().click()
  await commissioner.waitForLoadState('load')
  assert.equal(await commissioner.locator('h1').textContent(), 'How agreed plans compare with the RAS')
  const caption = await commissioner.locator('caption').first().textContent()
  assert.match(caption, /Plans that started from RAS model version \d+/)
  assert.ok(await commissioner.getByRole('rowheader', { name: 'Everyone' }).count() >= 1)
  assert.equal(await commissioner.getByRole('button', { name: 'Load this model as a new version' }).count(), 0)
  await expectAccessible(commissioner, 'the RAS learning report')
})

test('an administrator loads the proposed model from the report', async () => {
  const admin = await signedIn('admin')
  await admin.goto(server.url + '/reports/ras-learning')
  await expectAccessible(admin, 'the RAS learning report with the load button')
  await admin.getByRole('button', { name: 'Load this model as a new version' }).click()
  await admin.waitForLoadState('load')
  assert.equal(new URL(admin.url()).pathname, '/configuration')
})
