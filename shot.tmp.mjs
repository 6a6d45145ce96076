import { chromium } from 'playwright-core'
const [url, user, path, out] = process.argv.slice(2)
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] })
const p = await (await b.newContext({ viewport: { width: 1100, height: 800 } })).newPage()
await p.goto(url + '/sign-in'); await p.getByLabel('Username').fill(user); await p.getByLabel('Password').fill('patchwork-demo')
await p.getByRole('button', { name: 'Sign in' }).click(); await p.waitForLoadState('load')
await p.goto(url + path); await p.screenshot({ path: out, fullPage: true }); await b.close()
