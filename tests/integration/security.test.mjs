// The review's attacker probes (issue 12), each a test that failed before its
// fix: response splitting through sign-in's `next`, the care record leaking
// through search, money that overflowed, HTTP/1.1 without Host, control
// characters stored as text, and error answers larger than the question.
// Run on the back end named by PATCHWORK_BACKEND.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { backend, demoDatabase, startServer, Client, csrfFrom, rawExchange, auditEntries, DEMO_PASSWORD } from '../support/harness.mjs'

let server
before(async () => { server = await startServer(demoDatabase()) })
after(async () => { await server.stop() })

// The sign-in form's cookie and token, then the form posted as raw bytes so the
// raw response (every header line) can be inspected.
async function rawSignIn (next) {
  const c = new Client(server)
  const form = await c.request('GET', '/sign-in')
  const token = csrfFrom(form.text)
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const body = `csrf_token=${token}&username=social.worker&password=${DEMO_PASSWORD}&next=${next}`
  return rawExchange(server.port,
    `POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${cookie}\r\n` +
    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`)
}

function headerLines (raw) {
  return raw.split('\r\n\r\n')[0].split('\r\n')
}

test(`a CR LF in sign-in's next never splits the response (${backend})`, async () => {
  for (const next of ['/x%0D%0AX-Injected:%201', '/home%0D%0ASet-Cookie:%20planted%3D1', '/home%0AX-Injected:%201', '/home%0DX-Injected:%201']) {
    const raw = await rawSignIn(next)
    assert.match(raw, /^HTTP\/1\.1 303/, next)
    const lines = headerLines(raw)
    assert.ok(!lines.some(l => /^x-injected/i.test(l)), `${next} injected a header:\n${raw}`)
    assert.ok(!lines.some(l => /planted/i.test(l)), `${next} planted a cookie:\n${raw}`)
    assert.ok(lines.includes('Location: /home'), `${next} should fall back to /home:\n${raw}`)
  }
})

test('a NUL in next is refused before sign-in, naming the field', async () => {
  const raw = await rawSignIn('/home%00X-Injected:%201')
  assert.match(raw, /^HTTP\/1\.1 400/)
  assert.ok(!headerLines(raw).some(l => /^x-injected/i.test(l)))
  assert.match(raw, /The field &quot;next&quot; must not contain control characters/)
})

test('next must be a page of this site, not another site or an unknown path', async () => {
  for (const next of ['/%09/evil.example', '//evil.example', '/%5Cevil.example', 'https://evil.example/', '/no-such-page', '/api/v1/me']) {
    const lines = headerLines(await rawSignIn(encodeURIComponent(decodeURIComponent(next))))
    assert.ok(lines.includes('Location: /home'), `${next}: ${lines.join(' | ')}`)
  }
  const lines = headerLines(await rawSignIn(encodeURIComponent('/people?name=ellis')))
  assert.ok(lines.includes('Location: /people?name=ellis'), lines.join(' | '))
})

test('the sign-in page never echoes a hostile next into its form', async () => {
  const c = new Client(server)
  const page = await c.request('GET', '/sign-in?next=%2Fhome%0D%0ASet-Cookie%3A%20planted%3D1')
  assert.equal(page.status, 200)
  assert.match(page.text, /name="next" value="\/home"/)
})

test('HTTP/1.1 without exactly one Host header is refused; HTTP/1.0 may leave it out', async () => {
  assert.match(await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\n\r\n'), /^HTTP\/1\.1 400/)
  assert.match(await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'), /^HTTP\/1\.1 400/)
  assert.match(await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 200/)
  assert.match(await rawExchange(server.port, 'GET /healthz HTTP/1.0\r\n\r\n'), /^HTTP\/1\.1 200/)
})

// --- what each role may see of a person ---

const IDENTITY = ['id', 'view', 'la_person_unique_identifier', 'given_name', 'family_name', 'date_of_birth', 'nhs_number', 'age_band']
const CONTACT = [...IDENTITY, 'address_line_1', 'address_line_2', 'town', 'postcode', 'phone', 'email', 'preferred_contact', 'languages', 'interpreter_needed']
const CARE = [...CONTACT, 'gender', 'ethnicity', 'primary_support_reason', 'dementia', 'visual_impairment', 'hearing_impairment',
  'autism_spectrum_disorder_asd', 'has_unpaid_carer', 'accommodation_status', 'date_of_death',
  'client_type', 'employment_status', 'gp_practice_code', 'gp_practice_name']
const FIELDS = { identity: IDENTITY, contact: CONTACT, care_record: CARE }

// Margaret Ellis: allocated to social.worker, represented by `representative`.
// Peter Novak: with another team (not social.worker's), nobody represents him.
async function demoIds () {
  const manager = new Client(server)
  await manager.signIn('team.manager')
  const find = async nhs => (await manager.request('GET', `/api/v1/people?nhs_number=${nhs}`)).json().people[0].id
  return { margaret: await find('9991234500'), peter: await find('9991234543') }
}

// role -> what they may see of Margaret and of Peter (null: refused), and whether they may search.
const EXPECTED = {
  'social.worker': { margaret: 'care_record', peter: null, search: true },
  'team.manager': { margaret: 'care_record', peter: 'care_record', search: true },
  finance: { margaret: 'identity', peter: 'identity', search: true },
  safeguarding: { margaret: 'care_record', peter: 'care_record', search: true },
  // Brightside Care makes Margaret's tea-time call under her approved plan: contact details only.
  provider: { margaret: 'contact', peter: null, search: false },
  'budget.holder': { margaret: null, peter: null, search: false },
  representative: { margaret: 'care_record', peter: null, search: false },
  admin: { margaret: null, peter: null, search: false },
  commissioner: { margaret: null, peter: null, search: false }
}

test('every role sees exactly its projection of a person, by record, search and page', async () => {
  const ids = await demoIds()
  for (const [username, expected] of Object.entries(EXPECTED)) {
    const c = new Client(server)
    await c.signIn(username)
    for (const who of ['margaret', 'peter']) {
      const r = await c.request('GET', `/api/v1/people/${ids[who]}`)
      if (expected[who] === null) {
        assert.equal(r.status, 403, `${username} GET ${who}: ${r.text}`)
        assert.doesNotMatch(r.text, /dementia|Ellis|Novak/)
      } else {
        assert.equal(r.status, 200, `${username} GET ${who}`)
        assert.deepEqual(Object.keys(r.json()).sort(), [...FIELDS[expected[who]]].sort(), `${username} GET ${who}`)
        assert.equal(r.json().view, expected[who])
      }
      // The record page shows the same projection.
      const page = await c.request('GET', `/people/${ids[who]}`)
      if (expected[who] === null) assert.equal(page.status, 403, `${username} page ${who}`)
      else {
        assert.equal(page.status, 200, `${username} page ${who}`)
        const showsCare = /Primary support reason/.test(page.text)
        assert.equal(showsCare, expected[who] === 'care_record', `${username} page ${who} care record shown: ${showsCare}`)
        assert.equal(/NS[0-9] [0-9][A-Z]{2}/.test(page.text), expected[who] !== 'identity', `${username} page ${who} address`)
      }
    }
    // Search: the same projection for each person returned.
    const found = await c.request('GET', '/api/v1/people?name=ell')
    if (!expected.search) {
      assert.equal(found.status, 403, `${username} search`)
      continue
    }
    assert.equal(found.status, 200, `${username} search`)
    for (const p of found.json().people) {
      const view = p.id === ids.margaret ? expected.margaret : p.id === ids.peter ? expected.peter : p.view
      assert.ok(view, `${username} search returned someone they may not see`)
      assert.deepEqual(Object.keys(p).sort(), [...FIELDS[view]].sort(), `${username} search result`)
    }
    const pageSearch = await c.request('GET', '/people?name=ell')
    assert.equal(pageSearch.status, 200)
    if (expected.margaret === 'identity') assert.doesNotMatch(pageSearch.text, /NS1 4AB/, `${username} search page shows the postcode`)
  }
})

test('searches need two letters on the API as on the page, and each person listed is audited', async () => {
  const finance = new Client(server)
  await finance.signIn('finance')
  for (const q of ['e', 'l', 'a']) {
    const r = await finance.request('GET', `/api/v1/people?name=${q}`)
    assert.equal(r.status, 422, q)
    assert.equal(r.json().errors[0].field, 'name')
  }
  const page = await finance.request('GET', '/people?name=e')
  assert.match(page.text, /at least 2 letters/)
  assert.equal((await finance.request('GET', '/api/v1/people')).status, 422)

  const { margaret } = await demoIds()
  const r = await finance.request('GET', '/api/v1/people?name=ellis')
  const returned = r.json().people.map(p => p.id)
  assert.ok(returned.includes(margaret))
  const entries = await auditEntries(server, '?username=finance')
  for (const id of returned)
    assert.ok(entries.some(e => e.action === 'list_person' && e.person_id === id && /search results \(identity\)/.test(e.reason)),
      `no audit entry for person ${id} listed in the search`)
})

// --- text that no back end should store ---

test('control characters in JSON text or a form field are refused, naming the field, and nothing is stored', async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const r = await worker.send('POST', '/api/v1/people', {
    json: { given_name: 'Nul\u0000Byte', family_name: 'Tester', date_of_birth: '1950-01-01' }
  })
  assert.equal(r.status, 422, r.text)
  assert.equal(r.json().errors[0].field, 'given_name')
  assert.match(r.json().errors[0].message, /control characters/)
  const escape = await worker.send('POST', '/api/v1/people', {
    json: { given_name: 'Esc', family_name: 'T\u001b[31m', date_of_birth: '1950-01-01' }
  })
  assert.equal(escape.status, 422)
  assert.equal(escape.json().errors[0].field, 'family_name')
  const none = await worker.request('GET', '/api/v1/people?name=Tester')
  assert.equal(none.json().people.length, 0)

  // The page form: a NUL in a field is refused by name.
  const page = new Client(server)
  const form = await page.request('GET', '/sign-in')
  const post = await page.request('POST', '/sign-in', { form: { csrf_token: csrfFrom(form.text), username: 'social.worker', password: DEMO_PASSWORD } })
  assert.equal(post.status, 303)
  const newForm = await page.request('GET', '/people/new')
  const bad = await page.request('POST', '/people/new', {
    form: { csrf_token: csrfFrom(newForm.text), given_name: 'Page\u0000Nul', family_name: 'Tester', 'date_of_birth-day': '1', 'date_of_birth-month': '1', 'date_of_birth-year': '1950' }
  })
  assert.equal(bad.status, 400)
  assert.match(bad.text, /given_name/)
  assert.equal((await worker.request('GET', '/api/v1/people?name=Tester')).json().people.length, 0)
})

test('a body of thousands of wrong answers gets a short answer', async () => {
  const { margaret } = await demoIds()
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const started = await worker.send('POST', `/api/v1/people/${margaret}/assessments`, { json: { completed_with: 'Margaret and Sarah' } })
  assert.equal(started.status, 201, started.text)
  const answers = {}
  for (let i = 0; i < 20000; i++) answers[`unknown_question_${i}`] = 'yes'
  const body = JSON.stringify({ answers })
  assert.ok(body.length > 500000)
  const r = await worker.send('PATCH', `/api/v1/people/${margaret}/assessments/${started.json().id}`, { body, headers: { 'content-type': 'application/json' } })
  assert.equal(r.status, 422, r.text.slice(0, 300))
  assert.ok(r.text.length < 5000, `answer was ${r.text.length} bytes`)
  assert.equal(r.json().errors.length, 20)
  assert.equal(r.json().errors_not_listed, 19980)
})

// --- money ---

test('a RAS model that could give an absurd amount is refused when loaded', async () => {
  const admin = new Client(server)
  await admin.signIn('admin')
  const absurd = await admin.send('POST', '/api/v1/ras/configurations', {
    json: { name: 'Absurd', version: 50, method: 'price_per_point', price_per_point: '9000000000000000.00' }
  })
  assert.equal(absurd.status, 422, absurd.text)
  assert.equal(absurd.json().errors[0].field, 'price_per_point')
  // Within the limit a point, but the questionnaire's top score would pass £100,000 a week.
  const high = await admin.send('POST', '/api/v1/ras/configurations', {
    json: { name: 'High', version: 51, method: 'price_per_point', price_per_point: '99999.00' }
  })
  assert.equal(high.status, 422, high.text)
  assert.match(high.json().errors[0].message, /highest score/)
  const capped = await admin.send('POST', '/api/v1/ras/configurations', {
    json: { name: 'Capped', version: 52, method: 'price_per_point', price_per_point: '99999.00', ceiling: '2000.00' }
  })
  assert.equal(capped.status, 201, capped.text)
})

// --- the independent review's probes, after the first fixes ---

test('a page form must be a form: another content type is refused, not read as one', async () => {
  const page = new Client(server)
  const form = await page.request('GET', '/sign-in')
  await page.request('POST', '/sign-in', { form: { csrf_token: csrfFrom(form.text), username: 'social.worker', password: DEMO_PASSWORD } })
  const { margaret } = await demoIds()
  const token = csrfFrom((await page.request('GET', `/people/${margaret}/events/new`)).text)
  const body = `csrf_token=${token}&event_type=Request&start_date-day=1&start_date-month=1&start_date-year=2025&description=X%00%07Y` +
    '&referral_source=self&route_of_access=Community+%2F+other+route'
  for (const type of ['text/plain', 'Application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x', '']) {
    const r = await page.request('POST', `/people/${margaret}/events/new`, { body, headers: type ? { 'content-type': type } : {} })
    assert.ok([400, 403].includes(r.status), `${type || '(none)'}: ${r.status}`)
  }
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const events = (await worker.request('GET', `/api/v1/people/${margaret}/events`)).json().events
  assert.ok(!events.some(e => /X/.test(e.event_description) && /Y/.test(e.event_description)), 'an event with control characters was stored')
})

test('wildcards and NULs do not get round the two-letter minimum, and finance may not search by postcode', async () => {
  const finance = new Client(server)
  await finance.signIn('finance')
  for (const q of ['%25%25', '__', '%25_', 'a%25', '_a', "''", '%20%20']) {
    const r = await finance.request('GET', `/api/v1/people?name=${q}`)
    assert.equal(r.status, 422, `${q}: ${r.text}`)
  }
  const nul = await finance.request('GET', '/api/v1/people?name=%00%00')
  assert.equal(nul.status, 422)
  assert.equal((await finance.request('GET', '/people?name=%25%25')).status, 200)
  assert.match((await finance.request('GET', '/people?name=%25%25')).text, /at least 2 letters/)
  const postcode = await finance.request('GET', '/api/v1/people?postcode=NS1%204AB')
  assert.equal(postcode.status, 422)
  assert.equal(postcode.json().errors[0].field, 'postcode')
})

test('names sent back or audited are cut short', async () => {
  const key = 'K'.repeat(200000)
  const r = await new Client(server).request('POST', '/api/v1/sessions', { body: `{"${key}":{"K":"\\u0000"}}`, headers: { 'content-type': 'application/json' } })
  assert.equal(r.status, 422)
  assert.ok(r.text.length < 3000, `answer was ${r.text.length} bytes`)
  const entries = await auditEntries(server, '?username=' + encodeURIComponent('(not signed in)'))
  assert.ok(entries.every(e => e.reason.length < 600), 'an audit reason kept the whole name')
})

test('Host must be a host name or address; the access log cannot be forged', async () => {
  for (const host of ['', 'a b', 'a, b', 'evil.com/"<x>', 'x:port']) {
    assert.match(await rawExchange(server.port, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 400/, host)
  }
  for (const host of ['127.0.0.1', 'localhost:8080', '[::1]:8080', 'patchwork.example.gov.uk']) {
    assert.match(await rawExchange(server.port, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 200/, host)
  }
  await rawExchange(server.port, `GET /home%0d%0a2025-01-01%20INFO%20forged%20line HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
  assert.doesNotMatch(server.log(), /\n2025-01-01 INFO forged line/)
  assert.match(server.log(), /\/home\\x0d\\x0a2025-01-01 INFO forged line/)
})

test('one-line fields refuse line breaks, and invisible direction marks are refused everywhere', async () => {
  const worker = new Client(server)
  await worker.signIn('social.worker')
  const { margaret } = await demoIds()
  const broken = await worker.send('PATCH', `/api/v1/people/${margaret}`, { json: { given_name: 'Margaret\r\nFAKE' } })
  assert.equal(broken.status, 422)
  assert.equal(broken.json().errors[0].field, 'given_name')
  const bidi = await worker.send('PATCH', `/api/v1/people/${margaret}`, { json: { town: 'X\u202eY' } })
  assert.equal(bidi.status, 422)
  assert.equal(bidi.json().errors[0].field, 'town')
  assert.equal((await worker.request('GET', `/api/v1/people/${margaret}`)).json().given_name, 'Margaret')
})

test('a ceiling keeps a high price per point within the limit; activation checks the questionnaires loaded since', async () => {
  const admin = new Client(server)
  await admin.signIn('admin')
  const capped = await admin.send('POST', '/api/v1/ras/configurations', {
    json: { name: 'Capped high', version: 60, method: 'price_per_point', price_per_point: '2000.00', ceiling: '950.00' }
  })
  assert.equal(capped.status, 201, capped.text)
  const recal = await admin.send('POST', `/api/v1/ras/configurations/${capped.json().id}/recalibrations`, { json: {} })
  assert.equal(recal.status, 201, recal.text)
  // Within the limit for today's questionnaire (78 points at most)...
  const perPoint = await admin.send('POST', '/api/v1/ras/configurations', {
    json: { name: 'Per point', version: 61, method: 'price_per_point', price_per_point: '1000.00' }
  })
  assert.equal(perPoint.status, 201, perPoint.text)
  // ...then a questionnaire whose top score is far higher (accepted: the model in use has a ceiling)...
  const questionnaire = JSON.parse(readFileSync('config/questionnaire.json', 'utf8'))
  questionnaire.version = 2
  questionnaire.domains[0].questions[0].answers[1].points = 1000
  const loaded = await admin.send('POST', '/api/v1/questionnaires', { json: questionnaire })
  assert.equal(loaded.status, 201, loaded.text)
  // ...so the uncapped model may no longer be applied.
  const activation = await admin.send('POST', `/api/v1/ras/configurations/${perPoint.json().id}/activation`, { json: {} })
  assert.equal(activation.status, 422, activation.text)
  assert.match(activation.json().errors[0].message, /highest score/)
})
