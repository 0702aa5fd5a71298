/**
 * `/reports`: the deprovisioning report for people — lag per day against the SLA line, and the
 * late leavers listed. One HTML file with its script inline: no build step, no assets, no data in
 * the page itself (the browser fetches `/v1/reports/deprovisioning` with the token the reader
 * types; the token stays in this tab's sessionStorage). Every value from the report is set as
 * text, never as markup.
 */
export const REPORTS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tenure — deprovisioning timeliness</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
  form { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; }
  label { display: flex; flex-direction: column; font-size: .85rem; }
  input, button { font: inherit; padding: .3rem .5rem; }
  #summary { margin: 1rem 0; }
  #summary dt { font-weight: 600; } #summary dl { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; }
  svg { width: 100%; height: auto; border: 1px solid #ddd; background: #fafafa; }
  .bar { fill: #3a7bd5; } .bar.late { fill: #c0392b; } .sla { stroke: #c0392b; stroke-dasharray: 6 4; stroke-width: 2; }
  .axis { font-size: 11px; fill: #555; }
  table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
  th, td { border-bottom: 1px solid #ddd; padding: .25rem .4rem; text-align: left; font-size: .9rem; }
  #status { color: #555; }
</style>
</head>
<body>
<h1>Deprovisioning timeliness</h1>
<p>Each leaver's deactivation against HR's leave instant, from Tenure's audit ledger. Sign in with an
<strong>hr</strong> or <strong>operator</strong> token.</p>
<form id="query">
  <label>Token <input id="token" type="password" autocomplete="off" required></label>
  <label>From <input id="from" type="date"></label>
  <label>To <input id="to" type="date"></label>
  <label>SLA <input id="sla" value="24h" size="6"></label>
  <button type="submit">Show</button>
</form>
<p id="status" role="status"></p>
<section id="summary" hidden>
  <dl>
    <dt>Leavers</dt><dd id="count"></dd>
    <dt>Within SLA</dt><dd id="share"></dd>
    <dt>Lag p50 / p95 / max</dt><dd id="lags"></dd>
    <dt>Not deactivated yet</dt><dd id="overdue"></dd>
  </dl>
</section>
<h2>Lag per day (longest of the day) against the SLA</h2>
<svg id="lag-chart" viewBox="0 0 800 260" role="img" aria-label="Longest deactivation lag per day, in hours, with the SLA line"></svg>
<h2>Late leavers, and those not deactivated yet</h2>
<table id="late">
  <thead><tr><th>Employee</th><th>Department</th><th>Leave instant</th><th>Deactivated</th><th>Lag</th><th>Requested by</th><th>Read-back</th></tr></thead>
  <tbody></tbody>
</table>
<script>
const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const DAY = 86400000;
const hours = (s) => (s / 3600).toFixed(1) + ' h';
const day = (iso) => iso.slice(0, 10);

$('token').value = sessionStorage.getItem('tenure-token') || '';
const today = new Date();
$('to').value = day(new Date(today.getTime() + DAY).toISOString());
$('from').value = day(new Date(today.getTime() - 30 * DAY).toISOString());

function svgEl(name, attributes, text) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function parseDuration(text) {
  const m = /^(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|hours?|d|days?|w|weeks?)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600, hour: 3600, hours: 3600, d: 86400, day: 86400, days: 86400, w: 604800, week: 604800, weeks: 604800 }[m[2].toLowerCase()];
  return Number(m[1]) * unit;
}

function drawChart(report, slaSeconds) {
  const chart = $('lag-chart');
  chart.replaceChildren();
  const byDay = new Map();
  for (const l of report.leavers) {
    if (l.lagSeconds === null || !l.leaveAt) continue;
    byDay.set(day(l.leaveAt), Math.max(byDay.get(day(l.leaveAt)) ?? 0, l.lagSeconds));
  }
  const from = Date.parse(report.from), to = Date.parse(report.to);
  const days = Math.max(1, Math.ceil((to - from) / DAY));
  const left = 50, right = 790, top = 10, bottom = 230;
  const top1 = Math.max(slaSeconds * 1.5, ...byDay.values(), 1);
  const y = (s) => bottom - (s / top1) * (bottom - top);
  const width = (right - left) / days;
  chart.append(svgEl('line', { x1: left, y1: bottom, x2: right, y2: bottom, stroke: '#888' }));
  chart.append(svgEl('text', { x: 4, y: top + 10, class: 'axis' }, hours(top1)));
  chart.append(svgEl('text', { x: 4, y: bottom, class: 'axis' }, '0 h'));
  for (const [d, lag] of [...byDay.entries()].sort()) {
    const i = Math.floor((Date.parse(d + 'T00:00:00Z') - from) / DAY);
    if (i < 0 || i >= days) continue;
    const bar = svgEl('rect', {
      x: left + i * width + 1, y: y(lag), width: Math.max(2, width - 2), height: bottom - y(lag),
      class: lag > slaSeconds ? 'bar late' : 'bar', 'data-day': d,
    });
    bar.append(svgEl('title', {}, d + ': ' + hours(lag)));
    chart.append(bar);
  }
  chart.append(svgEl('line', { x1: left, y1: y(slaSeconds), x2: right, y2: y(slaSeconds), class: 'sla' }));
  chart.append(svgEl('text', { x: right - 70, y: y(slaSeconds) - 4, class: 'axis' }, 'SLA ' + hours(slaSeconds)));
  chart.append(svgEl('text', { x: left, y: 250, class: 'axis' }, day(report.from)));
  chart.append(svgEl('text', { x: right - 70, y: 250, class: 'axis' }, day(report.to)));
}

function listLate(report, slaSeconds) {
  const body = $('late').tBodies[0];
  body.replaceChildren();
  const add = (values, className) => {
    const row = body.insertRow();
    row.className = className;
    for (const value of values) row.insertCell().textContent = value;
  };
  for (const l of report.leavers.filter((l) => l.withinSla === false)) {
    add([l.employeeId, l.department ?? '', l.leaveAt ?? '', l.deactivatedAt, hours(l.lagSeconds), l.requestedBy, l.readBack ?? ''], 'late');
  }
  // Not deactivated yet, and past the SLA: the ones to chase first.
  for (const o of report.overdue.filter((o) => o.overdueSeconds > slaSeconds)) {
    add([o.employeeId, o.department ?? '', o.leaveAt, 'not yet (' + o.stage + ')', hours(o.overdueSeconds) + ' so far', '', o.needsAttentionReason ?? ''], 'overdue');
  }
}

$('query').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = $('token').value;
  sessionStorage.setItem('tenure-token', token);
  const params = new URLSearchParams({ sla: $('sla').value });
  if ($('from').value) params.set('from', $('from').value);
  if ($('to').value) params.set('to', $('to').value);
  $('status').textContent = 'Loading…';
  const response = await fetch('/v1/reports/deprovisioning?' + params, {
    headers: { authorization: 'Bearer ' + token, accept: 'application/json' },
  });
  const body = await response.json();
  if (!response.ok) {
    $('status').textContent = 'Refused (' + response.status + '): ' + (body.error?.message ?? '') +
      (body.error?.details ?? []).map((d) => ' ' + d.path + ' ' + d.message).join(';');
    return;
  }
  const s = body.summary;
  $('count').textContent = String(s.count);
  $('share').textContent = s.shareWithinSla === null ? '—' : (s.shareWithinSla * 100).toFixed(1) + ' % (' + s.withinSla + ')';
  $('lags').textContent = [s.lagSeconds.p50, s.lagSeconds.p95, s.lagSeconds.max].map((v) => (v === null ? '—' : hours(v))).join(' / ');
  $('overdue').textContent = String(s.overdue);
  $('summary').hidden = false;
  const slaSeconds = parseDuration(body.sla) ?? 86400;
  drawChart(body, slaSeconds);
  listLate(body, slaSeconds);
  $('status').textContent = body.leavers.length + ' leaver(s) from ' + day(body.from) + ' to ' + day(body.to);
});
</script>
</body>
</html>
`;
