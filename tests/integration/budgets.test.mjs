// The personal budget (#15): Margaret Ellis's demo budget, its figures and
// parts, a change from a date and the budget on two dates, access by role and
// relationship, another council's ids, bad input refused with nothing stored,
// the budget letter, and interim reviews on the caseload. Both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, csrfFrom } from '../support/harness.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

const MARGARET = 1 // the first Northshire demo person
const JOSEPH = 2 // the budget holder
const HAROLD = 7 // Southvale's first person

async function signedIn (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

test(`the demo budget states the cost, who pays what and how each part is managed (${backend})`, async () => {
  const sarah = await signedIn('representative')
  const r = await sarah.request('GET', `/api/v1/people/${MARGARET}/budgets`)
  assert.equal(r.status, 200, r.text)
  const { budgets, financial_assessments: fas } = r.json()
  assert.equal(budgets.length, 1)
  const b = budgets[0]
  assert.equal(b.version, 1)
  assert.equal(b.effective_from, '2026-11-02')
  assert.equal(b.weekly, '275.50')
  assert.equal(b.yearly, '14326.00')
  assert.equal(b.contribution, 'weekly_amount')
  assert.equal(b.person_pays_weekly, '42.30')
  assert.equal(b.council_pays_weekly, '233.20')
  assert.equal(b.client_funding_status, 'Joint client and social care funded')
  assert.equal(b.deployment, 'Part direct payment')
  assert.deepEqual(b.parts.map(p => [p.key, p.mechanism, p.delivery_mechanism, p.weekly]), [
    ['A', 'direct_payment', 'Direct payment', '180.00'],
    ['B', 'council_managed', 'CASSR managed personal budget', '95.50']
  ])
  // She lacks capacity to ask for a direct payment: Sarah receives it for her.
  assert.equal(b.parts[0].recipient, 'authorised_person')
  assert.equal(b.parts[0].recipient_name, 'Sarah Ellis')
  assert.equal(b.parts[0].agreements[0].review_on, '2027-05-07')
  assert.equal(b.parts[0].agreements[0].first_review_due, '2027-05-09')
  assert.deepEqual(b.interim && [b.interim.ends_on, b.interim.review_on], ['2027-02-01', '2027-01-18'])
  assert.equal(fas[0].weekly_contribution, '42.30')
})

test(`a new financial assessment makes a new version from a date; the budget on each date is the one then in effect (${backend})`, async () => {
  const finance = await signedIn('finance')
  const before = (await finance.request('GET', `/api/v1/people/${MARGARET}/budgets`)).json()
  // Bad input: each refused naming its field, and nothing stored.
  const negative = await finance.send('POST', `/api/v1/people/${MARGARET}/financial-assessments`, {
    json: { contribution: 'weekly_amount', weekly_contribution: '-5.00', assessed_on: '2026-11-20', assessed_by: 'Chris Lee', effective_from: '2027-01-04' }
  })
  assert.equal(negative.status, 422, negative.text)
  assert.deepEqual(negative.json().errors.map(e => e.field), ['weekly_contribution'])
  const absurd = await finance.send('POST', `/api/v1/people/${MARGARET}/financial-assessments`, {
    json: { contribution: 'weekly_amount', weekly_contribution: '12345678.00', assessed_on: '2026-11-20', assessed_by: 'Chris Lee', effective_from: '2027-01-04' }
  })
  assert.equal(absurd.status, 422, absurd.text)
  assert.equal(absurd.json().errors[0].field, 'weekly_contribution')
  const noDate = await finance.send('POST', `/api/v1/people/${MARGARET}/financial-assessments`, {
    json: { contribution: 'full_cost', assessed_on: '2026-11-20', assessed_by: 'Chris Lee' }
  })
  assert.equal(noDate.status, 422, noDate.text)
  assert.deepEqual(noDate.json().errors.map(e => e.field), ['effective_from'])
  assert.deepEqual((await finance.request('GET', `/api/v1/people/${MARGARET}/budgets`)).json(), before)

  const recorded = await finance.send('POST', `/api/v1/people/${MARGARET}/financial-assessments`, {
    json: { contribution: 'weekly_amount', weekly_contribution: '60.00', assessed_on: '2026-11-20', assessed_by: 'Chris Lee', effective_from: '2027-01-04' }
  })
  assert.equal(recorded.status, 201, recorded.text)
  assert.equal(recorded.json().budget.version, 2)

  const on = async date => (await finance.request('GET', `/api/v1/people/${MARGARET}/budgets?on=${date}`)).json().budget
  assert.equal(await on('2026-11-01'), null)
  const first = await on('2027-01-03')
  assert.equal(first.version, 1)
  assert.equal(first.person_pays_weekly, '42.30')
  const second = await on('2027-01-04')
  assert.equal(second.version, 2)
  assert.equal(second.weekly, '275.50')
  assert.equal(second.person_pays_weekly, '60.00')
  assert.equal(second.council_pays_weekly, '215.50')
  assert.equal(second.parts.length, 2)
  const bad = await finance.request('GET', `/api/v1/people/${MARGARET}/budgets?on=2027-02-30`)
  assert.equal(bad.status, 422, bad.text)
  assert.equal(bad.json().errors[0].field, 'on')

  const trail = await auditEntries(server, `?person_id=${MARGARET}`)
  assert.ok(trail.some(e => e.action === 'record_financial_assessment'), JSON.stringify(trail.map(e => e.action)))
  assert.ok(trail.some(e => e.action === 'change_budget' && /version 2 from 2027-01-04/.test(e.reason)))
  assert.ok(trail.some(e => e.action === 'view_budget'))
})

test(`a direct payment agreement needs a direct-payment part and a first review within six months (${backend})`, async () => {
  const finance = await signedIn('finance')
  const late = await finance.send('POST', `/api/v1/people/${MARGARET}/budgets/1/agreements`, {
    json: { part_key: 'A', signed_on: '2026-11-02', signed_by: 'Sarah Ellis', first_payment_on: '2026-11-09', review_on: '2027-06-01' }
  })
  assert.equal(late.status, 422, late.text)
  assert.equal(late.json().errors[0].field, 'review_on')
  const councilPart = await finance.send('POST', `/api/v1/people/${MARGARET}/budgets/1/agreements`, {
    json: { part_key: 'B', signed_on: '2026-11-02', signed_by: 'Sarah Ellis', review_on: '2027-01-01' }
  })
  assert.equal(councilPart.status, 422, councilPart.text)
  assert.equal(councilPart.json().errors[0].field, 'part_key')
  const noVersion = await finance.send('POST', `/api/v1/people/${MARGARET}/budgets/99/agreements`, {
    json: { part_key: 'A', signed_on: '2026-11-02', signed_by: 'Sarah Ellis', review_on: '2027-01-01' }
  })
  assert.equal(noVersion.status, 404, noVersion.text)
})

test(`only the person, their representatives for care or money, their worker, managers, finance and safeguarding see the budget (${backend})`, async () => {
  const path = `/api/v1/people/${MARGARET}/budgets`
  // A safeguarding lead looking into financial abuse needs the budget as much as the finance record.
  for (const who of ['representative', 'social.worker', 'team.manager', 'head.of.service', 'finance', 'safeguarding']) {
    const r = await (await signedIn(who)).request('GET', path)
    assert.equal(r.status, 200, `${who}: ${r.text}`)
  }
  for (const who of ['provider', 'budget.holder', 'commissioner', 'admin']) {
    const r = await (await signedIn(who)).request('GET', path)
    assert.equal(r.status, 403, `${who}: ${r.text}`)
  }
  const joseph = await signedIn('budget.holder')
  const own = await joseph.request('GET', `/api/v1/people/${JOSEPH}/budgets`)
  assert.equal(own.status, 200, own.text)
  // Joseph's own budget, made when his support plan was approved: a direct payment to him.
  const mine = own.json().budgets
  assert.equal(mine.length, 1, own.text)
  assert.equal(mine[0].weekly, '240.00')
  assert.ok(mine[0].plan_id, 'made from a support plan')
  assert.deepEqual(mine[0].parts.map(p => [p.key, p.mechanism, p.recipient]), [['A', 'direct_payment', 'person']])
  // Recording is finance's: a social worker may look, not record.
  const worker = await signedIn('social.worker')
  const refused = await worker.send('POST', `/api/v1/people/${MARGARET}/financial-assessments`, {
    json: { contribution: 'full_cost', assessed_on: '2026-11-20', assessed_by: 'Sam Patel', effective_from: '2027-03-01' }
  })
  assert.equal(refused.status, 403, refused.text)
  // Another council's ids are not found, either way round.
  const southvale = await signedIn('southvale.worker')
  assert.equal((await southvale.request('GET', path)).status, 404)
  assert.equal((await southvale.request('GET', `/people/${MARGARET}/budgets/1/letter`)).status, 404)
  assert.equal((await worker.request('GET', `/api/v1/people/${HAROLD}/budgets`)).status, 404)
  const trail = await auditEntries(server, `?person_id=${MARGARET}`)
  assert.ok(trail.some(e => e.action === 'view_budget' && e.outcome === 'refused'), JSON.stringify(trail.slice(0, 5)))
})

test(`the budget page and letter, and interim reviews on the caseload (${backend})`, async () => {
  const sarah = await signedIn('representative')
  const page = await sarah.request('GET', `/people/${MARGARET}/budgets`)
  assert.equal(page.status, 200, page.text)
  assert.match(page.text, /£275\.50/)
  const letter = await sarah.request('GET', `/people/${MARGARET}/budgets/1/letter`)
  assert.equal(letter.status, 200, letter.text)
  assert.match(letter.text, /£275\.50/)
  assert.match(letter.text, /£14,326\.00/)
  assert.match(letter.text, /on behalf of Margaret Ellis/)
  assert.match(letter.text, /Margaret pays £42\.30 a week/)
  assert.match(letter.text, /£180\.00 a week is a direct payment, paid to Sarah Ellis, as Margaret(&apos;|&#39;|')s attorney or deputy, who manages it for Margaret/)
  assert.match(letter.text, /by 7 May 2027/)
  assert.equal((await sarah.request('GET', `/people/${MARGARET}/budgets/9/letter`)).status, 404)
  const provider = await signedIn('provider')
  assert.equal((await provider.request('GET', `/people/${MARGARET}/budgets/1/letter`)).status, 403)

  const worker = await signedIn('social.worker')
  const home = await worker.request('GET', '/home')
  assert.match(home.text, /Interim budgets to review/)
  assert.match(home.text, /18 January 2027/)
  const manager = await signedIn('team.manager')
  assert.match((await manager.request('GET', '/home')).text, /18 January 2027/)
})

test(`finance records a financial assessment from a page, without JavaScript (${backend})`, async () => {
  const finance = await signedIn('finance')
  const form = await finance.request('GET', `/people/${JOSEPH}/budgets/financial-assessment`)
  assert.equal(form.status, 200, form.text)
  const token = csrfFrom(form.text)
  assert.ok(token)
  const post = fields => finance.request('POST', `/people/${JOSEPH}/budgets/financial-assessment`, { form: { csrf_token: token, ...fields } })
  const bad = await post({ contribution: 'weekly_amount', weekly_contribution: '-2', 'assessed_on-day': '20', 'assessed_on-month': '11', 'assessed_on-year': '2026', assessed_by: 'Chris Lee' })
  assert.equal(bad.status, 422, bad.text)
  assert.match(bad.text, /href="#weekly_contribution"/)
  assert.equal((await finance.request('GET', `/api/v1/people/${JOSEPH}/budgets`)).json().financial_assessments.length, 0)
  // Joseph has a budget (from his approved plan): the new contribution starts on a date.
  const dated = { 'assessed_on-day': '20', 'assessed_on-month': '11', 'assessed_on-year': '2026', assessed_by: 'Chris Lee', 'effective_from-day': '7', 'effective_from-month': '12', 'effective_from-year': '2026' }
  // The full cost is refused while his budget is a direct payment (Care Act s.31(1)(a)), named on the form.
  const full = await post({ contribution: 'full_cost', weekly_contribution: '12.00', ...dated })
  assert.equal(full.status, 422, full.text)
  assert.match(full.text, /href="#contribution"/)
  const good = await post({ contribution: 'weekly_amount', weekly_contribution: '12.00', ...dated })
  assert.equal(good.status, 303, good.text)
  const fas = (await finance.request('GET', `/api/v1/people/${JOSEPH}/budgets`)).json().financial_assessments
  assert.deepEqual(fas.map(a => [a.contribution, a.assessed_on]), [['weekly_amount', '2026-11-20']])
  // Only finance records one: the person's own social worker may not.
  const worker = await signedIn('social.worker')
  assert.equal((await worker.request('GET', `/people/${JOSEPH}/budgets/financial-assessment`)).status, 403)
})

test(`the budget holder's home page shows his approved plan and his budget, with links to each and to the letter (${backend})`, async () => {
  const joseph = await signedIn('budget.holder')
  const home = await joseph.request('GET', '/home')
  assert.equal(home.status, 200)
  assert.match(home.text, /Your personal budget: £240\.00 a week/)
  assert.match(home.text, /£240\.00 a week: a direct payment to you/)
  assert.match(home.text, new RegExp(`href="/people/${JOSEPH}/budgets/1/letter"`))
  assert.match(home.text, /Your support plan/)
  const plan = home.text.match(new RegExp(`href="(/people/${JOSEPH}/plans/\\d+)"`))
  assert.ok(plan, 'links to the plan')
  assert.equal((await joseph.request('GET', plan[1])).status, 200)
  assert.equal((await joseph.request('GET', `/people/${JOSEPH}/budgets/1/letter`)).status, 200)
  // Both looks are audited as looks at his plan and his budget.
  const trail = await auditEntries(server, `?person_id=${JOSEPH}`)
  for (const action of ['view_plan', 'view_budget'])
    assert.ok(trail.some(e => e.action === action && e.username === 'budget.holder' && e.outcome === 'allowed'), action)
})
