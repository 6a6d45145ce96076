// Withdrawing a draft payment run (#16, docs/money.md "States and
// maker-checker"): finance only; the page offers it on a draft and nowhere
// else; nobody is paid, the run stays (withdrawn, never approved, its number
// never reused) and its payments fall due in the next run prepared; an approved or exported run is refused (409) and the refusal
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
  // The run stays, withdrawn, with who prepared it and what it held; its payments are released.
  const kept = (await finance.request('GET', `/api/v1/payment-runs/${draft.id}`)).json()
  assert.equal(kept.state, 'withdrawn')
  assert.equal(kept.withdrawn.name, 'Chris Lee')
  assert.equal(kept.prepared.name, draft.prepared.name)
  assert.deepEqual(kept.items, [])
  assert.match((await finance.request('GET', `/finance/payment-runs/${draft.id}`)).text, /Withdrawn: nobody was paid from it/)
  assert.equal(sql(db, `SELECT count(*) FROM payment_run_items WHERE run_id = ${draft.id}`), '0')
  // Never approved, and never withdrawn twice.
  const checker = await as('finance.checker')
  const late = await checker.send('POST', `/api/v1/payment-runs/${draft.id}/approve`)
  assert.equal(late.status, 409, late.text)
  assert.match(late.json().detail, /This run was withdrawn, so it cannot be approved/)
  assert.equal((await finance.send('POST', `/api/v1/payment-runs/${draft.id}/withdraw`)).status, 409)
  for (const t of held) assert.equal(sql(db, `SELECT count(*) FROM ledger_transfers WHERE transfer_id = '${t}'`), '0', `${t} was not paid`)
  const trail = await auditEntries(server, '?username=finance')
  assert.ok(trail.some(e => e.action === 'withdraw_payment_run' && e.outcome === 'allowed' &&
    new RegExp(`payment run ${draft.id} withdrawn: ${held.length} payments, £`).test(e.reason)), JSON.stringify(trail.slice(0, 3)))
  // The next run prepared holds the same payments.
  const again = await finance.send('POST', '/api/v1/payment-runs', { json: { pay_up_to: draft.pay_up_to } })
  assert.equal(again.status, 201, again.text)
  // A new number: a withdrawn run's is never given to another (an approver
  // looking at the old one cannot approve the new one by its number).
  assert.ok(again.json().id > draft.id)
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
