// Shared by the integration and browser tests: a fresh database on the back end
// under test, a real `patchwork serve` process on a free loopback port, and a
// small HTTP client with a cookie jar. Node's own http module is used so the
// tests run the same on Debian's Node 18 and on newer releases.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

export const backend = process.env.PATCHWORK_BACKEND || 'sqlite'
export const bin = process.env.PATCHWORK_BIN || path.resolve('build/patchwork')
export const DEMO_PASSWORD = 'patchwork-demo'

export function readPgEnv (file = process.env.PATCHWORK_PG_ENV) {
  if (!file || !existsSync(file)) throw new Error(`no PostgreSQL test server recorded in ${file}`)
  const env = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=')
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return env
}

// What a check may read back (the crash test compares every statement line
// of a 15,000-line import: more than spawnSync's 1 MB default).
const MAX_OUTPUT = 256 * 1024 * 1024

export function psql (adminUri, sql) {
  const r = spawnSync('psql', [adminUri, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8', maxBuffer: MAX_OUTPUT })
  if (r.status !== 0) throw new Error(`psql failed: ${r.error ? r.error.message : r.stderr}`)
  return r.stdout.trim()
}

const cleanups = []
process.on('exit', () => { for (const c of cleanups.reverse()) { try { c() } catch {} } })

// A new, empty database: an SQLite file in its own folder, or a PostgreSQL
// database of its own on the test server. Removed when the test process ends.
export function freshDatabase (which = backend) {
  if (which === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'patchwork-test.'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    return path.join(dir, 'patchwork.db')
  }
  const pg = readPgEnv()
  const name = 'patchwork_test_' + randomBytes(6).toString('hex')
  psql(pg.PG_ADMIN_URI, `CREATE DATABASE ${name}`)
  cleanups.push(() => psql(pg.PG_ADMIN_URI, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
  return `postgresql://patchwork:${pg.PG_PASSWORD}@127.0.0.1:${pg.PG_PORT}/${name}`
}

// Runs SQL on a test database directly (sqlite3 or psql), for checks and for
// setting up states Patchwork itself refuses to make.
export function sql (db, statement, which = backend) {
  if (which === 'sqlite') {
    const r = spawnSync('sqlite3', [db, statement], { encoding: 'utf8', maxBuffer: MAX_OUTPUT })
    if (r.status !== 0) throw new Error(r.error ? `sqlite3: ${r.error.message}` : r.stderr)
    return r.stdout.trim()
  }
  return psql(db, statement)
}

export function run (args, { input } = {}) {
  const r = spawnSync(bin, args, { input: input ?? '', encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

export function demoDatabase (which = backend) {
  const db = freshDatabase(which)
  for (const cmd of ['init', 'demo']) {
    const r = run([cmd, '--db', db])
    if (r.status !== 0) throw new Error(`patchwork ${cmd} failed: ${r.stderr}`)
  }
  return db
}

// Starts `patchwork serve` on a free port and waits until it answers.
export async function startServer (db, extraArgs = []) {
  const proc = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise(resolve => proc.on('exit', (code, signal) => resolve({ code, signal })))
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 15000)
    const onData = chunk => {
      output += chunk
      const m = output.match(/at http:\/\/127\.0\.0\.1:(\d+)\//)
      if (m) { clearTimeout(timer); resolve(Number(m[1])) }
    }
    proc.stdout.on('data', onData)
    proc.stderr.on('data', onData)
    proc.on('exit', code => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output}`)) })
  })
  const server = {
    port,
    url: `http://127.0.0.1:${port}`,
    proc,
    exited,
    log: () => output,
    async stop (signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
      return exited
    }
  }
  cleanups.push(() => { if (proc.exitCode === null) proc.kill('SIGKILL') })
  return server
}

// An HTTP client that keeps cookies, like a browser would.
export class Client {
  constructor (server) {
    this.server = server
    this.cookies = new Map()
    this.csrf = null
  }

  request (method, pathname, { json, form, headers = {}, body } = {}) {
    const h = { ...headers }
    let payload = body
    if (json !== undefined) { payload = JSON.stringify(json); h['content-type'] ??= 'application/json' }
    if (form !== undefined) { payload = new URLSearchParams(form).toString(); h['content-type'] ??= 'application/x-www-form-urlencoded' }
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    if (payload !== undefined) h['content-length'] = Buffer.byteLength(payload)
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: this.server.port, method, path: pathname, headers: h, agent: false }, res => {
        const chunks = []
        res.on('data', c => chunks.push(c))
        res.on('end', () => {
          for (const sc of res.headers['set-cookie'] || []) {
            const [pair, ...attrs] = sc.split(';')
            const eq = pair.indexOf('=')
            const name = pair.slice(0, eq).trim()
            const value = pair.slice(eq + 1).trim()
            if (attrs.some(a => a.trim().toLowerCase() === 'max-age=0') || value === '') this.cookies.delete(name)
            else this.cookies.set(name, value)
          }
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text,
            json: () => JSON.parse(text)
          })
        })
      })
      req.on('error', reject)
      if (payload !== undefined) req.write(payload)
      req.end()
    })
  }

  // Signs in through the API and keeps the CSRF token for later calls.
  async signIn (username, password = DEMO_PASSWORD) {
    const r = await this.request('POST', '/api/v1/sessions', { json: { username, password } })
    if (r.status !== 201) throw new Error(`sign-in as ${username} failed: ${r.status} ${r.text}`)
    this.csrf = r.json().csrf_token
    return r
  }

  // A state-changing API call with the session's CSRF token.
  send (method, pathname, options = {}) {
    return this.request(method, pathname, { ...options, headers: { 'x-csrf-token': this.csrf, ...(options.headers || {}) } })
  }
}

// The hidden csrf_token in a page's form.
export function csrfFrom (html) {
  const m = html.match(/name="csrf_token" value="([0-9a-f]{64})"/)
  return m ? m[1] : null
}

// Sends raw bytes and returns what comes back before the server closes the connection.
export function rawExchange (port, bytes, { waitMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    let data = ''
    const timer = setTimeout(() => { socket.destroy(); resolve(data) }, waitMs)
    socket.on('data', d => { data += d.toString('latin1') })
    socket.on('close', () => { clearTimeout(timer); resolve(data) })
    socket.on('error', () => { clearTimeout(timer); resolve(data) })
    socket.write(bytes)
  })
}

export async function auditEntries (server, query = '') {
  const admin = new Client(server)
  await admin.signIn('admin')
  const r = await admin.request('GET', '/api/v1/audit' + query)
  if (r.status !== 200) throw new Error(`audit search failed: ${r.status} ${r.text}`)
  return r.json().entries
}
