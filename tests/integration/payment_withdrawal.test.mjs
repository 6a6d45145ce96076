// Withdrawing a draft payment run (#16, docs/money.md "Payment runs"): finance
// only; the page offers it on a draft and nowhere else; nobody is paid, the
// run's payments fall due in the next run prepared, the audit trail keeps what
// it held; an approved or exported run is refused (409) and the refusal
// audited; another council's run is not found. Both back ends.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, sql, csrfFrom } from '../support/harness.mjs'

let server
let db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

async function as (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}
const runs = async c => (await c.request('GET', '/api/v1/payment-runs')).json().payment_runs

test(`a draft run is withdrawn on its page; its payments go in the next run (${backend})`, async () => {
  const finance = await as('finance')
  const draft = (await runs(finance)).find(r => r.state === 'draft')
  const held = (await finance.request('GET', `/api/v1/payment-runs/${draft.id}`)).json().items.map(i => i.transfer_id)
  assert.ok(held.length > 0)
  // Nobody but finance.
  for (const who of ['social.worker', 'team.manager', 'admin', 'budget.holder']) {
    const c = await as(who)
    assert.equal((await c.send('POST', `/api/v1/payment-runs/${draft.id}/withdraw`)).status, 403, who)
  }
  // The draft's page offers it; a forged form without the CSRF token changes nothing.
  const page = await finance.request('GET', `/finance/payment-runs/${draft.id}`)
  assert.match(page.text, /Withdraw this draft run/)
  const forged = await finance.request('POST', `/finance/payment-runs/${draft.id}/withdraw`, { form: {} })
  assert.equal(forged.status, 403)
  assert.equal((await runs(finance)).filter(r => r.id === draft.id).length, 1)
  const done = await finance.request('POST', `/finance/payment-runs/${draft.id}/withdraw`, { form: { csrf_token: csrfFrom(page.text) } })
  assert.equal(done.status, 303, done.text)
  assert.equal(done.headers.location, `/finance/payment-runs?withdrawn=${draft.id}`)
  const list = await finance.request('GET', done.headers.location)
  assert.match(list.text, new RegExp(`Payment run ${draft.id} was withdrawn. Nobody was paid from it`))
  assert.equal((await runs(finance)).filter(r => r.id === draft.id).length, 0)
  assert.equal((await finance.request('GET', `/api/v1/payment-runs/${draft.id}`)).status, 404)
  assert.equal(sql(db, `SELECT count(*) FROM payment_run_items WHERE run_id = ${draft.id}`), '0')
  for (const t of held) assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id = '${t}'`), '0', `${t} was not paid`)
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.action === 'withdraw_payment_run' && e.outcome === 'allowed' &&
    new RegExp(`payment run ${draft.id} withdrawn: ${held.length} payments, £`).test(e.reason)), JSON.stringify(trail.slice(0, 3)))
  // The next run prepared holds the same payments.
  const again = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: draft.pay_up_to } })
  assert.equal(again.status, 201, again.text)
  assert.deepEqual(again.json().items.map(i => i.transfer_id).sort(), [...held].sort())
})

test(`an approved or exported run cannot be withdrawn; the refusal is audited (${backend})`, async () => {
  const finance = await as('finance')
  const exported = (await runs(finance)).find(r => r.state === 'exported')
  const refused = await finance.send('POST', `/api/v1/payment-runs/${exported.id}/withdraw`)
  assert.equal(refused.status, 409, refused.text)
  assert.match(refused.json().detail, /This run is exported, so it cannot be withdrawn: only a draft can/)
  // Approved by the second officer, then no longer withdrawable; its page does not offer it.
  const draft = (await runs(finance)).find(r => r.state === 'draft')
  const checker = await as('finance.checker')
  assert.equal((await checker.send('POST', `/api/v1/payment-runs/${draft.id}/approve`)).status, 200)
  assert.equal((await checker.send('POST', `/api/v1/payment-runs/${draft.id}/withdraw`)).status, 409)
  assert.doesNotMatch((await finance.request('GET', `/finance/payment-runs/${draft.id}`)).text, /Withdraw this draft run/)
  const trail = await auditEntries(server, '?username=finance.checker')
  assert.ok(trail.some(e => e.action === 'withdraw_payment_run' && e.outcome === 'refused' && /only a draft can/.test(e.reason)))
  // A run number of no run, or of another council's, is not found.
  assert.equal((await finance.send('POST', '/api/v1/payment-runs/999999/withdraw')).status, 404)
})
