// End of support, recovery cases and contribution invoices (#16), both back
// ends: an end recorded before periods already paid opens a case for exactly
// the days after; a run after the end prepares nothing for the person; money
// received in instalments repays the case in the ledger; a write-off
// proposed by one officer is refused to her (audited) and approved by
// another; contributions invoiced, paid in part and shown as arrears; access
// for each role and another council; bad input refused with nothing stored.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, sql, csrfFrom } from '../support/harness.mjs'

let server
let db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const MARGARET = 1
const JOSEPH = 2
const AISHA = 4

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

// The balance of the council's overpayments-due account, in pence, from the ledger itself.
const overpaymentsDue = () => Number(sql(db, "SELECT COALESCE((SELECT SUM(t.amount_pence) FROM ledger_transfers t JOIN ledger_accounts a ON a.id = t.credit_account WHERE a.kind = 'overpayments_due'), 0) - COALESCE((SELECT SUM(t.amount_pence) FROM ledger_transfers t JOIN ledger_accounts a ON a.id = t.debit_account WHERE a.kind = 'overpayments_due'), 0)"))

test(`contributions invoiced by the council follow the schedule; arrears are shown oldest first (${backend})`, async () => {
  const admin = await as('admin')
  const finance = await as('finance')
  // The demo council deducts contributions, so there is nothing to invoice.
  const refused = await finance.send('POST', '/api/v1/contribution-invoices', { json: { up_to: '2026-12-01' } })
  assert.equal(refused.status, 422, refused.text)
  assert.match(refused.json().errors[0].message, /takes contributions off direct payments/)
  const settings = (await admin.request('GET', '/api/v1/payment-settings')).json()
  const put = await admin.send('PUT', '/api/v1/payment-settings', { json: { ...settings, deduct_contribution: false } })
  assert.equal(put.status, 200, put.text)
  const bad = await finance.send('POST', '/api/v1/contribution-invoices', { json: { up_to: '1 December' } })
  assert.equal(bad.status, 422)
  assert.equal(bad.json().errors[0].field, 'up_to')
  // Margaret's schedule starts on 9 November: one four-weekly period by 1 December, £42.30 a week.
  const raised = await finance.send('POST', '/api/v1/contribution-invoices', { json: { up_to: '2026-12-01' } })
  assert.equal(raised.status, 201, raised.text)
  assert.deepEqual(raised.json(), { raised: 1, people: 1, total: '169.20' })
  const again = await finance.send('POST', '/api/v1/contribution-invoices', { json: { up_to: '2026-12-01' } })
  assert.equal(again.status, 422)
  const list = (await finance.request('GET', '/api/v1/contribution-invoices')).json()
  assert.equal(list.unpaid_invoices.length, 1)
  const invoice = list.unpaid_invoices[0]
  assert.deepEqual([invoice.period_start, invoice.period_end, invoice.due_on, invoice.amount], ['2026-11-09', '2026-12-06', '2026-11-23', '169.20'])
  assert.deepEqual(list.arrears.map(a => [a.person_id, a.owed, a.since]), [[MARGARET, '169.20', '2026-11-23']])
  // More than is unpaid: refused, naming the amount, nothing stored.
  const over = await finance.send('POST', `/api/v1/contribution-invoices/${invoice.id}/payments`, { json: { amount: '169.21', received_on: '2026-11-30' } })
  assert.equal(over.status, 422)
  assert.equal(over.json().errors[0].field, 'amount')
  const paid = await finance.send('POST', `/api/v1/contribution-invoices/${invoice.id}/payments`, { json: { amount: '50.00', received_on: '2026-11-30' } })
  assert.equal(paid.status, 201, paid.text)
  assert.equal(paid.json().unpaid, '119.20')
  assert.equal(sql(db, "SELECT amount_pence FROM ledger_transfers WHERE transfer_id = 'contribution:" + invoice.id + ":1'"), '5000')
  // Whoever sees the budget sees the arrears; finance's list too.
  const rep = await as('representative')
  const mine = (await rep.request('GET', `/api/v1/people/${MARGARET}/contribution-invoices`)).json()
  assert.equal(mine.arrears.owed, '119.20')
  const budgetPage = await rep.request('GET', `/people/${MARGARET}/budgets`)
  assert.match(budgetPage.text, /£119\.20/)
  assert.equal((await (await as('social.worker')).request('GET', '/api/v1/contribution-invoices')).status, 403)
  assert.equal((await (await as('southvale.worker')).request('GET', `/api/v1/people/${MARGARET}/contribution-invoices`)).status, 404)
  const page = await finance.request('GET', '/finance/contributions')
  assert.equal(page.status, 200)
  assert.match(page.text, /Margaret Ellis/)
  // Back to deducting, as the demo has it, for the tests below.
  assert.equal((await admin.send('PUT', '/api/v1/payment-settings', { json: settings })).status, 200)
})

test(`an end recorded before periods already paid opens a case for exactly the days after (${backend})`, async () => {
  const worker = await as('social.worker')
  // Bad input names its fields and stores nothing.
  const bad = await worker.send('POST', `/api/v1/people/${MARGARET}/end-of-support`, { json: { kind: 'gone', on: '2026-02-30' } })
  assert.equal(bad.status, 422)
  assert.deepEqual(bad.json().errors.map(e => e.field).sort(), ['kind', 'on'])
  const unknown = await worker.send('POST', `/api/v1/people/${MARGARET}/end-of-support`, { json: { kind: 'support_ended', on: '2026-11-30', when: 'x' } })
  assert.equal(unknown.status, 422)
  assert.equal(sql(db, 'SELECT count(*) FROM support_endings'), '0')
  // Nobody but her worker, a team manager or finance records it; another council does not find her.
  assert.equal((await (await as('representative')).send('POST', `/api/v1/people/${MARGARET}/end-of-support`, { json: { kind: 'support_ended', on: '2026-11-30' } })).status, 403)
  assert.equal((await (await as('budget.holder')).send('POST', `/api/v1/people/${MARGARET}/end-of-support`, { json: { kind: 'support_ended', on: '2026-11-30' } })).status, 403)
  assert.equal((await worker.send('POST', `/api/v1/people/${AISHA}/end-of-support`, { json: { kind: 'support_ended', on: '2026-11-30' } })).status, 403)
  assert.equal((await (await as('southvale.worker')).send('POST', `/api/v1/people/${MARGARET}/end-of-support`, { json: { kind: 'support_ended', on: '2026-11-30' } })).status, 404)

  // Reviews are due for her before the end: her plan's, the one she asked for, her direct payment's.
  // Her interim budget is listed to review too.
  const homeTable = async (testid) => {
    const home = await worker.request('GET', '/home')
    const table = home.text.match(new RegExp(`<table class="govuk-table" data-testid="${testid}">[\\s\\S]*?<\\/table>`))
    return table ? table[0] : ''
  }
  const reviewsDueTable = () => homeTable('reviews-due')
  assert.ok((await worker.send('GET', `/api/v1/people/${MARGARET}/reviews`)).json().due.length >= 2)
  assert.match(await reviewsDueTable(), /href="\/people\/1\/reviews"/)
  assert.match(await homeTable('interim-reviews'), /href="\/people\/1\//)

  // Margaret's support ends on 30 November. Paid already: 9 November to 6 December (exported), and
  // 7 December to 3 January (in the draft run), each £550.80 (£137.70 a week after her contribution).
  const before = overpaymentsDue()
  const r = await worker.send('POST', `/api/v1/people/${MARGARET}/end-of-support`, { json: { kind: 'support_ended', on: '2026-11-30' } })
  assert.equal(r.status, 201, r.text)
  const body = r.json()
  assert.equal(body.end_of_support.last_day_paid, '2026-11-30')
  const k = body.recovery_case
  // 6 days × £137.70 ÷ 7 = £118.02 (rounded down) and the whole £550.80 of the second period.
  assert.deepEqual(k.periods.map(p => [p.period_start, p.days_after, p.overpaid]), [['2026-11-09', 6, '118.02'], ['2026-12-07', 28, '550.80']])
  assert.equal(k.amount, '668.82')
  assert.equal(k.owed_by, 'person')
  assert.equal(k.state, 'open')
  assert.equal(overpaymentsDue(), before - 66882)
  const trail = await auditEntries(server, '?username=social.worker')
  assert.ok(trail.some(e => e.action === 'record_end_of_support' && e.outcome === 'allowed' && /support_ended on 2026-11-30/.test(e.reason)))
  assert.ok(trail.some(e => e.action === 'open_recovery_case' && /668\.82/.test(e.reason)))
  // Recorded twice: refused.
  assert.equal((await worker.send('POST', `/api/v1/people/${MARGARET}/end-of-support`, { json: { kind: 'support_ended', on: '2026-11-30' } })).status, 422)
  // No review is due once her support has ended: not on her record, not in her
  // worker's list, and one cannot be recorded; the reviews done stay.
  const reviews = (await worker.send('GET', `/api/v1/people/${MARGARET}/reviews`)).json()
  assert.deepEqual(reviews.due, [])
  assert.doesNotMatch(await reviewsDueTable(), /href="\/people\/1\/reviews"/)
  assert.doesNotMatch(await homeTable('interim-reviews'), /href="\/people\/1\//)
  const late = await worker.send('POST', `/api/v1/people/${MARGARET}/reviews`,
    { json: { review: 'direct_payment:A', done_on: '2026-11-30', done_by: 'Sam Patel', outcome: 'no_change' } })
  assert.equal(late.status, 422, late.text)
  assert.match(late.json().errors[0].message, /support ended on 30 November 2026, so no review is due/)
  // A run after the end prepares nothing for her.
  const finance = await as('finance')
  const run = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: '2027-03-01' } })
  assert.equal(run.status, 422, run.text)
  assert.equal(sql(db, `SELECT count(*) FROM payment_run_items WHERE person_id = ${MARGARET} AND period_start > '2026-12-07'`), '0')
  // The pages say so plainly.
  const rep = await as('representative')
  const page = await rep.request('GET', `/people/${MARGARET}/end-of-support`)
  assert.equal(page.status, 200)
  assert.match(page.text, /support from the council ended on 30 November 2026/)
  assert.match(page.text, /nothing needs to be paid now/)
  assert.doesNotMatch(page.text, /recovery-cases\/\d+/)  // the case itself is finance's
})

test(`money received in instalments repays the case; nobody but finance works it (${backend})`, async () => {
  const finance = await as('finance')
  const [k] = (await finance.request('GET', '/api/v1/recovery-cases')).json().recovery_cases
  for (const who of ['social.worker', 'team.manager', 'representative', 'southvale.manager']) {
    const c = await as(who)
    assert.equal((await c.request('GET', '/api/v1/recovery-cases')).status, 403, who)
    assert.equal((await c.send('POST', `/api/v1/recovery-cases/${k.id}/receipts`, { json: { amount: '1.00', received_on: '2026-12-01', source: 'payer' } })).status, 403, who)
  }
  assert.equal((await finance.request('GET', '/api/v1/recovery-cases/999999')).status, 404)
  const plan = await finance.send('POST', `/api/v1/recovery-cases/${k.id}/plan`, { json: { instalments: '3', first_due: '2026-12-15' } })
  assert.equal(plan.status, 200, plan.text)
  assert.deepEqual(plan.json().plan.map(i => [i.due, i.amount]), [['2026-12-15', '222.94'], ['2027-01-15', '222.94'], ['2027-02-15', '222.94']])
  const before = overpaymentsDue()
  const first = await finance.send('POST', `/api/v1/recovery-cases/${k.id}/receipts`, { json: { amount: '222.94', received_on: '2026-12-01', source: 'payer' } })
  assert.equal(first.status, 200, first.text)
  assert.equal(first.json().outstanding, '445.88')
  const tooMuch = await finance.send('POST', `/api/v1/recovery-cases/${k.id}/receipts`, { json: { amount: '445.89', received_on: '2026-12-01', source: 'payer' } })
  assert.equal(tooMuch.status, 422)
  assert.equal(tooMuch.json().errors[0].field, 'amount')
  const rest = await finance.send('POST', `/api/v1/recovery-cases/${k.id}/receipts`, { json: { amount: '445.88', received_on: '2026-12-02', source: 'payer' } })
  assert.equal(rest.status, 200, rest.text)
  assert.equal(rest.json().state, 'repaid')
  assert.equal(rest.json().outstanding, '0.00')
  assert.equal(overpaymentsDue(), before + 66882)
  assert.equal((await finance.send('POST', `/api/v1/recovery-cases/${k.id}/receipts`, { json: { amount: '1.00', received_on: '2026-12-02', source: 'payer' } })).status, 409)
})

test(`a write-off proposed by one officer is refused to her, audited, and approved by another (${backend})`, async () => {
  const finance = await as('finance')
  const checker = await as('finance.checker')
  // Joseph is paid four-weekly from 14 September; his support ends on 1 October, after the first period was paid.
  assert.equal((await finance.send('POST', `/api/v1/people/${JOSEPH}/payment-schedules`, { json: { part_key: 'A', frequency: 'four_weekly', starts_on: '2026-09-14' } })).status, 200)
  assert.equal((await finance.send('POST', `/api/v1/people/${JOSEPH}/bank-details`, { json: { part_key: 'A', account_name: 'Joseph Okafor', sort_code: '112233', account_number: '12345678' } })).status, 201)
  const run = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: '2026-09-14' } })
  assert.equal(run.status, 201, run.text)
  const ended = await finance.send('POST', `/api/v1/people/${JOSEPH}/end-of-support`, { json: { kind: 'moved_away', on: '2026-10-02', moved_to: 'Southvale Council' } })
  assert.equal(ended.status, 201, ended.text)
  const k = ended.json().recovery_case
  // Moved on 2 October: Southvale meets his needs from that day, so 2 to 11 October (10 days) were paid for after.
  assert.equal(k.periods[0].days_after, 10)
  const proposed = await finance.send('POST', `/api/v1/recovery-cases/${k.id}/write-off`, { json: { reason: '' } })
  assert.equal(proposed.status, 422)
  assert.equal((await finance.send('POST', `/api/v1/recovery-cases/${k.id}/write-off`, { json: { reason: 'Agreed with the new council' } })).status, 200)
  const own = await finance.send('POST', `/api/v1/recovery-cases/${k.id}/write-off/approve`)
  assert.equal(own.status, 403, own.text)
  assert.match(own.json().detail, /proposed writing this off/)
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.action === 'approve_write_off' && e.outcome === 'refused' && /you proposed writing this off/.test(e.reason)))
  // The page does not offer her the button, and its form is refused the same way.
  const page = await finance.request('GET', `/finance/recovery-cases/${k.id}`)
  assert.match(page.text, /You proposed this write-off, so another finance officer must approve or decline it/)
  assert.doesNotMatch(page.text, /Approve the write-off/)
  assert.equal((await finance.request('POST', `/finance/recovery-cases/${k.id}/write-off/approve`, { form: { csrf_token: csrfFrom(page.text) } })).status, 403)
  assert.equal((await (await as('social.worker')).send('POST', `/api/v1/recovery-cases/${k.id}/write-off/approve`)).status, 403)
  const before = overpaymentsDue()
  const approved = await checker.send('POST', `/api/v1/recovery-cases/${k.id}/write-off/approve`)
  assert.equal(approved.status, 200, approved.text)
  assert.equal(approved.json().state, 'written_off')
  assert.equal(approved.json().write_off.decided_by, 'Dev Kaur')
  assert.equal(overpaymentsDue(), before + Math.round(Number(k.amount) * 100))
  assert.equal((await checker.send('POST', `/api/v1/recovery-cases/${k.id}/write-off/approve`)).status, 409)
})
