// A council saves how to read its bank's CSV (#16, docs/statements.md "Bank
// CSV and prepaid-card CSV"): finance saves a mapping by name over the API or
// on the page without JavaScript; a mapping with mistakes is refused naming
// each, and nothing is saved; the saved mapping reads a statement through
// `patchwork import-statement --mapping`; a council's mapping of a built-in
// name replaces it for that council only; other roles and other councils
// neither see nor change another's; every save and refusal is audited.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { backend, demoDatabase, startServer, Client, auditEntries, csrfFrom, run } from '../support/harness.mjs'

let server, db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

const SOUTHVALE = 'E06999902'

async function signedIn (username) {
  const c = new Client(server)
  await c.signIn(username)
  return c
}

// A building society's download: three lines about the account first, dates
// like "03 Nov 2026", money out and in in their own columns, with £ signs.
const NATIONWIDE = [
  'name = nationwide',
  'description = Nationwide: three lines about the account, then paid out and paid in columns',
  'skip_lines = 3',
  'date_format = DD MMM YYYY',
  'column.date = Date',
  'column.debit = Paid out',
  'column.credit = Paid in',
  'column.description = Description',
  'column.balance = Balance'
].join('\n')

const FILE = '"Account Name:","FlexDirect ****2935"\n"Account Balance:","£100.00"\n"Available Balance: ","£100.00"\n' +
  '"Date","Transaction type","Description","Paid out","Paid in","Balance"\n' +
  '"03 Nov 2026","Payment to","HMRC PAYE","£60.00","",""\n' +
  '"06 Nov 2026","Payment to","K JONES WAGES","£120.00","",""\n'

test(`finance saves a bank's mapping and imports a statement with it (${backend})`, async () => {
  const finance = await signedIn('finance')
  const before = (await finance.request('GET', '/api/v1/statement-mappings')).json().mappings
  assert.ok(before.some(m => m.name === 'lloyds' && m.saved_by_council === false), 'the built-in ones are listed')
  assert.ok(!before.some(m => m.name === 'nationwide'))

  // Mistakes are named, key by key, and nothing is saved.
  const bad = await finance.send('POST', '/api/v1/statement-mappings', { json: { text: 'name = nationwide\ndate_format = SOMEDAY\ncolumn.debit = Paid out' } })
  assert.equal(bad.status, 422, bad.text)
  const messages = bad.json().errors.map(e => e.message).join(' | ')
  assert.match(messages, /date_format/)
  assert.ok(bad.json().errors.every(e => e.field === 'mapping'))
  const unnamed = await finance.send('POST', '/api/v1/statement-mappings', { json: { text: 'column.date = Date\ncolumn.amount = Amount' } })
  assert.equal(unnamed.status, 422)
  assert.match(unnamed.json().errors[0].message, /name/)
  const unknown = await finance.send('POST', '/api/v1/statement-mappings', { json: { text: NATIONWIDE, owner: 'x' } })
  assert.equal(unknown.status, 422)
  assert.ok(!(await finance.request('GET', '/api/v1/statement-mappings')).json().mappings.some(m => m.name === 'nationwide'))

  const saved = await finance.send('POST', '/api/v1/statement-mappings', { json: { text: NATIONWIDE } })
  assert.equal(saved.status, 201, saved.text)
  assert.equal(saved.json().name, 'nationwide')
  assert.equal(saved.json().saved_by_council, true)
  assert.match(saved.json().text, /column\.debit = Paid out/)

  // The command line reads Joseph's statement with it.
  const joseph = (await finance.request('GET', '/api/v1/people/2/accounts')).json().accounts[0].id
  const file = path.join(os.tmpdir(), `nationwide-${process.pid}-${backend}.csv`)
  writeFileSync(file, FILE)
  const imported = run(['import-statement', '--db', db, '--account', String(joseph), '--file', file, '--format', 'csv', '--mapping', 'nationwide'])
  assert.equal(imported.status, 0, imported.stderr)
  assert.match(imported.stdout, /2 lines read/)
  const lines = (await finance.request('GET', `/api/v1/accounts/${joseph}/statement-lines?from=2026-11-01&to=2026-11-30`)).json().lines
  assert.deepEqual(lines.filter(l => /HMRC PAYE|K JONES/.test(l.description + ' ' + l.payee)).map(l => [l.booking_date, l.amount]),
    [['2026-11-03', '-60.00'], ['2026-11-06', '-120.00']])

  // The import says which mapping read it, and that it was the council's own version.
  const imports = (await finance.request('GET', `/api/v1/accounts/${joseph}/statements`)).json().imports
  assert.match(imports.find(i => i.file_name === path.basename(file)).format_detail, /nationwide \(the council's own, saved by .* at \d{4}-\d\d-\d\dT/)

  const audit = (await auditEntries(server, '?username=finance')).filter(e => e.action === 'save_statement_mapping')
  assert.deepEqual(audit.map(e => e.outcome).sort(), ['allowed', 'refused', 'refused'])
})

test(`a council's own mapping of a built-in name is its own; others cannot see or save (${backend})`, async () => {
  const finance = await signedIn('finance')
  const mine = 'name = lloyds\ndescription = Lloyds, as our bank sends it now\ndate_format = YYYY-MM-DD\ncolumn.date = Date\ncolumn.amount = Amount'
  assert.equal((await finance.send('POST', '/api/v1/statement-mappings', { json: { text: mine } })).status, 201)
  const lloyds = (await finance.request('GET', '/api/v1/statement-mappings')).json().mappings.filter(m => m.name === 'lloyds')
  assert.equal(lloyds.length, 1, 'the council\'s replaces the built-in one')
  assert.equal(lloyds[0].about, 'Lloyds, as our bank sends it now')

  const added = run(['user', 'add', '--db', db, '--council', SOUTHVALE, '--username', 'southvale.finance', '--role', 'finance_officer', '--password-stdin'],
    { input: 'a long enough password\n' })
  assert.equal(added.status, 0, added.stderr)
  const southvale = new Client(server)
  await southvale.signIn('southvale.finance', 'a long enough password')
  const theirs = (await southvale.request('GET', '/api/v1/statement-mappings')).json().mappings
  assert.ok(!theirs.some(m => m.name === 'nationwide'), 'another council does not see it')
  assert.notEqual(theirs.find(m => m.name === 'lloyds').about, 'Lloyds, as our bank sends it now')

  const worker = await signedIn('social.worker')
  assert.equal((await worker.request('GET', '/api/v1/statement-mappings')).status, 403)
  assert.equal((await worker.send('POST', '/api/v1/statement-mappings', { json: { text: mine } })).status, 403)
  assert.equal((await worker.request('GET', '/finance/statement-mappings')).status, 403)
})

test(`the page works without JavaScript, and a forged form is refused (${backend})`, async () => {
  const finance = await signedIn('finance')
  const page = await finance.request('GET', '/finance/statement-mappings')
  assert.equal(page.status, 200)
  assert.match(page.text, /<h1 class="govuk-heading-l">How bank statements are read<\/h1>/)
  const token = csrfFrom(page.text)
  const forged = await finance.request('POST', '/finance/statement-mappings', { form: { mapping: 'name = coop\ncolumn.date = Date\ncolumn.amount = Amount' } })
  assert.equal(forged.status, 403)
  const wrong = await finance.request('POST', '/finance/statement-mappings', { form: { csrf_token: token, mapping: 'name = coop\ndecimal = sideways' } })
  assert.equal(wrong.status, 422)
  assert.match(wrong.text, /There is a problem/)
  assert.match(wrong.text, /decimal/)
  assert.match(wrong.text, /name = coop/, 'what was typed is kept')
  const ok = await finance.request('POST', '/finance/statement-mappings', { form: { csrf_token: token, mapping: 'name = coop\ndate_format = DD/MM/YYYY\ncolumn.date = Date\ncolumn.amount = Amount' } })
  assert.equal(ok.status, 303)
  const after = await finance.request('GET', ok.headers.location)
  assert.match(after.text, /The mapping coop is saved/)
  assert.match(after.text, /<code>coop<\/code>/)
  // A crafted link cannot make the page claim something else was saved.
  const crafted = await finance.request('GET', '/finance/statement-mappings?saved=Call%200800%20to%20verify')
  assert.doesNotMatch(crafted.text, /Call 0800/)
})
