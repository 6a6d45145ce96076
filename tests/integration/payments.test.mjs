// Payments (#16): the demo's runs; maker-checker (the officer who prepared a
// run is refused, and the refusal audited; another approves); exporting twice
// posts one set of ledger transfers and gives the same file; a budget paid for
// three periods by three runs, a run over the same dates paying nobody twice;
// suspension and pro-rating; bank details seen in full by finance only; bad
// input refused with nothing stored; the budget page's sentence. Both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, sql, csrfFrom, run } from '../support/harness.mjs'

let server
let db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const MARGARET = 1
const JOSEPH = 2

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

const runs = async c => (await c.request('GET', '/api/v1/payment-runs')).json().payment_runs

test(`the demo has an exported run and a draft waiting for a second officer (${backend})`, async () => {
  const finance = await as('finance')
  const all = await runs(finance)
  assert.deepEqual(all.map(r => r.state), ['draft', 'exported'])
  const exported = all[1]
  assert.equal(exported.pay_up_to, '2026-11-09')
  assert.equal(exported.prepared.name, 'Chris Lee')
  assert.equal(exported.approved.name, 'Dev Kaur')
  // £180 a week less Margaret's £42.30 contribution (deducted: a council setting), for four weeks.
  const shown = (await finance.request('GET', `/api/v1/payment-runs/${exported.id}`)).json()
  assert.deepEqual(shown.items.map(i => [i.transfer_id, i.amount, i.payee_name, i.period_end]),
    [['pay:1:A:2026-11-09', '550.80', 'Sarah Ellis', '2026-12-06']])
  assert.equal(sql(db, "SELECT count(*) FROM ledger_transfers WHERE transfer_id = 'pay:1:A:2026-11-09' AND amount_pence = 55080"), '1')
  // Nobody but finance sees the runs.
  for (const who of ['social.worker', 'team.manager', 'admin', 'representative', 'budget.holder']) {
    const c = await as(who)
    assert.equal((await c.request('GET', '/api/v1/payment-runs')).status, 403, who)
    assert.equal((await c.request('GET', `/api/v1/payment-runs/${exported.id}`)).status, 403, who)
  }
})

test(`whoever prepared a run cannot approve it; the refusal is audited; another officer approves (${backend})`, async () => {
  const finance = await as('finance')
  const draft = (await runs(finance)).find(r => r.state === 'draft')
  const self = await finance.send('POST', `/api/v1/payment-runs/${draft.id}/approve`)
  assert.equal(self.status, 403, self.text)
  assert.match(self.json().detail, /prepared this payment run/)
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.action === 'approve_payment_run' && e.outcome === 'refused' && new RegExp(`payment run ${draft.id}: you prepared`).test(e.reason)),
    JSON.stringify(trail.slice(0, 5)))
  assert.equal((await finance.request('GET', `/api/v1/payment-runs/${draft.id}`)).json().state, 'draft')
  // The page refuses it the same way, and does not offer the button.
  const page = await finance.request('GET', `/finance/payment-runs/${draft.id}`)
  assert.match(page.text, /You prepared this run, so another finance officer must check and approve it/)
  assert.doesNotMatch(page.text, /Approve the run/)
  const viaForm = await finance.request('POST', `/finance/payment-runs/${draft.id}/approve`, { form: { csrf_token: csrfFrom(page.text) } })
  assert.equal(viaForm.status, 403)
  // A social worker is not finance, even for a run they did not prepare.
  assert.equal((await (await as('social.worker')).send('POST', `/api/v1/payment-runs/${draft.id}/approve`)).status, 403)

  const checker = await as('finance.checker')
  const approved = await checker.send('POST', `/api/v1/payment-runs/${draft.id}/approve`)
  assert.equal(approved.status, 200, approved.text)
  assert.equal(approved.json().state, 'approved')
  assert.equal(approved.json().approved.name, 'Dev Kaur')
  const again = await checker.send('POST', `/api/v1/payment-runs/${draft.id}/approve`)
  assert.equal(again.status, 409)
  assert.match(again.json().detail, /This run is approved, so it cannot be approved/)
})

test(`exporting twice gives the same file and posts one set of transfers (${backend})`, async () => {
  const finance = await as('finance')
  const run = (await runs(finance)).find(r => r.state === 'approved')
  const items = (await finance.request('GET', `/api/v1/payment-runs/${run.id}`)).json().items
  assert.ok(items.length >= 1)
  const ids = items.map(i => `'${i.transfer_id}'`).join(',')
  assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id IN (${ids})`), '0')
  // An administrator changing the council's account after approval does not
  // change the account the file pays from: the run kept the approved one.
  const admin = await as('admin')
  const settings = (await admin.request('GET', '/api/v1/payment-settings')).json()
  const changed = await admin.send('PUT', '/api/v1/payment-settings', {
    json: { ...settings, originator_name: 'Someone Else', originator_sort_code: '112233', originator_account_number: '99999999' }
  })
  assert.equal(changed.status, 200, changed.text)
  const bad = await finance.send('POST', `/api/v1/payment-runs/${run.id}/export?format=pdf`)
  assert.equal(bad.status, 422)
  const first = await finance.send('POST', `/api/v1/payment-runs/${run.id}/export?format=bacs18`)
  assert.equal(first.status, 200, first.text)
  assert.match(first.headers['content-disposition'], /attachment; filename="payment-run-\d+\.bacs18\.txt"/)
  const records = first.text.split('\r\n').filter(Boolean)
  assert.deepEqual(records.slice(0, 4).map(r => r.slice(0, 4)), ['VOL1', 'HDR1', 'HDR2', 'UHL1'])
  assert.deepEqual(records.slice(-3).map(r => r.slice(0, 4)), ['EOF1', 'EOF2', 'UTL1'])
  for (const r of records.slice(4, -3)) assert.equal(r.length, 100)
  for (const r of records.slice(4, -3)) assert.equal(r.slice(17, 31), settings.originator_sort_code + settings.originator_account_number, r)
  assert.doesNotMatch(first.text, /112233|99999999|SOMEONE ELSE/)
  assert.equal(records.length, 4 + items.length + 1 + 3)
  assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id IN (${ids})`), String(items.length))
  const second = await finance.send('POST', `/api/v1/payment-runs/${run.id}/export?format=bacs18`)
  assert.equal(second.status, 200)
  assert.equal(second.text, first.text)
  const csv = await finance.send('POST', `/api/v1/payment-runs/${run.id}/export?format=csv`)
  assert.equal(csv.status, 200)
  assert.equal(csv.text.split('\r\n').filter(Boolean).length, 1 + items.length)
  assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id IN (${ids})`), String(items.length))
  assert.equal((await finance.request('GET', `/api/v1/payment-runs/${run.id}`)).json().state, 'exported')
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.action === 'export_payment_run' && /the same file again, nothing changed/.test(e.reason)))
  // Reconciled once the bank has paid; then never again, and never back.
  const reconciled = await finance.send('POST', `/api/v1/payment-runs/${run.id}/reconcile`)
  assert.equal(reconciled.json().state, 'reconciled')
  assert.equal((await finance.send('POST', `/api/v1/payment-runs/${run.id}/reconcile`)).status, 409)
  assert.equal((await (await as('finance.checker')).send('POST', `/api/v1/payment-runs/${run.id}/approve`)).status, 409)
})

test(`a budget paid for three periods by three runs; a run over the same dates pays nobody twice (${backend})`, async () => {
  const finance = await as('finance')
  const checker = await as('finance.checker')
  // Bad input, each naming its field, nothing stored.
  const badBank = await finance.send('POST', `/api/v1/people/${JOSEPH}/bank-details`,
    { json: { part_key: 'A', account_name: 'Joseph Okafor', sort_code: '12-34', account_number: '1234567X' } })
  assert.equal(badBank.status, 422)
  assert.deepEqual(badBank.json().errors.map(e => e.field), ['sort_code', 'account_number'])
  const badPart = await finance.send('POST', `/api/v1/people/${MARGARET}/payment-schedules`,
    { json: { part_key: 'B', starts_on: '2026-11-02' } })
  assert.equal(badPart.status, 422)
  assert.match(badPart.json().errors[0].message, /paid by invoice/)
  assert.equal(sql(db, `SELECT count(*) FROM payee_bank_details WHERE person_id = ${JOSEPH}`), '0')

  // Joseph's £240 a week from 7 September 2026, four-weekly.
  const schedule = await finance.send('POST', `/api/v1/people/${JOSEPH}/payment-schedules`,
    { json: { part_key: 'A', frequency: 'four_weekly', starts_on: '2026-09-07' } })
  assert.equal(schedule.status, 200, schedule.text)
  // Without bank details a payment due is held, never silently dropped.
  const held = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: '2026-09-07' } })
  assert.equal(held.status, 422)
  assert.match(held.json().errors[0].message, /1 held back for want of bank details/)
  const bank = await finance.send('POST', `/api/v1/people/${JOSEPH}/bank-details`,
    { json: { part_key: 'A', account_name: 'Joseph Okafor', sort_code: '20-32-53', account_number: '73849261' } })
  assert.equal(bank.status, 201, bank.text)
  assert.equal(bank.json().account, 'ending 9261')

  const payPeriod = async (upTo) => {
    const prepared = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: upTo } })
    assert.equal(prepared.status, 201, prepared.text)
    const run = prepared.json()
    assert.equal((await checker.send('POST', `/api/v1/payment-runs/${run.id}/approve`)).status, 200)
    assert.equal((await finance.send('POST', `/api/v1/payment-runs/${run.id}/export?format=csv`)).status, 200)
    return run
  }
  const first = await payPeriod('2026-09-07')
  assert.deepEqual(first.items.map(i => [i.transfer_id, i.amount]), [['pay:2:A:2026-09-07', '960.00']])
  // The checker was shown that the preparer had just set the payee's bank details.
  assert.deepEqual(first.bank_changes.map(c => [c.person_id, c.part_key, c.changed_by]), [[JOSEPH, 'A', 'Chris Lee']])
  // The same dates again: nothing is due.
  const repeat = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: '2026-09-07' } })
  assert.equal(repeat.status, 422)
  assert.equal(repeat.json().errors[0].field, 'pay_up_to')
  const second = await payPeriod('2026-10-05')
  assert.deepEqual(second.items.map(i => i.transfer_id), ['pay:2:A:2026-10-05'])
  // A hospital stay from 9 November to 16 November: 7 of the third period's 28 days unpaid.
  const stay = await finance.send('POST', `/api/v1/people/${JOSEPH}/payment-suspensions`,
    { json: { part_key: 'A', from: '2026-11-09', resumes_on: '2026-11-16', reason: 'hospital_stay', note: 'Northshire General, after a fall' } })
  assert.equal(stay.status, 201, stay.text)
  const third = await payPeriod('2026-11-02')
  assert.deepEqual(third.items.map(i => [i.transfer_id, i.amount]), [['pay:2:A:2026-11-02', '720.00']])
  assert.equal(sql(db, "SELECT count(*) FROM ledger_transfers WHERE transfer_id LIKE 'pay:2:A:%'"), '3')
  assert.equal(sql(db, "SELECT sum(amount_pence) FROM ledger_transfers WHERE transfer_id LIKE 'pay:2:A:%'"), '264000')
  const mine = (await finance.request('GET', `/api/v1/people/${JOSEPH}/payments`)).json()
  assert.equal(mine.payments.length, 3)
  assert.equal(mine.bank_details[0].account_number, '73849261')
})

test(`bank details are finance's; everyone else sees the last four digits on the budget page (${backend})`, async () => {
  for (const who of ['representative', 'social.worker', 'budget.holder', 'team.manager']) {
    const c = await as(who)
    const person = who === 'budget.holder' ? JOSEPH : MARGARET
    assert.equal((await c.request('GET', `/api/v1/people/${person}/payments`)).status, 403, who)
    assert.equal((await c.request('GET', `/people/${person}/payments`)).status, 403, who)
  }
  const sarah = await as('representative')
  const page = await sarah.request('GET', `/people/${MARGARET}/budgets`)
  assert.equal(page.status, 200)
  assert.match(page.text, /A direct payment to Sarah Ellis: £550\.80 every four weeks after Margaret(&#39;|&apos;|')s contribution, paid to Sarah Ellis \(account ending 2935\), next on \d+ \w+ 20\d\d\./)
  assert.doesNotMatch(page.text, /41762935/)
  assert.doesNotMatch(page.text, /60-70-80/)
  assert.doesNotMatch(page.text, /Payment schedules and bank details/)
  const finance = await as('finance')
  const full = await finance.request('GET', `/people/${MARGARET}/payments`)
  assert.match(full.text, /60-70-80 41762935/)
  const trail = await auditEntries(server, `?person_id=${MARGARET}`)
  assert.ok(trail.some(e => e.action === 'view_bank_details' && e.username === 'finance'))
  assert.ok(!trail.some(e => /41762935/.test(e.reason)))
})

test(`patchwork payment-run prepares a draft as a finance officer, by the same rules (${backend})`, async () => {
  const notFinance = run(['payment-run', '--db', db, '--council', 'E10999901', '--date', '2027-06-30', '--as', 'social.worker'])
  assert.equal(notFinance.status, 2)
  assert.match(notFinance.stderr, /only finance officers/)
  const badDate = run(['payment-run', '--db', db, '--council', 'E10999901', '--date', '2027-02-30', '--as', 'finance'])
  assert.equal(badDate.status, 2)
  assert.match(badDate.stderr, /--date: .*real date/)
  const before = (await runs(await as('finance'))).length
  const prepared = run(['payment-run', '--db', db, '--council', 'E10999901', '--date', '2027-01-04', '--as', 'finance'])
  assert.equal(prepared.status, 0, prepared.stderr)
  assert.match(prepared.stdout, /Prepared payment run \d+ for Northshire Council: \d+ payments/)
  const after = await runs(await as('finance'))
  assert.equal(after.length, before + 1)
  assert.equal(after[0].state, 'draft')
  assert.equal(after[0].prepared.name, 'Chris Lee')
  const again = run(['payment-run', '--db', db, '--council', 'E10999901', '--date', '2027-01-04', '--as', 'finance'])
  assert.equal(again.status, 2)
  assert.match(again.stderr, /No payment is due/)
})

test(`whoever changed a payee's bank details cannot approve the run that pays them; the refusal is audited (${backend})`, async () => {
  const finance = await as('finance')
  const checker = await as('finance.checker')
  const draft = (await runs(finance)).find(r => r.state === 'draft' && r.pay_up_to === '2027-01-04')
  const shown = (await finance.request('GET', `/api/v1/payment-runs/${draft.id}`)).json()
  const item = shown.items[0]
  const before = (await finance.request('GET', `/api/v1/people/${item.person_id}/payments`)).json().bank_details.find(b => b.part_key === item.part_key)
  // The checker records the payee's bank details (the same account: the rule is
  // about who changed them, not what to).
  const change = await checker.send('POST', `/api/v1/people/${item.person_id}/bank-details`,
    { json: { part_key: item.part_key, account_name: before.account_name, sort_code: before.sort_code, account_number: before.account_number } })
  assert.equal(change.status, 201, change.text)
  const after = (await checker.request('GET', `/api/v1/payment-runs/${draft.id}`)).json()
  assert.ok(after.bank_changes.some(c => c.person_id === item.person_id && c.changed_by === 'Dev Kaur'), JSON.stringify(after.bank_changes))
  const page = await checker.request('GET', `/finance/payment-runs/${draft.id}`)
  assert.match(page.text, /bank details changed on \d+ \w+ 20\d\d at \d\d:\d\d \(UTC\) by Dev Kaur \(you, so you cannot approve this run\)/)
  const refused = await checker.send('POST', `/api/v1/payment-runs/${draft.id}/approve`)
  assert.equal(refused.status, 409, refused.text)
  assert.match(refused.json().detail, /You changed the bank details for .* so another finance officer must approve this run/)
  assert.equal((await checker.request('GET', `/api/v1/payment-runs/${draft.id}`)).json().state, 'draft')
  const trail = await auditEntries(server, '?username=finance.checker')
  assert.ok(trail.some(e => e.action === 'approve_payment_run' && e.outcome === 'refused' && /You changed the bank details/.test(e.reason)),
    JSON.stringify(trail.slice(0, 5)))
})
