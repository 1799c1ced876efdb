// SPDX-License-Identifier: GPL-2.0
/*
 * Opens an index.html written by mmprep in headless Chromium and checks it
 * as a maintainer would use it: no console errors, the numbers equal
 * scan.json, sorting and filtering change the rows as they should.
 *
 * usage: node browser.js INDEX.html SCAN.json SCREENSHOT.png MODE
 *   MODE "full": the libraries are inlined, the table is interactive;
 *   MODE "plain": written without them, the plain tables and a note.
 * Prints "ok: ..." / "FAIL: ..." lines; exits 1 on any failure.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [page_file, scan_file, shot, mode] = process.argv.slice(2);
const scan = JSON.parse(fs.readFileSync(scan_file, 'utf8'));
let failed = 0;

function check(cond, what) {
	console.log((cond ? 'ok: ' : 'FAIL: ') + what);
	if (!cond)
		failed++;
}

function eq(got, want, what) {
	check(JSON.stringify(got) === JSON.stringify(want),
	      `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

const entries = scan.entries;
const count = (f) => entries.filter(f).length;
// a late entry whose private mappings lose KSM (ksm_impact)
const loses = (e) => e.ksm_path === 'late' &&
	['lost', 'conditional'].includes(e.ksm_impact);
const want = {
	entries: entries.length,
	late: count((e) => e.ksm_path === 'late'),
	early: count((e) => e.ksm_path === 'early'),
	special: count((e) => e.special === true),
	unresolved: count((e) => (e.unresolved || []).length > 0),
	lost: count(loses),
	parsed: scan.files.parsed,
	degraded: scan.files.degraded.length,
	failed: scan.files.failed.length,
};

(async () => {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mmprep-chromium-'));
	const browser = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		viewport: { width: 1440, height: 1000 },
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run',
		       '--disable-background-networking',
		       '--disable-component-update', '--disable-sync'],
	});
	const page = await browser.newPage();
	const errors = [];
	const requests = [];

	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('request', (r) => { if (!r.url().startsWith('file:') &&
					!r.url().startsWith('data:')) requests.push(r.url()); });
	await page.goto('file://' + path.resolve(page_file));
	await page.waitForLoadState('load');

	await page.screenshot({ path: shot, fullPage: true });
	for (const k of Object.keys(want))
		eq(Number(await page.textContent(`#n-${k}`)), want[k], `card ${k}`);
	eq(await page.evaluate(() => window.__pwned), undefined,
	   'markup in scan.json is not executed');

	// per-subsystem table equals a recount from the entries
	const subs = await page.$$eval('#subsystems tbody tr', (rows) =>
		rows.map((r) => [...r.cells].map((c) => c.textContent)));
	const recount = {};
	for (const e of entries) {
		const s = recount[e.subsystem] ||= [e.subsystem, 0, 0, 0, 0, 0];
		s[1]++;
		s[2] += e.ksm_path === 'late';
		s[3] += e.ksm_path === 'early';
		s[4] += e.special === true;
		s[5] += loses(e);
	}
	const shown = {};
	for (const r of subs)
		shown[r[0]] = [r[0], ...r.slice(1).map(Number)];
	const sorted = (o) => Object.keys(o).sort().map((k) => o[k]);
	eq(sorted(shown), sorted(recount), 'subsystem table');

	if (mode === 'plain') {
		check(await page.isVisible('#libnote'), 'note about missing libraries shown');
		eq(await page.$$eval('#entries tbody tr', (r) => r.length),
		   entries.length, 'plain table has every entry');
	} else {
		check(!(await page.isVisible('#libnote')), 'no missing-library note');
		check(await page.evaluate(() => !!window.Chart &&
			!!Chart.getChart(document.getElementById('subsystem-chart'))),
		      'chart drawn');
		// DataTables shows one "no matching records" cell for no rows
		const rows = () => page.$$eval('#entries tbody tr', (r) =>
			r.filter((x) => x.cells.length > 1)
			 .map((x) => x.cells[3].querySelector('code').textContent));
		const cb = (e) => e.callback;
		// show all rows, so the whole table can be compared
		await page.selectOption('select[name=entries_length]', '-1');
		eq((await rows()).length, entries.length, 'all entries listed');

		await page.click('#entries thead th:nth-child(4)');
		eq(await rows(), entries.map(cb).sort(), 'sorted by callback, ascending');
		await page.click('#entries thead th:nth-child(4)');
		eq(await rows(), entries.map(cb).sort().reverse(), 'sorted by callback, descending');

		await page.selectOption('#f-ksm', 'late');
		eq((await rows()).length, want.late, 'filter: late only');
		await page.check('#f-special');
		eq((await rows()).length,
		   count((e) => e.ksm_path === 'late' && e.special === true),
		   'filter: late and VM_SPECIAL');
		await page.uncheck('#f-special');
		await page.selectOption('#f-ksm', '');
		const sub = entries[entries.length - 1].subsystem;
		await page.selectOption('#f-sub', sub);
		eq((await rows()).length, count((e) => e.subsystem === sub),
		   `filter: subsystem ${sub}`);
		await page.selectOption('#f-sub', '');
		await page.fill('#entries_filter input', entries[0].ops_name);
		eq((await rows()).length,
		   count((e) => JSON.stringify(e).includes(entries[0].ops_name)),
		   `search: ${entries[0].ops_name}`);
		await page.fill('#entries_filter input', '');

		// ranking: most KSM regained first, then most entries moved
		const rank = await page.$$eval('#ranking tbody tr', (rows) =>
			rows.filter((r) => r.cells.length > 1)
			    .map((r) => [Number(r.cells[3].textContent),
					 Number(r.cells[4].textContent)]));
		eq(rank, [...rank].sort((a, b) => b[0] - a[0] || b[1] - a[1]),
		   'ranking by KSM regained, then entries moved');
		// without impacts, first the layer that moves the most entries
		const layers = scan.layers || [];
		if (layers.length && !entries.some((e) => e.ksm_impact)) {
			const moves = (l) => l.file_operations_users ?? l.drivers;
			const top = layers.reduce((a, b) => moves(b) > moves(a) ? b : a);
			eq(await page.textContent('#ranking tbody tr:first-child td:nth-child(2) code'),
			   top.layer || (top.dispatchers || []).join(' / ') || top.ops_field,
			   'top conversion target');
		}
		// evidence chains are there, with file:line per hop
		const ev = entries.find((e) => (e.evidence || []).length);
		if (ev) {
			const hop = ev.evidence[0].chain[ev.evidence[0].chain.length - 1];
			check((await page.textContent('#entries')).includes(`${hop.file}:${hop.at ?? hop.line}`),
			      'evidence hop file:line on the page');
		}
	}
	eq(errors, [], 'no console errors');
	eq(requests, [], 'no network requests');
	await browser.close();
	fs.rmSync(profile, { recursive: true, force: true });
	process.exit(failed ? 1 : 0);
})().catch((e) => {
	console.log('FAIL: ' + e);
	process.exit(1);
});
