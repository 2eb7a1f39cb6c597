// The bearer token never goes into a URL or the page: it is typed into a password field, kept in this tab's
// sessionStorage (gone when the tab closes) and sent only as an Authorization header to this origin.
'use strict';
const TOKEN_KEY = 'qnet-token';
localStorage.removeItem(TOKEN_KEY); // earlier versions kept the token in localStorage, in clear, for good
let token = sessionStorage.getItem(TOKEN_KEY) || '';
function showTokenState() {
  document.getElementById('token-state').textContent = token ? 'token set for this tab' : 'no token';
}
document.getElementById('token-form').addEventListener('submit', event => {
  event.preventDefault();
  const input = document.getElementById('token');
  token = input.value.trim();
  input.value = '';
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
  showTokenState();
  refresh();
});
document.getElementById('forget').addEventListener('click', () => {
  token = '';
  sessionStorage.removeItem(TOKEN_KEY);
  showTokenState();
});
showTokenState();
const fmt = v => (v === null || v === undefined || Number.isNaN(v)) ? '–' : (typeof v === 'number' ? (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4)) : String(v));
function cell(row, text, cls) { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; row.appendChild(td); }
function fill(id, items, columns) {
  const body = document.querySelector('#' + id + ' tbody');
  body.replaceChildren();
  for (const item of items) { const tr = document.createElement('tr'); for (const c of columns) { const [text, cls] = c(item); cell(tr, text, cls); } body.appendChild(tr); }
}
async function get(path) {
  const r = await fetch(path, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
  return r.json();
}
async function refresh() {
  if (!token) {
    document.getElementById('status').textContent = 'enter a viewer token (`qnet token create --role viewer`) to see the network';
    return;
  }
  try {
    const topo = await get('/api/v1/topology');
    fill('links', topo.links, [l => [l.id], l => [l.nodeA + ' – ' + l.nodeB], l => [l.up ? 'up' : 'down', l.up ? 'up' : 'down'],
      l => [fmt(l.transmittance)], l => [fmt(l.pairsGenerated)], l => [fmt(l.meanFidelity)], l => [fmt(l.calibrationDrift)]]);
    const sessions = await get('/api/v1/sessions');
    fill('sessions', sessions, [s => [s.id], s => [s.source + ' → ' + s.destination], s => [s.application], s => [s.outcome],
      s => [fmt(s.pairs)], s => [fmt(s.pairsPerSecond)], s => [fmt(s.meanFidelity)], s => [s.traceId]]);
    const slos = await get('/api/v1/slo/status');
    fill('slos', slos, [s => [s.slo], s => [Object.entries(s.group).map(([k, v]) => k + '=' + v).join(', ')], s => [fmt(s.sli)], s => [fmt(s.budgetRemaining)]]);
    const alerts = await get('/api/v1/alerts');
    fill('alerts', alerts, [a => [a.name], a => [Object.entries(a.labels).map(([k, v]) => k + '=' + v).join(', ')], a => [a.status]]);
    document.getElementById('status').textContent = 'twin time ' + fmt(topo.simulatedSeconds) + ' s, updated ' + new Date().toISOString();
  } catch (e) {
    document.getElementById('status').textContent = 'error: ' + e.message;
  }
}
refresh();
setInterval(refresh, 2000);
