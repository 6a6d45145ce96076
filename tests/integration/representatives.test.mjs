// Representatives tied to capacity and role, and access given from a person's
// record with a one-time setup code, on both back ends: what a representative
// may do follows the latest capacity assessment at once; consent is refused
// for a person who lacks capacity; a setup code works once, not after it
// expires, and not by guessing.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { backend, demoDatabase, startServer, Client, auditEntries, csrfFrom, sql, run } from '../support/harness.mjs'

let server
let db
before(async () => { db = demoDatabase(); server = await startServer(db) })
after(async () => { await server.stop() })

// Sets a password with the setup code through the public page, as the letter says.
async function setUp (username, code, password, confirm = password) {
  const client = new Client(server)
  const form = await client.request('GET', '/account/setup')
  assert.equal(form.status, 200)
  const r = await client.request('POST', '/account/setup', {
    form: { csrf_token: csrfFrom(form.text), username, code, password, confirm_password: confirm }
  })
  return { client, r }
}

test(`a representative's scope follows the person's capacity assessments (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const created = await worker.send('POST', '/api/v1/people', {
    json: { given_name: 'Edna', family_name: 'Moss', date_of_birth: '1937-05-09', nhs_number: '401 023 2137', postcode: 'NS2 3CD' }
  })
  assert.equal(created.status, 201, created.text)
  const edna = created.json().id
  const ruth = await worker.send('POST', `/api/v1/people/${edna}/relationships`, {
    json: { name: 'Ruth Moss (daughter)', role: 'lpa_health_welfare', basis: 'registered_lpa', recorded_on: '2026-11-01' }
  })
  assert.equal(ruth.status, 201, ruth.text)
  // Edna is assumed to have capacity: her attorney may see, not act on her care.
  assert.deepEqual(ruth.json().scope, { view: true, act_on_care: false, act_on_money: false })
  assert.match(ruth.json().scope_reasons.join(' '), /Edna is assumed to have capacity for decisions about care and support/)

  const given = await worker.send('POST', `/api/v1/people/${edna}/access`, { json: { relationship_id: ruth.json().id } })
  assert.equal(given.status, 201, given.text)
  assert.equal(given.json().username, 'ruth.moss')
  assert.equal(given.json().role, 'representative')
  assert.match(given.json().setup_code, /^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/)
  const { r } = await setUp('ruth.moss', given.json().setup_code, 'my mothers garden')
  assert.equal(r.status, 303, r.text)

  const rep = new Client(server)
  await rep.signIn('ruth.moss', 'my mothers garden')
  assert.equal((await rep.request('GET', `/api/v1/people/${edna}`)).status, 200, 'she may see her mother\'s record')
  const before = await rep.send('POST', `/api/v1/people/${edna}/assessments`, { json: { completed_with: 'Ruth' } })
  assert.equal(before.status, 403)
  assert.match(before.json().detail, /view but not act/)

  // An assessment finds Edna lacks capacity for care and support decisions: Ruth may act, at once.
  const lacks = await worker.send('POST', `/api/v1/people/${edna}/capacity-assessments`, {
    json: { decision_kind: 'care_and_support', assessed_on: '2026-11-20', outcome: 'lacks_capacity', assessed_by: 'Sam Patel' }
  })
  assert.equal(lacks.status, 201, lacks.text)
  const acting = await rep.send('POST', `/api/v1/people/${edna}/assessments`, { json: { completed_with: 'Ruth, for her mother' } })
  assert.equal(acting.status, 201, acting.text)
  const listed = (await worker.request('GET', `/api/v1/people/${edna}/relationships`)).json().relationships
  assert.deepEqual(listed[0].scope, { view: true, act_on_care: true, act_on_money: false })
  assert.ok(listed[0].scope_reasons.includes(
    'Ruth Moss (daughter) may act on care and support because the assessment on 20 November 2026 found Edna lacks capacity for decisions about care and support'),
  listed[0].scope_reasons.join(' | '))
  // The person's page says the same, in the same words.
  const page = await worker.request('GET', `/people/${edna}`)
  assert.match(page.text, /may act on care and support because the assessment on 20 November 2026 found Edna lacks capacity/)

  // A later assessment finds she has capacity again: Ruth may no longer act.
  await worker.send('POST', `/api/v1/people/${edna}/capacity-assessments`, {
    json: { decision_kind: 'care_and_support', assessed_on: '2026-11-28', outcome: 'has_capacity', assessed_by: 'Sam Patel' }
  })
  assert.equal((await rep.send('POST', `/api/v1/people/${edna}/assessments`, { json: { completed_with: 'Ruth' } })).status, 403)
  // An assessment about another kind of decision changes nothing about care.
  await worker.send('POST', `/api/v1/people/${edna}/capacity-assessments`, {
    json: { decision_kind: 'property_and_finance', assessed_on: '2026-11-29', outcome: 'lacks_capacity', assessed_by: 'Sam Patel' }
  })
  assert.equal((await rep.send('POST', `/api/v1/people/${edna}/assessments`, { json: { completed_with: 'Ruth' } })).status, 403)
})

test(`consent is refused for a person who lacks capacity, and nothing is stored (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  // Margaret Ellis (1): the demo's assessment of 12 March 2026 found she lacks capacity for care and support.
  const count = async () => (await worker.request('GET', '/api/v1/people/1/relationships')).json().relationships.length
  const before = await count()
  const consent = await worker.send('POST', '/api/v1/people/1/relationships', {
    json: { name: 'Tom Ellis', role: 'family_carer', basis: 'consent', recorded_on: '2026-11-20', access_scope: 'view' }
  })
  assert.equal(consent.status, 422)
  assert.equal(consent.json().errors[0].field, 'basis')
  assert.match(consent.json().errors[0].message,
    /Margaret cannot give consent: the assessment on 12 March 2026 found Margaret lacks capacity for decisions about care and support/)
  assert.equal(await count(), before)
  // The demo's attorney is on her record, with why she may act.
  const sarah = (await worker.request('GET', '/api/v1/people/1/relationships')).json().relationships.find(r => r.role === 'lpa_health_welfare')
  assert.ok(sarah, 'the demo representative link is on Margaret\'s record')
  assert.deepEqual(sarah.scope, { view: true, act_on_care: true, act_on_money: false })
  // A best-interests decision may let Tom see the record, never act.
  const bestInterests = await worker.send('POST', '/api/v1/people/1/relationships', {
    json: { name: 'Tom Ellis', role: 'family_carer', basis: 'best_interests', recorded_on: '2026-11-20', access_scope: 'act' }
  })
  assert.equal(bestInterests.status, 201, bestInterests.text)
  assert.deepEqual(bestInterests.json().scope, { view: true, act_on_care: false, act_on_money: false })
})

test(`the setup-code journey: once, not after it expires, never guessed (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  // Grace Williams (6) is on the worker's caseload and has no account: the worker gives her one from her record.
  const record = await worker.request('GET', '/people/6')
  assert.match(record.text, /Give Grace their own access to Patchwork/)
  const form = await worker.request('GET', '/people/6/access/new?for=person')
  assert.equal(form.status, 200)
  assert.match(form.text, /value="grace.williams"/, 'a username is proposed')
  assert.match(form.text, /<input type="hidden" name="for" value="person">/)
  const letter = await worker.request('POST', '/people/6/access/new', { form: { csrf_token: csrfFrom(form.text), for: 'person', username: 'grace.williams' } })
  assert.equal(letter.status, 200, letter.text)
  const firstCode = letter.text.match(/data-testid="setup-code">([2-9A-Z-]{19})</)[1]
  assert.match(letter.text, /shown only once/)
  // The code is kept only as a hash.
  const stored = sql(db, "SELECT code_hash FROM account_setup_codes")
  assert.ok(!stored.includes(firstCode.replaceAll('-', '')) && !stored.includes(firstCode), 'the code is never stored in words')
  // The letter is lost before she sets up her account: giving access again
  // makes a new code for the same account, and the first stops working.
  assert.match((await worker.request('GET', '/people/6')).text, /Make a new setup code for Grace(&apos;|')s own account \(grace\.williams\)/)
  const again = await worker.send('POST', '/api/v1/people/6/access', { json: { for: 'person' } })
  assert.equal(again.status, 200, again.text)
  assert.equal(again.json().username, 'grace.williams')
  assert.equal(again.json().new_code, true)
  const code = again.json().setup_code
  assert.notEqual(code, firstCode)
  assert.equal(sql(db, "SELECT count(*) FROM users WHERE username LIKE 'grace.williams%'"), '1', 'no second account')
  assert.match((await setUp('grace.williams', firstCode, 'a long enough password')).r.text, /This setup code is not right for that username/)

  // Wrong code; a password too short (the code is not spent on it); then set up.
  let { r } = await setUp('grace.williams', 'KTWP-9FQH-3RMX-ZC7D', 'a long enough password')
  assert.equal(r.status, 200)
  assert.match(r.text, /This setup code is not right for that username/)
  ;({ r } = await setUp('grace.williams', code.toLowerCase(), 'short'))
  assert.match(r.text, /Password must be at least 10 characters long/)
  ;({ r } = await setUp('grace.williams', code, 'a long enough password', 'a different one'))
  assert.match(r.text, /The two passwords are not the same/)
  const done = await setUp('grace.williams', code.toLowerCase().replaceAll('-', ' '), 'a long enough password')
  assert.equal(done.r.status, 303)
  assert.equal(done.r.headers.location, '/home')
  const home = await done.client.request('GET', '/home')
  assert.match(home.text, /Grace/, 'signed in as herself')
  // Used once: refused the second time.
  ;({ r } = await setUp('grace.williams', code, 'another long password'))
  assert.match(r.text, /This setup code has already been used/)
  const grace = new Client(server)
  await grace.signIn('grace.williams', 'a long enough password')
  // Once it is set up, giving access again cannot take the account over: refused, and audited.
  const taken_over = await worker.send('POST', '/api/v1/people/6/access', { json: { for: 'person' } })
  assert.equal(taken_over.status, 422)
  assert.match(taken_over.json().errors[0].message, /already has a Patchwork account \(grace\.williams\) and has set it up\. To stop it working, withdraw their access/)
  assert.equal(sql(db, "SELECT count(*) FROM audit_log WHERE action = 'give_access' AND outcome = 'refused' AND person_id = 6 " +
    "AND reason LIKE 'for: Grace Williams already has a Patchwork account (grace.williams)%'"), '1')
  // Wrong codes for her username were recorded against her record.
  assert.ok(Number(sql(db, "SELECT count(*) FROM audit_log WHERE action = 'set_up_account' AND outcome = 'refused' AND person_id = 6 " +
    "AND reason = 'setup code not recognised for this username'")) >= 2)

  // An expired code is refused.
  const peter = await worker.send('POST', '/api/v1/people/2/relationships', {
    json: { name: 'Ade Okafor', role: 'appointee', basis: 'dwp_appointment', recorded_on: '2026-10-01' }
  })
  assert.equal(peter.status, 201, peter.text)
  // A username is unique across the country: another council's is refused.
  const taken = await worker.send('POST', '/api/v1/people/2/access', { json: { relationship_id: peter.json().id, username: 'southvale.worker' } })
  assert.equal(taken.status, 422)
  assert.equal(taken.json().errors[0].field, 'username')
  assert.match(taken.json().errors[0].message, /already taken/)
  const ade = await worker.send('POST', '/api/v1/people/2/access', { json: { relationship_id: peter.json().id, username: 'ade.okafor' } })
  assert.equal(ade.status, 201, ade.text)
  sql(db, "UPDATE account_setup_codes SET expires_at = '2026-01-01T00:00:00Z' WHERE used_at IS NULL")
  ;({ r } = await setUp('ade.okafor', ade.json().setup_code, 'a long enough password'))
  assert.match(r.text, /This setup code has expired: codes last 14 days/)

  const entries = await auditEntries(server, '?action=give_access')
  assert.ok(entries.some(e => e.username === 'social.worker' && /grace\.williams/.test(e.reason)), JSON.stringify(entries))
  const setups = await auditEntries(server, '?action=set_up_account')
  assert.ok(setups.some(e => e.outcome === 'allowed' && e.username === 'grace.williams'))
  assert.ok(setups.some(e => e.outcome === 'refused' && /already used/.test(e.reason)))
  assert.ok(setups.some(e => e.outcome === 'refused' && /expired/.test(e.reason)))
})

test(`guessing setup codes is throttled like sign-in (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const joe = await worker.send('POST', '/api/v1/people/3/relationships', {
    json: { name: 'Nina Hughes', role: 'independent_advocate', basis: 'care_act_advocacy', recorded_on: '2026-11-01' }
  })
  assert.equal(joe.status, 201, joe.text)
  const given = await worker.send('POST', '/api/v1/people/3/access', { json: { relationship_id: joe.json().id } })
  assert.equal(given.status, 201, given.text)
  for (let i = 0; i < 5; i++) {
    const { r } = await setUp(given.json().username, 'ABCD-EFGH-JKMN-PQRS', 'a long enough password')
    assert.match(r.text, /not right for that username/)
  }
  // Even the right code now waits: the account is paused, as sign-in is.
  const { r } = await setUp(given.json().username, given.json().setup_code, 'a long enough password')
  assert.match(r.text, /too many attempts/)
})

test(`whom access is for must be said, with a whole id (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const users = () => sql(db, 'SELECT count(*) FROM users')
  const before = users()
  // Nothing may make an account by accident for Joseph Okafor (2).
  const cases = [
    [{}, 'for'],
    [{ relationship_id: null }, 'relationship_id'],
    [{ for: null }, 'for'],
    [{ relashionship_id: 4 }, 'relashionship_id'],
    [{ relationship_id: '' }, 'relationship_id'],
    [{ relationship_id: '4abc' }, 'relationship_id'],
    [{ relationship_id: -4 }, 'relationship_id'],
    [{ relationship_id: 4.5 }, 'relationship_id'],
    [{ for: 'persn' }, 'for'],
    [{ for: 'person', relationship_id: 4 }, 'for'],
    [{ username: 'peter.okafor' }, 'for']
  ]
  for (const [json, field] of cases) {
    const r = await worker.send('POST', '/api/v1/people/2/access', { json })
    assert.equal(r.status, 422, `${JSON.stringify(json)}: ${r.text}`)
    assert.equal(r.json().errors[0].field, field, JSON.stringify(json))
    const w = await worker.send('POST', '/api/v1/people/2/access/withdraw', { json })
    assert.equal(w.status, 422, `withdraw ${JSON.stringify(json)}: ${w.text}`)
  }
  assert.equal(users(), before, 'no account was made')
  assert.ok(Number(sql(db, "SELECT count(*) FROM audit_log WHERE action = 'give_access' AND outcome = 'refused' AND person_id = 2 " +
    "AND reason LIKE 'relationship_id: %'")) >= 4)
  // The page: a link that says neither, or an id that is not whole, is refused.
  assert.equal((await worker.request('GET', '/people/2/access/new')).status, 404)
  assert.equal((await worker.request('GET', '/people/2/access/new?relationship=4abc')).status, 404)
  assert.equal((await worker.request('GET', '/people/2/access/withdraw')).status, 404)
  const kim = await worker.send('POST', '/api/v1/people/2/relationships', {
    json: { name: 'Kim Okafor', role: 'appointee', basis: 'dwp_appointment', recorded_on: '2026-10-02' }
  })
  assert.equal(kim.status, 201, kim.text)
  const form = await worker.request('GET', `/people/2/access/new?relationship=${kim.json().id}`)
  assert.equal(form.status, 200)
  for (const target of [{}, { for: 'relationship', relationship: '4abc' }, { for: 'someone' }]) {
    const r = await worker.request('POST', '/people/2/access/new', { form: { csrf_token: csrfFrom(form.text), username: 'peter.okafor', ...target } })
    assert.equal(r.status, 422, JSON.stringify(target))
    assert.match(r.text, /does not say who it is for/)
  }
  assert.equal(users(), before, 'no account was made from the page either')
})

test(`access can be withdrawn from the record, cancelling codes, and given again (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  // Person 3 gets an advocate; the letter is stolen before she sets up her account.
  const rel = await worker.send('POST', '/api/v1/people/3/relationships', {
    json: { name: 'Mia Stone', role: 'independent_advocate', basis: 'care_act_advocacy', recorded_on: '2026-11-02' }
  })
  assert.equal(rel.status, 201, rel.text)
  const id = rel.json().id
  const given = await worker.send('POST', '/api/v1/people/3/access', { json: { relationship_id: String(id) } })
  assert.equal(given.status, 201, given.text)
  const record = await worker.request('GET', '/people/3')
  assert.match(record.text, /Has a Patchwork account, not yet set up/)
  assert.match(record.text, new RegExp(`href="/people/3/access/withdraw\\?relationship=${id}">Withdraw Mia Stone(&apos;|')s access`))
  // Withdrawn from the page.
  const confirm = await worker.request('GET', `/people/3/access/withdraw?relationship=${id}`)
  assert.equal(confirm.status, 200)
  assert.match(confirm.text, /Withdraw Mia Stone(&apos;|')s access to Patchwork/)
  const done = await worker.request('POST', '/people/3/access/withdraw', {
    form: { csrf_token: csrfFrom(confirm.text), for: 'relationship', relationship: String(id) }
  })
  assert.equal(done.status, 303, done.text)
  // The stolen code no longer works; the account is closed.
  const { r } = await setUp(given.json().username, given.json().setup_code, 'a long enough password')
  assert.match(r.text, /This setup code is not right for that username/)
  assert.equal(sql(db, `SELECT active FROM users WHERE username = '${given.json().username}'`), '0')
  assert.equal(sql(db, `SELECT count(*) FROM representative_links WHERE user_id = (SELECT id FROM users WHERE username = '${given.json().username}')`), '0')
  const after = (await worker.request('GET', '/api/v1/people/3/relationships')).json().relationships.find(x => x.id === id)
  assert.ok('user_id' in after)
  assert.equal(after.user_id, null)
  const entries = await auditEntries(server, '?action=withdraw_access')
  assert.ok(entries.some(e => e.outcome === 'allowed' && e.username === 'social.worker' &&
    e.reason.includes(`withdrew the representative account ${given.json().username} (Mia Stone); unused setup codes cancelled; account closed`)),
  JSON.stringify(entries))
  // Given again: a new account, with a new username.
  const again = await worker.send('POST', '/api/v1/people/3/access', { json: { relationship_id: id } })
  assert.equal(again.status, 201, again.text)
  assert.notEqual(again.json().username, given.json().username)
  assert.equal((await setUp(again.json().username, again.json().setup_code, 'a long enough password')).r.status, 303)
  // A set-up account in use is cut off at once by the API: signed out, and cannot sign in.
  const mia = new Client(server)
  await mia.signIn(again.json().username, 'a long enough password')
  assert.equal((await mia.request('GET', '/api/v1/people/3')).status, 200)
  const cut = await worker.send('POST', '/api/v1/people/3/access/withdraw', { json: { relationship_id: id } })
  assert.equal(cut.status, 200, cut.text)
  assert.equal(cut.json().account_closed, true)
  assert.notEqual((await mia.request('GET', '/api/v1/people/3')).status, 200)
  const signIn = await new Client(server).request('POST', '/api/v1/sessions', { json: { username: again.json().username, password: 'a long enough password' } })
  assert.equal(signIn.status, 401)
  // Nothing left to withdraw: refused, and audited.
  const none = await worker.send('POST', '/api/v1/people/3/access/withdraw', { json: { relationship_id: id } })
  assert.equal(none.status, 422)
  assert.match(none.json().errors[0].message, /Mia Stone has no Patchwork account to withdraw/)
})

test(`the setup letter's address comes from --public-url, never the Host header (${backend})`, async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const rel = await worker.send('POST', '/api/v1/people/3/relationships', {
    json: { name: 'Lee Stone', role: 'independent_advocate', basis: 'care_act_advocacy', recorded_on: '2026-11-03' }
  })
  const form = await worker.request('GET', `/people/3/access/new?relationship=${rel.json().id}`)
  assert.equal(form.status, 200, form.text)
  const letter = await worker.request('POST', '/people/3/access/new', {
    form: { csrf_token: csrfFrom(form.text), for: 'relationship', relationship: String(rel.json().id), username: 'lee.stone' },
    headers: { host: 'patchwork-login.example.com' }
  })
  assert.equal(letter.status, 200, letter.text)
  assert.doesNotMatch(letter.text, /patchwork-login\.example\.com/)
  assert.match(letter.text, /address ends in <strong class="pw-setup-code">\/account\/setup<\/strong>/)

  const other = await startServer(demoDatabase(), ['--public-url', 'https://patchwork.northshire.example.gov.uk/'])
  try {
    const w = new Client(other)
    await w.signIn('social.worker')
    const f = await w.request('GET', '/people/6/access/new?for=person')
    const l = await w.request('POST', '/people/6/access/new', { form: { csrf_token: csrfFrom(f.text), for: 'person', username: 'grace.w' }, headers: { host: 'evil.example' } })
    assert.equal(l.status, 200, l.text)
    assert.match(l.text, /https:\/\/patchwork\.northshire\.example\.gov\.uk\/account\/setup/)
    assert.doesNotMatch(l.text, /evil\.example/)
  } finally {
    await other.stop()
  }
  for (const bad of ['patchwork.example.gov.uk', 'https://user:pw@example.org', 'https://example.org/?x=1', 'ftp://example.org']) {
    const r = run(['serve', '--db', '/nonexistent/none.db', '--public-url', bad])
    assert.equal(r.status, 2, bad)
    assert.match(r.stderr, /--public-url/)
  }
})
