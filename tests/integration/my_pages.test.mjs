// The budget holder's own pages and /api/v1/me (#17): Joseph sees his own
// budget and money to the penny, with the bank's lines; Sarah, her mother's
// health and welfare attorney, sees what her scope allows and no more; a
// review asked for reaches the worker's list with a due date from the
// council's settings, and when the worker records it, it is a review done and
// a national Review event; access the person agreed to may be ended by them,
// an attorney's may not; another council's ids, bad input and forged forms
// are refused and audited. Both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, csrfFrom, sql } from '../support/harness.mjs'

let server, db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const MARGARET = 1 // Sarah Ellis is her health and welfare attorney; she lacks capacity for care decisions
const JOSEPH = 2 // the budget holder, with a direct payment paid to him
const SOUTHVALE_PERSON = 7

async function signedIn (username, password) {
  const c = new Client(server)
  await c.signIn(username, password)
  return c
}

function isoPlusDays (days) {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

test(`Joseph sees his own budget and money to the penny, with what the bank said (${backend})`, async () => {
  const joseph = await signedIn('budget.holder')
  const people = (await joseph.request('GET', '/api/v1/me/people')).json().people
  assert.deepEqual(people.map(p => [p.id, p.self]), [[JOSEPH, true]])

  const budget = await joseph.request('GET', `/api/v1/me/people/${JOSEPH}/budget`)
  assert.equal(budget.status, 200, budget.text)
  const b = budget.json().budget
  assert.equal(b.parts[0].mechanism, 'direct_payment')
  assert.equal(b.parts[0].every_four_weeks, '960.00')
  assert.equal(b.parts[0].weekly, '240.00')
  assert.equal(b.parts[0].yearly, '12480.00')

  const accounts = (await joseph.request('GET', `/api/v1/people/${JOSEPH}/accounts`)).json().accounts
  const account = accounts[0].id
  // Two lines of the bank's statement for the account, as the statement import
  // (migration 0019) stores them: one wage payment out, one cash withdrawal.
  sql(db, `INSERT INTO statement_imports (council_id, account_id, format, file_name, file_sha256, imported_by, imported_at)
           SELECT council_id, id, 'csv', 'october.csv', 'abc', NULL, '2026-11-01T09:00:00Z' FROM ledger_accounts WHERE id = ${account}`)
  const importId = sql(db, `SELECT MAX(id) FROM statement_imports`)
  sql(db, `INSERT INTO statement_lines (council_id, account_id, import_id, line_identity, booking_date, amount_pence, payee, description, cash, category)
           SELECT council_id, id, ${importId}, 'l1', '2026-10-02', -90000, 'K JONES', 'WAGES OCT', 0, 'pa_wages' FROM ledger_accounts WHERE id = ${account}`)
  sql(db, `INSERT INTO statement_lines (council_id, account_id, import_id, line_identity, booking_date, amount_pence, payee, description, cash)
           SELECT council_id, id, ${importId}, 'l2', '2026-10-03', -6000, '', 'CASH ATM HIGH ST', 1 FROM ledger_accounts WHERE id = ${account}`)

  const money = await joseph.request('GET', `/api/v1/me/people/${JOSEPH}/money?from=2026-09-01&to=2026-11-30`)
  assert.equal(money.status, 200, money.text)
  const part = money.json().parts[0]
  assert.equal(part.paid_in, '2880.00')
  assert.equal(part.spent, '1920.00')
  assert.equal(part.left, '960.00')
  assert.equal(part.held, '960.00')
  assert.equal(part.reserve_allowed, '1920.00')
  assert.deepEqual(part.bank_lines.map(l => [l.booking_date, l.amount, l.cash]), [['2026-10-02', '-900.00', false], ['2026-10-03', '-60.00', true]])
  const spentTotal = part.spent_by_category.reduce((sum, c) => sum + Number(c.amount), 0) + Number(part.other_spending)
  assert.equal(spentTotal.toFixed(2), '1920.00', 'the categories add up to what was spent')

  const bad = await joseph.request('GET', `/api/v1/me/people/${JOSEPH}/money?from=2026-11-30&to=2026-09-01`)
  assert.equal(bad.status, 422)
  assert.equal(bad.json().errors[0].field, 'to')

  // The pages: his own words, every figure given, and the printable statement.
  const page = await joseph.request('GET', `/my/${JOSEPH}/money?from-day=1&from-month=9&from-year=2026&to-day=30&to-month=11&to-year=2026`)
  assert.equal(page.status, 200, page.text)
  assert.match(page.text, /<h1 class="govuk-heading-l">Your money<\/h1>/)
  assert.match(page.text, /£2,880\.00/)
  assert.match(page.text, /K JONES/)
  assert.match(page.text, /\(cash\)/)
  const statement = await joseph.request('GET', `/my/${JOSEPH}/money/statement?from-day=1&from-month=9&from-year=2026&to-day=30&to-month=11&to-year=2026`)
  assert.equal(statement.status, 200)
  assert.match(statement.text, /From 1 September 2026 to 30 November 2026/)
  const wrongDate = await joseph.request('GET', `/my/${JOSEPH}/money?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=3&to-year=2026`)
  assert.equal(wrongDate.status, 422)
  assert.match(wrongDate.text, /The first day must be a real date/)

  const budgetPage = await joseph.request('GET', `/my/${JOSEPH}/budget`)
  assert.match(budgetPage.text, /Your budget/)
  assert.match(budgetPage.text, /£240\.00 a week/)
  assert.match(budgetPage.text, /£12,480\.00 a year/)
  // Not someone else's.
  assert.equal((await joseph.request('GET', `/my/${MARGARET}/budget`)).status, 403)
  assert.equal((await joseph.request('GET', `/api/v1/me/people/${MARGARET}/money`)).status, 403)
  assert.equal((await joseph.request('GET', `/my/${SOUTHVALE_PERSON}/budget`)).status, 404)
  assert.equal((await joseph.request('GET', '/my')).headers.location, `/my/${JOSEPH}`)
})

test(`Sarah sees what her scope allows for her mother, and every page says whose it is (${backend})`, async () => {
  const sarah = await signedIn('representative')
  const people = (await sarah.request('GET', '/api/v1/me/people')).json().people
  assert.deepEqual(people.map(p => [p.id, p.self]), [[MARGARET, false]])
  const budget = await sarah.request('GET', `/my/${MARGARET}/budget`)
  assert.equal(budget.status, 200, budget.text)
  assert.match(budget.text, /Margaret Ellis&#39;s budget|Margaret Ellis's budget/)
  // A health and welfare attorney does not act on money: no accounts.
  const money = await sarah.request('GET', `/api/v1/me/people/${MARGARET}/money`)
  assert.equal(money.status, 403)
  assert.equal((await sarah.request('GET', `/my/${MARGARET}/money`)).status, 403)
  const refused = (await auditEntries(server, `?person_id=${MARGARET}`)).filter(e => e.action === 'view_ledger' && e.outcome === 'refused')
  assert.ok(refused.some(e => e.username === 'representative'), 'the refusal is audited')
  assert.equal((await sarah.request('GET', `/my/${JOSEPH}/budget`)).status, 403)
  const plan = await sarah.request('GET', `/my/${MARGARET}/plan`)
  assert.equal(plan.status, 200)
  assert.match(plan.text, /Margaret Ellis&#39;s support plan|Margaret Ellis's support plan/)
})

test(`a review asked for reaches the worker with the council's due date, and is recorded once, as a national Review event (${backend})`, async () => {
  const admin = await signedIn('admin')
  const days = await admin.send('PUT', '/api/v1/council/review-request-days', { json: { reason: 'money_problems', days: '3' } })
  assert.equal(days.status, 200, days.text)
  const tooMany = await admin.send('PUT', '/api/v1/council/review-request-days', { json: { reason: 'money_problems', days: '365' } })
  assert.equal(tooMany.status, 422)
  assert.equal(tooMany.json().errors[0].field, 'days')
  assert.equal((await (await signedIn('budget.holder')).send('PUT', '/api/v1/council/review-request-days', { json: { reason: 'money_problems', days: '90' } })).status, 403)

  const sarah = await signedIn('representative')
  const noReason = await sarah.send('POST', `/api/v1/me/people/${MARGARET}/review-requests`, { json: { details: 'x' } })
  assert.equal(noReason.status, 422)
  assert.equal(noReason.json().errors[0].field, 'reason')
  const asked = await sarah.send('POST', `/api/v1/me/people/${MARGARET}/review-requests`, {
    json: { reason: 'money_problems', details: 'The direct payment did not arrive.' }
  })
  assert.equal(asked.status, 201, asked.text)
  assert.equal(asked.json().due_on, isoPlusDays(3))
  assert.equal(asked.json().status, 'due')
  const twice = await sarah.send('POST', `/api/v1/me/people/${MARGARET}/review-requests`, { json: { reason: 'money_problems' } })
  assert.equal(twice.status, 422, 'the same reason, still waiting, is not asked twice')
  const audited = (await auditEntries(server, `?person_id=${MARGARET}`)).filter(e => e.action === 'record_review_request')
  assert.ok(audited.some(e => e.outcome === 'allowed') && audited.some(e => e.outcome === 'refused'))

  // The worker's home page lists it; recording it is recording the review.
  const worker = await signedIn('social.worker')
  const home = await worker.request('GET', '/home')
  assert.match(home.text, /Review asked for by Sarah Ellis: A problem with the money/)
  const due = (await worker.request('GET', `/api/v1/people/${MARGARET}/reviews`)).json().due
  const key = due.find(r => r.what === 'Review asked for by Sarah Ellis: A problem with the money').review
  const done = await worker.send('POST', `/api/v1/people/${MARGARET}/reviews`, {
    json: { review: key, done_on: isoPlusDays(0), done_by: 'Sam Patel', outcome: 'plan_revised', notes: 'Payment reissued; plan to change.' }
  })
  assert.equal(done.status, 201, done.text)
  const again = await worker.send('POST', `/api/v1/people/${MARGARET}/reviews`, {
    json: { review: key, done_on: isoPlusDays(0), done_by: 'Sam Patel', outcome: 'plan_revised' }
  })
  assert.equal(again.status, 422, 'recorded once')
  const events = (await worker.request('GET', `/api/v1/people/${MARGARET}/events`)).json()
  const reviews = (events.events || events).filter(e => e.event_type === 'Review')
  assert.equal(reviews.length, 1, JSON.stringify(reviews))
  assert.equal(reviews[0].event_outcome, 'Progress to support planning or services')
  assert.match(reviews[0].event_description, /Review asked for by Sarah Ellis \(a problem with the money\)/)

  const progress = (await sarah.request('GET', `/api/v1/me/people/${MARGARET}/review-requests`)).json().requests
  const answered = progress.find(r => r.reason === 'money_problems')
  assert.equal(answered.status, 'done')
  assert.equal(answered.outcome, 'plan_revised')
  const page = await sarah.request('GET', `/my/${MARGARET}/review`)
  assert.match(page.text, /Done: your social worker looked at your support/)

  // Joseph may not ask for Margaret; a forged form is refused and audited.
  const joseph = await signedIn('budget.holder')
  assert.equal((await joseph.send('POST', `/api/v1/me/people/${MARGARET}/review-requests`, { json: { reason: 'needs_changed' } })).status, 403)
  const forged = await joseph.request('POST', `/my/${JOSEPH}/review/new`, { form: { reason: 'needs_changed' } })
  assert.equal(forged.status, 403)
  const checks = (await auditEntries(server)).filter(e => e.action === 'request_check' && e.outcome === 'refused')
  assert.ok(checks.length > 0, 'the forged form is audited')
  // The page form, with its token, works and shows the progress.
  const form = await joseph.request('GET', `/my/${JOSEPH}/review/new`)
  const sent = await joseph.request('POST', `/my/${JOSEPH}/review/new`, { form: { csrf_token: csrfFrom(form.text), reason: 'needs_changed', details: 'I fell.' } })
  assert.equal(sent.status, 303, sent.text)
  const mine = await joseph.request('GET', `/my/${JOSEPH}/review?sent=1`)
  assert.match(mine.text, /My needs have changed/)
  assert.match(mine.text, /Sent to your social worker/)
  const empty = await joseph.request('POST', `/my/${JOSEPH}/review/new`, { form: { csrf_token: csrfFrom(form.text), reason: '' } })
  assert.equal(empty.status, 422)
  assert.match(empty.text, /Choose why you want a review/)
})

test(`access the person agreed to may be ended by them; an attorney's may not (${backend})`, async () => {
  const worker = await signedIn('social.worker')
  const friend = await worker.send('POST', `/api/v1/people/${JOSEPH}/relationships`, {
    json: { name: 'Femi Okafor (brother)', role: 'family_carer', basis: 'consent', recorded_on: '2026-11-01', access_scope: 'view' }
  })
  assert.equal(friend.status, 201, friend.text)
  const given = await worker.send('POST', `/api/v1/people/${JOSEPH}/access`, { json: { relationship_id: friend.json().id } })
  assert.equal(given.status, 201, given.text)

  assert.equal((await worker.request('GET', `/api/v1/people/${JOSEPH}`)).status, 200, 'the worker looks at his record')
  const joseph = await signedIn('budget.holder')
  const list = await joseph.request('GET', `/api/v1/me/people/${JOSEPH}/access`)
  assert.equal(list.status, 200, list.text)
  const femi = list.json().accounts.find(a => a.relationship_id === friend.json().id)
  assert.equal(femi.may_end, true)
  assert.equal(femi.basis, 'consent')
  // The worker's looks are shown by role, not the reader's own.
  assert.ok(list.json().latest_looks.some(l => l.role === 'social_worker'))

  const page = await joseph.request('GET', `/my/${JOSEPH}/access/withdraw?relationship=${friend.json().id}`)
  assert.equal(page.status, 200)
  const ended = await joseph.request('POST', `/my/${JOSEPH}/access/withdraw`, { form: { csrf_token: csrfFrom(page.text), relationship: String(friend.json().id) } })
  assert.equal(ended.status, 303, ended.text)
  const after = (await joseph.request('GET', `/api/v1/me/people/${JOSEPH}/access`)).json().accounts
  assert.equal(after.find(a => a.relationship_id === friend.json().id), undefined)

  // Sarah acts for Margaret on care, but her own power of attorney is not hers to end here.
  const sarah = await signedIn('representative')
  const hers = (await sarah.request('GET', `/api/v1/me/people/${MARGARET}/access`)).json().accounts
  const lpa = hers.find(a => a.basis === 'registered_lpa')
  assert.equal(lpa.may_end, false)
  assert.match(lpa.why_not, /Office of the Public Guardian/)
  const refused = await sarah.send('POST', `/api/v1/me/people/${MARGARET}/access/withdraw`, { json: { relationship_id: lpa.relationship_id } })
  assert.equal(refused.status, 403)
  const unknown = await sarah.send('POST', `/api/v1/me/people/${MARGARET}/access/withdraw`, { json: { relationship_id: 999999 } })
  assert.equal(unknown.status, 422)
  const trail = (await auditEntries(server, `?person_id=${MARGARET}`)).filter(e => e.action === 'withdraw_access' && e.outcome === 'refused')
  assert.ok(trail.some(e => /the law does not let the person end it/.test(e.reason)))
  assert.equal((await sarah.request('GET', `/api/v1/me/people/${MARGARET}/access`)).json().accounts.find(a => a.basis === 'registered_lpa').may_end, false)
})
