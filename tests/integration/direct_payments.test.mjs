// Direct payments and the law (#15): who may receive one turns on capacity to
// ask for it (Care Act 2014 s.31(4)(a), s.32(1)(b)), the council's finding that
// the recipient can manage it (s.31(6), s.32(8)), an authorised person's
// footing (s.32(4)-(5)) and a nominated person's agreement (s.31(4)(b)); who a
// direct payment may pay (Direct Payments Regulations 2014 reg. 3); none when
// the person pays the full cost (s.31(1)(a)); agreements carried to a new
// budget version unless who receives it or where it is held changed; unknown
// members refused. Each refusal names the field and stores nothing. Both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client } from '../support/harness.mjs'
import { eligiblePerson, involve } from '../support/planning.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

const MARGARET = 1
const JOSEPH = 2
const isoDay = offset => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10)

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

const found = { manages: 'by_themself', manages_decided_by: 'Sam Patel, social worker', manages_decided_on: isoDay(-1) }
const toPerson = { key: 'A', mechanism: 'direct_payment', recipient: 'person', held_in: 'bank_account', ...found }
const fieldsOf = r => r.json().errors.map(e => e.field)

test(`the demo: Margaret lacks capacity to ask for a direct payment, and Sarah receives it as her attorney (${backend})`, async () => {
  const sarah = await as('representative')
  const part = (await sarah.request('GET', `/api/v1/people/${MARGARET}/budgets`)).json().budgets[0].parts[0]
  const relationships = (await sarah.request('GET', `/api/v1/people/${MARGARET}/relationships`)).json().relationships
  const attorney = relationships.find(r => r.role === 'lpa_health_welfare')
  assert.equal(part.recipient, 'authorised_person')
  assert.equal(part.authorised_as, 'attorney_or_deputy')
  assert.equal(part.representative_id, attorney.id)
  assert.equal(part.manages, 'by_themself')
  assert.equal(part.recipient_agreed_on, '2026-10-21')
  const worker = await as('social.worker')
  const capacity = (await worker.request('GET', `/api/v1/people/${MARGARET}/capacity-assessments`)).json().capacity_assessments
  assert.ok(capacity.some(a => a.decision_kind === 'requesting_direct_payment' && a.outcome === 'lacks_capacity'), JSON.stringify(capacity))
  const letter = await sarah.request('GET', `/people/${MARGARET}/budgets/1/letter`)
  assert.match(letter.text, /paid to Sarah Ellis, as Margaret(&apos;|&#39;|')s attorney or deputy, who manages it for Margaret/)
})

test(`who may receive a direct payment turns on capacity to ask for one and the record's attorneys (${backend})`, async () => {
  const worker = await as('social.worker')
  const { person } = await eligiblePerson(worker, 'Gladys')
  const plan = (await worker.send('POST', `/api/v1/people/${person}/plans`, { json: { helped_by: 'nobody', views_included: 'fully' } })).json()
  const at = `/api/v1/people/${person}/plans/${plan.id}`
  const part = json => worker.send('POST', `${at}/parts`, { json })
  const authorised = { ...toPerson, recipient: 'authorised_person', recipient_name: 'Ruth Planner', recipient_agreed_on: isoDay(-1) }

  // Assumed to have capacity (MCA s.1(2)): no authorised person without a finding.
  let r = await part({ ...authorised, authorised_as: 'suitable', suitable_decided_by: 'Team manager', suitable_decided_on: isoDay(-1) })
  assert.equal(r.status, 422, r.text)
  assert.deepEqual(fieldsOf(r), ['recipient'])
  // The council's finding that whoever receives it can manage it is required, and "no" is refused.
  const { manages, ...unfound } = toPerson
  assert.deepEqual(fieldsOf(await part(unfound)), ['manages'])
  assert.deepEqual(fieldsOf(await part({ ...toPerson, manages: 'no' })), ['manages'])
  assert.deepEqual(fieldsOf(await part({ ...toPerson, manages: 'with_help' })), ['manages_help'])
  // A nominated person must have agreed.
  assert.deepEqual(fieldsOf(await part({ ...toPerson, recipient: 'nominated_person', recipient_name: 'Ruth Planner' })), ['recipient_agreed_on'])
  // A misspelt member is refused by name, not ignored.
  r = await part({ ...toPerson, manages_decidedby: 'Sam' })
  assert.equal(r.status, 422, r.text)
  assert.deepEqual(fieldsOf(r), ['manages_decidedby'])
  assert.equal((await worker.request('GET', at)).json().parts.length, 0, 'nothing stored')

  // The old kind of assessment is no longer one: the law asks about asking.
  const old = await worker.send('POST', `/api/v1/people/${person}/capacity-assessments`, {
    json: { decision_kind: 'managing_direct_payment', assessed_on: isoDay(-2), outcome: 'lacks_capacity', assessed_by: 'Sam Patel' }
  })
  assert.equal(old.status, 422, old.text)
  assert.equal(old.json().errors[0].field, 'decision_kind')
  const lacks = await worker.send('POST', `/api/v1/people/${person}/capacity-assessments`, {
    json: { decision_kind: 'requesting_direct_payment', assessed_on: isoDay(-2), outcome: 'lacks_capacity', assessed_by: 'Sam Patel' }
  })
  assert.equal(lacks.status, 201, lacks.text)
  // Now neither she nor someone she nominates may receive it.
  assert.deepEqual(fieldsOf(await part(toPerson)), ['recipient'])
  assert.deepEqual(fieldsOf(await part({ ...toPerson, recipient: 'nominated_person', recipient_name: 'Ruth Planner', recipient_agreed_on: isoDay(-1) })), ['recipient'])
  // As an attorney: only one on her record (s.32(4)(a)).
  assert.deepEqual(fieldsOf(await part({ ...authorised, authorised_as: 'attorney_or_deputy', representative_id: '1' })), ['representative_id'])
  const ruth = (await worker.send('POST', `/api/v1/people/${person}/relationships`, {
    json: { name: 'Ruth Planner (daughter)', role: 'lpa_health_welfare', basis: 'registered_lpa', recorded_on: isoDay(-3) }
  })).json()
  // Someone else the council considers suitable needs the attorney's support (s.32(4)(b), (5)).
  const joan = { ...authorised, key: 'B', recipient_name: 'Joan Neighbour', authorised_as: 'suitable', suitable_decided_by: 'Team manager', suitable_decided_on: isoDay(-1) }
  assert.deepEqual(fieldsOf(await part(joan)), ['supported_by'])
  r = await part({ ...joan, supported_by: String(ruth.id) })
  assert.equal(r.status, 201, r.text)
  r = await part({ ...authorised, authorised_as: 'attorney_or_deputy', representative_id: String(ruth.id) })
  assert.equal(r.status, 201, r.text)
  const parts = r.json().parts
  assert.deepEqual(parts.map(p => [p.key, p.authorised_as, p.representative_id, p.supported_by]),
    [['B', 'suitable', null, ruth.id], ['A', 'attorney_or_deputy', ruth.id, null]])
})

test(`a direct payment may pay a partner, or a close relative at home, only by the council's decision (${backend})`, async () => {
  const worker = await as('social.worker')
  const { person } = await eligiblePerson(worker, 'Hilda')
  const plan = (await worker.send('POST', `/api/v1/people/${person}/plans`, { json: { helped_by: 'nobody', views_included: 'fully' } })).json()
  const at = `/api/v1/people/${person}/plans/${plan.id}`
  await worker.send('POST', `${at}/outcomes`, { json: { words: 'I want to stay at home', aim: 'keep', needs: plan.eligible_needs.join(',') } })
  assert.equal((await worker.send('POST', `${at}/parts`, { json: toPerson })).status, 201)
  const pa = {
    description: 'Help each morning', supplier_kind: 'personal_assistant', supplier_name: 'Frank', unit_cost: '20.00', cost_frequency: 'Hourly',
    planned_units_per_week: '7', service_type: 'Long Term Support: Community', service_component: 'Home Care', part: 'A', outcomes: '1'
  }
  const line = json => worker.send('POST', `${at}/lines`, { json })
  // A personal assistant paid by the direct payment: who they are to her is asked.
  assert.deepEqual(fieldsOf(await line(pa)), ['payee_relationship'])
  // Her husband, living elsewhere, is still caught (reg. 3(3)(a)).
  assert.deepEqual(fieldsOf(await line({ ...pa, payee_relationship: 'spouse_or_partner', family_in_household: 'no' })), ['necessity_reason'])
  // Her daughter is caught only at home (reg. 3(3)(c)).
  assert.deepEqual(fieldsOf(await line({ ...pa, payee_relationship: 'close_relative', family_in_household: 'yes' })), ['necessity_reason'])
  assert.equal((await worker.request('GET', at)).json().lines.length, 0, 'nothing stored')
  let r = await line({ ...pa, payee_relationship: 'close_relative', family_in_household: 'no' })
  assert.equal(r.status, 201, r.text)
  r = await line({
    ...pa, supplier_name: 'Her husband', payee_relationship: 'spouse_or_partner', necessity_reason: 'She accepts personal care from nobody else',
    necessity_decided_by: 'Team manager', necessity_decided_on: isoDay(-1)
  })
  assert.equal(r.status, 201, r.text)
  assert.deepEqual(r.json().lines.map(l => [l.payee_relationship, l.family_in_household, !!l.necessity]),
    [['close_relative', false, false], ['spouse_or_partner', false, true]])
})

test(`no direct payment when the person pays the full cost (${backend})`, async () => {
  const worker = await as('social.worker')
  const finance = await as('finance')
  const { person } = await eligiblePerson(worker, 'Ivy')
  const assessed = await finance.send('POST', `/api/v1/people/${person}/financial-assessments`, {
    json: { contribution: 'full_cost', assessed_on: isoDay(-1), assessed_by: 'Chris Lee' }
  })
  assert.equal(assessed.status, 201, assessed.text)
  const plan = (await worker.send('POST', `/api/v1/people/${person}/plans`, { json: { helped_by: 'nobody', views_included: 'fully' } })).json()
  const at = `/api/v1/people/${person}/plans/${plan.id}`
  const refused = await worker.send('POST', `${at}/parts`, { json: toPerson })
  assert.equal(refused.status, 422, refused.text)
  assert.deepEqual(fieldsOf(refused), ['mechanism'])
  assert.match(refused.json().errors[0].message, /section 31\(1\)\(a\)/)
  // The council may still arrange it for her (s.18(3)).
  assert.equal((await worker.send('POST', `${at}/parts`, { json: { key: 'A', mechanism: 'council_managed' } })).status, 201)

  // Joseph has a direct payment: a full-cost finding is refused on its field until the plan changes, and nothing is stored.
  const before = (await finance.request('GET', `/api/v1/people/${JOSEPH}/budgets`)).json()
  const full = await finance.send('POST', `/api/v1/people/${JOSEPH}/financial-assessments`, {
    json: { contribution: 'full_cost', assessed_on: isoDay(-1), assessed_by: 'Chris Lee', effective_from: isoDay(7) }
  })
  assert.equal(full.status, 422, full.text)
  assert.deepEqual(fieldsOf(full), ['contribution'])
  assert.deepEqual((await finance.request('GET', `/api/v1/people/${JOSEPH}/budgets`)).json(), before)
})

test(`unknown members are refused by the budget and provider endpoints (${backend})`, async () => {
  const finance = await as('finance')
  const assessment = await finance.send('POST', `/api/v1/people/${MARGARET}/financial-assessments`, {
    json: { contribution: 'weekly_amount', weekly_contribution: '10.00', assesed_on: isoDay(-1), assessed_by: 'Chris Lee', effective_from: isoDay(7) }
  })
  assert.equal(assessment.status, 422, assessment.text)
  assert.deepEqual(fieldsOf(assessment), ['assesed_on'])
  const agreement = await finance.send('POST', `/api/v1/people/${MARGARET}/budgets/1/agreements`, {
    json: { part_key: 'A', signed_on: '2026-11-02', signed_by: 'Sarah Ellis', review_on: '2027-01-01', reviewed: 'yes' }
  })
  assert.equal(agreement.status, 422, agreement.text)
  assert.deepEqual(fieldsOf(agreement), ['reviewed'])
  const admin = await as('admin')
  const provider = await admin.send('POST', '/api/v1/providers', { json: { name: 'Nightingale Care', kind: 'home_care_agency', cqc: '1-123456789' } })
  assert.equal(provider.status, 422, provider.text)
  assert.deepEqual(fieldsOf(provider), ['cqc'])
  const listed = (await admin.request('GET', '/api/v1/providers')).json().providers
  assert.ok(!listed.some(p => p.name === 'Nightingale Care'), 'nothing stored')
  // An entry read back and sent whole is accepted: what GET shows beside it is known.
  const entry = listed[0]
  const put = await admin.send('PUT', `/api/v1/providers/${entry.id}`, { json: { ...entry, cqc_location_id: entry.cqc_location_id ?? '' } })
  assert.equal(put.status, 200, put.text)
  const misspelt = await admin.send('PUT', `/api/v1/providers/${entry.id}`, { json: { name: entry.name, kind: entry.kind, adress: 'x' } })
  assert.deepEqual(fieldsOf(misspelt), ['adress'])
})

test(`a new budget version keeps the agreement unless who receives it or where it is held changed (${backend})`, async () => {
  const finance = await as('finance')
  const worker = await as('social.worker')
  const manager = await as('team.manager')
  // Joseph's direct payment agreement for version 1.
  const signed = await finance.send('POST', `/api/v1/people/${JOSEPH}/budgets/1/agreements`, {
    json: { part_key: 'A', signed_on: '2026-09-01', signed_by: 'Joseph Okafor', first_payment_on: '2026-09-07', review_on: '2027-03-01' }
  })
  assert.equal(signed.status, 201, signed.text)
  // The next version of his plan (the demo's, waiting) is approved: the same part A, paid to him into the same account.
  const plans = (await worker.request('GET', `/api/v1/people/${JOSEPH}/plans`)).json().plans
  const v2 = plans.find(p => p.status === 'submitted')
  const request = (await manager.request('GET', '/api/v1/approvals')).json().approvals.find(a => a.plan_id === v2.id)
  const approved = await manager.send('POST', `/api/v1/approvals/${request.id}/decision`, { json: { decision: 'approve' } })
  assert.equal(approved.status, 200, approved.text)
  const budgets = () => worker.request('GET', `/api/v1/people/${JOSEPH}/budgets`).then(r => r.json().budgets)
  let versions = await budgets()
  assert.equal(versions.length, 2)
  const carried = versions[1].parts.find(p => p.key === 'A').agreements
  assert.equal(carried.length, 1)
  assert.equal(carried[0].carried_from, signed.json().id)
  assert.equal(carried[0].review_on, '2027-03-01', 'its review date unchanged')

  // A third version moves part A to a prepaid card: the agreement does not carry, and the page says a new one is needed.
  const next = await worker.send('POST', `/api/v1/people/${JOSEPH}/plans/${v2.id}/versions`, { json: { effective_from: isoDay(28) } })
  assert.equal(next.status, 201, next.text)
  const at = `/api/v1/people/${JOSEPH}/plans/${next.json().id}`
  const pa = next.json().lines.find(l => l.part === 'A')
  assert.equal((await worker.send('DELETE', `${at}/lines/${pa.number}`)).status, 200)
  assert.equal((await worker.send('DELETE', `${at}/parts/A`)).status, 200)
  let r = await worker.send('POST', `${at}/parts`, { json: { ...toPerson, held_in: 'prepaid_card' } })
  assert.equal(r.status, 201, r.text)
  r = await worker.send('POST', `${at}/lines`, {
    json: {
      description: pa.description, supplier_kind: 'personal_assistant', supplier_name: 'Kofi Mensah', unit_cost: '24.00', cost_frequency: 'Hourly',
      planned_units_per_week: '6.5', service_type: 'Long Term Support: Community', service_component: 'Home Care', part: 'A', outcomes: '1', payee_relationship: 'not_related'
    }
  })
  assert.equal(r.status, 201, r.text)
  await involve(worker, at, 'Joseph Okafor')
  r = await worker.send('POST', `${at}/submit`, { json: {} })
  assert.equal(r.status, 200, r.text)
  const third = (await manager.request('GET', '/api/v1/approvals')).json().approvals.find(a => a.plan_id === next.json().id)
  r = await manager.send('POST', `/api/v1/approvals/${third.id}/decision`, { json: { decision: 'approve' } })
  assert.equal(r.status, 200, r.text)
  versions = await budgets()
  assert.equal(versions.length, 3)
  assert.deepEqual(versions[2].parts.find(p => p.key === 'A').agreements, [])
  const page = await finance.request('GET', `/people/${JOSEPH}/budgets`)
  assert.equal(page.status, 200)
  assert.match(page.text, /New agreement needed/)
  assert.match(page.text, /where it is held has changed since version 2/)
  assert.match(page.text, /the agreement for version 1, carried over/)
})
