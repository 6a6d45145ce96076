// Closing a holding account (#16, docs/money.md "Closing an account"), both
// back ends: only finance closes, only an account that holds nothing, from a
// date with a reason, audited; then a statement with a line after the closing
// date is refused whole, naming the date, by the API and by the command, with
// nothing stored; and a payment run holds the account's payment back, saying
// why, instead of paying it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { backend, demoDatabase, startServer, Client, sql, run, auditEntries, csrfFrom } from '../support/harness.mjs'

let server
let db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const JOSEPH = 2
const MARGARET = 1

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

const accountOf = async (client, person) =>
  (await client.request('GET', `/api/v1/people/${person}/accounts`)).json().accounts.find(a => a.kind === 'direct_payment')

test(`finance closes an empty holding account; a statement after the date is refused whole, and runs hold its payments (${backend})`, async () => {
  const finance = await as('finance')
  const account = await accountOf(finance, JOSEPH)
  const close = (client, json) => client.send('POST', `/api/v1/accounts/${account.id}/close`, { json })
  const closures = () => sql(db, 'SELECT count(*) FROM ledger_account_closures')

  // Only finance; another council does not find the account.
  assert.equal((await close(await as('budget.holder'), { on: '2026-11-15', reason: 'x' })).status, 403)
  assert.equal((await close(await as('social.worker'), { on: '2026-11-15', reason: 'x' })).status, 403)
  assert.equal((await close(await as('southvale.admin'), { on: '2026-11-15', reason: 'x' })).status, 403)
  // Bad input, each named; nothing stored.
  const bad = await close(finance, { on: '2999-01-01' })
  assert.equal(bad.status, 422, bad.text)
  assert.deepEqual(bad.json().errors.map(e => e.field).sort(), ['on', 'reason'])
  const unknown = await close(finance, { on: '2026-11-15', reason: 'x', when: 'now' })
  assert.equal(unknown.status, 422)
  assert.equal(unknown.json().errors[0].field, 'when')
  // It holds Joseph's last four weeks, £960.00: refused, naming the amount.
  const holds = await close(finance, { on: '2026-11-15', reason: 'Support ended' })
  assert.equal(holds.status, 422, holds.text)
  assert.match(holds.json().errors[0].message, /holds £960\.00 at the end of 15 November 2026/)
  // The council's own accounts never close.
  const funding = (await finance.request('GET', `/api/v1/accounts/${account.id}/transfers?from=2026-09-01&to=2026-11-30`)).json().transfers.find(t => t.other_kind === 'council_funding').other_account
  const council = await finance.send('POST', `/api/v1/accounts/${funding}/close`, { json: { on: '2026-11-15', reason: 'x' } })
  assert.equal(council.status, 422)
  assert.match(council.json().errors[0].message, /Only an account that holds a budget part's money/)
  assert.equal(closures(), '0')

  // The last payment corrected on its own day (it went back to the council): the account holds nothing from 2 November.
  const back = await finance.send('POST', '/api/v1/reversals', { json: { transfer_id: 'demo:payment:joseph:A:2026-11-02', reason: 'Paid to the payroll service instead', value_date: '2026-11-02' } })
  assert.equal(back.status, 201, back.text)
  const closed = await close(finance, { on: '2026-11-15', reason: 'Joseph moved to a managed account' })
  assert.equal(closed.status, 201, closed.text)
  assert.equal(closed.json().balance, '0.00')
  assert.deepEqual([closed.json().closed.on, closed.json().closed.reason, closed.json().closed.by], ['2026-11-15', 'Joseph moved to a managed account', 'Chris Lee'])
  assert.equal((await close(finance, { on: '2026-11-16', reason: 'again' })).status, 422, 'closed once')
  assert.equal(closures(), '1')
  assert.deepEqual((await finance.request('GET', `/api/v1/accounts/${account.id}`)).json().closed.on, '2026-11-15')
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.action === 'record_account_closure' && e.outcome === 'allowed' && e.person_id === JOSEPH && /on 2026-11-15: Joseph moved/.test(e.reason)))
  assert.ok(trail.some(e => e.action === 'record_account_closure' && e.outcome === 'refused' && /holds £960\.00/.test(e.reason)))

  // A statement with a line after 15 November: refused whole, naming the date, nothing kept.
  const before = sql(db, `SELECT (SELECT count(*) FROM statement_imports) || ' ' || (SELECT count(*) FROM statement_lines) || ' ' || (SELECT count(*) FROM ledger_transfers)`)
  const statement = 'Id,Date,Payee,Description,Reference,Amount,Balance\n' +
    'JC-1,2026-11-10,HMRC,PAYE,,-5.00,\n' +
    'JC-2,2026-11-20,HMRC,PAYE,,-5.00,\n'
  const refused = await finance.send('POST', `/api/v1/accounts/${account.id}/statements?format=csv&mapping=patchwork&file_name=late.csv`, { body: statement, headers: { 'content-type': 'text/csv' } })
  assert.equal(refused.status, 422, refused.text)
  assert.match(refused.text, /The account was closed on 15 November 2026; this statement has lines after that \(line 3 is dated 20 November 2026\)/)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchwork-closing.'))
  writeFileSync(path.join(dir, 'late.csv'), statement)
  const cli = run(['import-statement', '--db', db, '--account', String(account.id), '--file', path.join(dir, 'late.csv'), '--mapping', 'patchwork'])
  assert.equal(cli.status, 2, cli.stdout + cli.stderr)
  assert.match(cli.stdout + cli.stderr, /The account was closed on 15 November 2026; this statement has lines after that/)
  assert.equal(sql(db, `SELECT (SELECT count(*) FROM statement_imports) || ' ' || (SELECT count(*) FROM statement_lines) || ' ' || (SELECT count(*) FROM ledger_transfers)`), before)

  // A schedule paying into it: the run holds the payment back with the reason, and pays nothing into it.
  assert.equal((await finance.send('POST', `/api/v1/people/${JOSEPH}/payment-schedules`, { json: { part_key: 'A', frequency: 'four_weekly', starts_on: '2026-11-30' } })).status, 200)
  assert.equal((await finance.send('POST', `/api/v1/people/${JOSEPH}/bank-details`, { json: { part_key: 'A', account_name: 'Joseph Okafor', sort_code: '20-32-53', account_number: '73849261' } })).status, 201)
  const runRefused = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: '2026-11-30' } })
  assert.equal(runRefused.status, 422, runRefused.text)
  assert.match(runRefused.json().errors[0].message, /1 held back \(The account for part A was closed on 15 November 2026, so it takes no new payments\)/)
  assert.equal(sql(db, `SELECT count(*) FROM payment_run_items WHERE person_id = ${JOSEPH}`), '0')
  // His budget page says so instead of a next payment date.
  const budgetPage = await (await as('budget.holder')).request('GET', `/people/${JOSEPH}/budgets`)
  assert.match(budgetPage.text, /The account it was paid into was closed on 15 November 2026, so no more payments are made/)

  // The finance page says so, and offers closing only where it can be done.
  const page = await finance.request('GET', `/finance/accounts/${account.id}`)
  assert.equal(page.status, 200)
  assert.match(page.text, /Closed on 15 November 2026 by Chris Lee: Joseph moved to a managed account/)
  assert.doesNotMatch(page.text, /Close this account/)
  const margaret = await accountOf(finance, MARGARET)
  const open = await finance.request('GET', `/finance/accounts/${margaret.id}`)
  assert.match(open.text, new RegExp(`href="/finance/accounts/${margaret.id}/close"`))
  // The form without JavaScript: Margaret's account holds money, so it is refused on the page, naming it.
  const form = await finance.request('GET', `/finance/accounts/${margaret.id}/close`)
  assert.equal(form.status, 200)
  const posted = await finance.request('POST', `/finance/accounts/${margaret.id}/close`, {
    form: { csrf_token: csrfFrom(form.text), reason: 'Trying', 'on-day': '1', 'on-month': '12', 'on-year': '2026' }
  })
  assert.equal(posted.status, 422, posted.text.slice(0, 500))
  assert.match(posted.text, /it can be closed only when it holds nothing/)
  assert.equal(closures(), '1')
  // Nobody but finance sees the form.
  assert.equal((await (await as('social.worker')).request('GET', `/finance/accounts/${margaret.id}/close`)).status, 403)
})
