// QNet operator console. The bearer token is typed once into a password field, kept in this tab's sessionStorage
// and sent only as an Authorization header to this origin: never in a URL, never written into the page.
// Views are chosen by the URL fragment (#map, #exec, ...); each has a render (build) and a refresh (poll) function.
'use strict';
const TOKEN_KEY = 'qnet-token';
const COLOURS = { up: '#2e7d32', degraded: '#f9a825', down: '#c62828', maint: '#1565c0', idle: '#90a4ae' };
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const REFRESH_MS = 3000;
let token = sessionStorage.getItem(TOKEN_KEY) || '';
let me = null; // { role, twinNow, faultKinds }
let thresholds = [];
let current = null; // { name, arg, state }
let timer = 0;

const $ = id => document.getElementById(id);
function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f); else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}
const fmt = (v, digits = 4) => (v === null || v === undefined || Number.isNaN(v)) ? '–' : (typeof v === 'number' ? (Math.abs(v) >= 1000 ? v.toFixed(0) : Number(v.toPrecision(digits)).toString()) : String(v));
const pct = v => (v === null || v === undefined || !Number.isFinite(v)) ? '–' : (100 * v).toFixed(1) + ' %';
const time = ms => new Date(ms).toISOString().substring(11, 19);
const labelsText = labels => Object.entries(labels || {}).map(([k, v]) => k + '=' + v).join(', ');
function table(headers, rows) {
  const t = el('table', {}, el('thead', {}, el('tr', {}, ...headers.map(h => el('th', { text: h })))));
  const body = el('tbody');
  for (const r of rows) body.append(el('tr', {}, ...r.map(c => c instanceof Node ? el('td', {}, c) : el('td', { text: fmt(c) }))));
  t.append(body);
  return el('div', { class: 'scroll' }, t);
}
const panel = (title, ...children) => el('section', { class: 'panel' }, el('h2', { text: title }), ...children);
const empty = text => el('p', { class: 'empty', text });

async function api(path, options = {}) {
  const r = await fetch(path, { method: options.method || 'GET', headers: Object.assign({ Authorization: 'Bearer ' + token }, options.body ? { 'Content-Type': 'application/json' } : {}),
    body: options.body ? JSON.stringify(options.body) : undefined });
  if (r.status === 404 && options.allow404) return null;
  if (!r.ok) {
    let detail = '';
    try {
      const p = await r.json();
      detail = p.errors ? Object.entries(p.errors).map(([k, v]) => k + ': ' + v.join(' ')).join('; ') : (p.detail || p.title || '');
    } catch { /* not problem details */ }
    const e = new Error(path.split('?')[0] + ': HTTP ' + r.status + (detail ? ' – ' + detail : ''));
    e.status = r.status;
    throw e;
  }
  return r.status === 204 ? null : r.json();
}
// The incident record (/api/v1/incidents; docs/incidents.md). A server without it answers 404; asked once per page load then.
let incidentRecord = true;
async function fetchIncidents(path = '/api/v1/incidents') {
  if (!incidentRecord) return null;
  const answer = await api(path, { allow404: true });
  if (answer === null && path === '/api/v1/incidents') incidentRecord = false;
  return answer;
}
const loaded = {};
function loadScript(src) {
  if (!loaded[src]) loaded[src] = new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.addEventListener('load', resolve);
    s.addEventListener('error', () => reject(new Error('could not load ' + src)));
    document.head.append(s);
  });
  return loaded[src];
}
const loadUPlot = () => loadScript('/console/vendor/uplot-1.6.32.min.js');
const loadCytoscape = () => loadScript('/console/vendor/cytoscape-3.34.4.min.js');

// --- history and charts ---------------------------------------------------------------------------------------------
async function history(metric, labels, since) {
  const q = new URLSearchParams({ metric });
  if (labels) q.set('labels', labels);
  if (since) q.set('since', since);
  return api('/api/v1/history?' + q.toString());
}
// Aligns series with different sample times on one x axis (seconds), nulls where a series has no sample.
function align(list) {
  const xs = [...new Set(list.flatMap(s => s.times))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = list.map(s => { const y = new Array(xs.length).fill(null); s.times.forEach((t, i) => { y[index.get(t)] = s.values[i]; }); return y; });
  return [xs.map(x => x / 1000), ...ys];
}
// Y-axis tick labels with as many decimals as the tick step needs: uPlot's default format keeps 3, so ticks 0.0005
// apart on a fidelity near 0.993 were all drawn "0.993". Returns the labels (drawn, and kept for the tests).
function tickLabels(splits, incr) {
  let digits = 0;
  while (digits < 12 && Math.abs(incr * 10 ** digits - Math.round(incr * 10 ** digits)) > 1e-6) digits++;
  return splits.map(v => (v === null || v === undefined) ? '' : (Math.abs(v) >= 1e5 ? v.toExponential(2) : v.toFixed(digits)));
}
function thresholdOf(metric) { const t = thresholds.find(x => x.metric === metric); return t ? t.value : null; }
// A live uPlot chart: series come from fetch() as [{name, times, values}]; lines: horizontal thresholds; marks: x times (ms) drawn as vertical lines.
class Chart {
  constructor(parent, title, unit, fetchSeries, options = {}) {
    this.box = el('div', { class: 'chart panel' }, el('div', { class: 'title', text: title + (unit ? ' (' + unit + ')' : '') }));
    this.box.dataset.chart = title;
    parent.append(this.box);
    this.fetchSeries = fetchSeries;
    this.options = options;
    this.plot = null;
    this.names = '';
    this.zoomed = false;
  }
  async refresh() {
    const list = (await this.fetchSeries()).filter(s => s.times.length > 0);
    const data = align(list);
    this.box.dataset.points = String(data[0].length);
    const names = list.map(s => s.name).join('|');
    if (!this.plot || names !== this.names) {
      if (this.plot) this.plot.destroy();
      this.names = names;
      if (list.length === 0) { if (!this.box.querySelector('.empty')) this.box.append(empty('no samples yet')); return; }
      this.box.querySelector('.empty')?.remove();
      this.plot = this.create(list, data);
    } else {
      this.plot.setData(data, !this.zoomed);
    }
  }
  create(list, data) {
    const width = Math.max(260, this.box.clientWidth - 16);
    const lines = this.options.lines || [];
    const marks = this.options.marks || (() => []);
    const self = this;
    return new uPlot({
      width, height: 180,
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      legend: { live: false },
      series: [{}, ...list.map((s, i) => ({ label: s.name, stroke: s.colour || PALETTE[i % PALETTE.length], width: 1.5, spanGaps: true }))],
      axes: [{}, { size: 60, values: (u, splits, axis, space, incr) => { const labels = tickLabels(splits, incr); self.box.dataset.yticks = JSON.stringify(labels); return labels; } }],
      hooks: {
        setSelect: [u => { if (u.select.width > 0) { self.zoomed = true; self.box.dataset.zoomed = 'true'; } }],
        setScale: [(u, key) => {
          if (key !== 'x') return;
          if (u.select.width === 0 && self.zoomed && u.scales.x.min === u.data[0][0]) self.zoomed = false;
          // Read by the browser tests: whether the chart is zoomed and the x range shown (seconds).
          self.box.dataset.zoomed = String(self.zoomed);
          self.box.dataset.xspan = String(u.scales.x.max - u.scales.x.min);
        }],
        draw: [u => {
          const ctx = u.ctx;
          ctx.save();
          ctx.lineWidth = 1.5;
          for (const line of lines) {
            if (line.value === null || line.value === undefined) continue;
            const y = u.valToPos(line.value, 'y', true);
            ctx.strokeStyle = line.colour || '#c62828';
            ctx.setLineDash([6, 4]);
            ctx.beginPath(); ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y); ctx.stroke();
          }
          ctx.strokeStyle = '#6a1b9a';
          ctx.setLineDash([2, 3]);
          for (const ms of marks()) {
            const x = u.valToPos(ms / 1000, 'x', true);
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
            ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke();
          }
          ctx.restore();
        }],
      },
    }, data, this.box);
  }
  destroy() { if (this.plot) this.plot.destroy(); }
}
// One series per label value of a history answer, named by that label.
const byLabel = (answer, label, rename) => answer.series.map(s => ({ name: rename ? rename(s.labels[label]) : s.labels[label], times: s.times, values: s.values }));

// --- network map ----------------------------------------------------------------------------------------------------
function activeWindows(windows, now) { return windows.filter(w => Date.parse(w.start) <= now && now < Date.parse(w.end)); }
function incidentTargets(incidents) {
  const targets = new Set();
  for (const i of incidents || []) {
    if (i.state === 'resolved') continue;
    for (const a of i.alerts || []) { const l = (a && a.labels) || {}; if (l.link) targets.add(l.link); if (l.node) targets.add(l.node); }
  }
  return targets;
}
function linkState(link, faults, fidelityFloor) {
  if (!link.up) return 'down';
  if (faults.some(f => f.active && f.target === link.id)) return 'degraded';
  if (fidelityFloor !== null && link.meanFidelity !== null && link.meanFidelity < fidelityFloor && !link.qkd) return 'degraded';
  return 'up';
}
async function mapData() {
  const [topo, faults, windows, incidents, rates] = await Promise.all([
    api('/api/v1/topology'), api('/api/v1/faults'), api('/api/v1/maintenance'), fetchIncidents(),
    history('qnet_link_pairs_generated', '', '30s')]);
  const rate = {};
  for (const s of rates.series) if (s.values.length) rate[s.labels.link] = s.values[s.values.length - 1];
  return { topo, faults, windows: activeWindows(windows, Date.parse(me.twinNow) + (Date.now() - me.loadedAt) * (topo.timeFactor || 1)), incidents, rate };
}
const views = {};
views.map = {
  async render(main, arg) {
    main.append(el('div', { class: 'legend' },
      el('span', {}, el('span', { class: 'swatch sw-up' }), 'up'), el('span', {}, el('span', { class: 'swatch sw-degraded' }), 'degraded (fault or fidelity below SLO)'),
      el('span', {}, el('span', { class: 'swatch sw-down' }), 'down'), el('span', {}, el('span', { class: 'swatch sw-maint' }), 'in maintenance (dashed)'),
      el('span', { text: '● end node  ◆ repeater  ★ hub  ⚡ fault  ! incident' }),
      el('a', { id: 'map-layout', href: arg === 'auto' ? '#map' : '#map/auto', text: arg === 'auto' ? 'scenario positions' : 'automatic layout' })));
    main.append(el('div', { id: 'cy', role: 'img', 'aria-label': 'network map' }));
    main.append(el('div', { id: 'map-table' }));
    const [d] = await Promise.all([mapData(), loadCytoscape()]);
    performance.mark('qnet-map-data'); // data and library in hand (docs/benchmarks.md splits the draw time here)
    const degree = {};
    for (const l of d.topo.links) { degree[l.nodeA] = (degree[l.nodeA] || 0) + 1; degree[l.nodeB] = (degree[l.nodeB] || 0) + 1; }
    const kindOf = n => n.kind === 'end' ? 'end' : (degree[n.id] >= 3 ? 'hub' : 'repeater');
    // Scenario positions when every node has one (#map/auto forces the automatic layout), scaled to the box so that
    // the map opens near zoom 1 (labels at their set size); y flips, as the screen's grows downwards.
    const scenario = arg === 'auto' ? null : qnetLayout.fromScenario(d.topo.nodes);
    const positions = scenario || qnetLayout.automatic(d.topo.nodes, d.topo.links);
    const box = $('cy');
    box.dataset.layout = scenario ? 'scenario' : 'automatic';
    if (!qnetLayout.fromScenario(d.topo.nodes)) $('map-layout').remove(); // nothing to switch between
    const xs = [...positions.values()].map(p => p.x), ys = [...positions.values()].map(p => p.y);
    const spanX = Math.max(...xs) - Math.min(...xs) || 1, spanY = Math.max(...ys) - Math.min(...ys) || 1;
    // Scenario positions keep their aspect; the automatic layout stretches to the box (at most 3:1) so that the
    // links, and so their labels, get the width of a wide screen.
    let kx = (box.clientWidth - 120) / spanX, ky = (box.clientHeight - 90) / spanY;
    if (scenario) kx = ky = Math.min(kx, ky); else { kx = Math.min(kx, 3 * ky); ky = Math.min(ky, 3 * kx); }
    const screen = new Map([...positions].map(([id, p]) => [id, { x: p.x * kx, y: -p.y * ky }]));
    const cy = cytoscape({
      container: box,
      elements: [
        ...d.topo.nodes.map(n => ({ data: { id: n.id, label: n.id, kind: kindOf(n), weight: degree[n.id] || 0 }, position: screen.get(n.id) })),
        ...d.topo.links.map(l => ({ data: { id: l.id, source: l.nodeA, target: l.nodeB, label: l.id, colour: COLOURS.idle, qkd: l.qkd } })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 12, 'text-valign': 'bottom', 'text-margin-y': 4, width: 26, height: 26, 'background-color': '#3b4a6b', 'border-width': 0 } },
        { selector: 'node[kind = "repeater"]', style: { shape: 'diamond', 'background-color': '#5c6bc0' } },
        { selector: 'node[kind = "hub"]', style: { shape: 'star', width: 38, height: 38, 'background-color': '#283593' } },
        { selector: 'node.fault, node.incident', style: { 'border-width': 4, 'border-color': '#c62828' } },
        { selector: 'node.maint', style: { 'border-width': 4, 'border-color': COLOURS.maint, 'border-style': 'dashed' } },
        { selector: 'edge', style: { width: 5, 'line-color': 'data(colour)', label: 'data(label)', 'font-size': 10, 'text-wrap': 'wrap', 'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.85, 'curve-style': 'bezier' } },
        { selector: 'edge[bend]', style: { 'curve-style': 'unbundled-bezier', 'control-point-distances': 'data(bend)', 'control-point-weights': 0.5 } },
        { selector: 'edge[?qkd]', style: { 'line-style': 'dotted' } },
        { selector: 'edge.maint', style: { 'line-style': 'dashed', 'line-dash-pattern': [8, 4] } },
      ],
      layout: { name: 'preset', fit: true, padding: 30 },
      wheelSensitivity: 0.3,
    });
    // A link drawn straight through another node (alice-bob through the hub) bends away from it: of the two sides,
    // the one that leaves its label (the curve's midpoint) farther from that node.
    const clearance = 45; // px at zoom 1: a hub's half-width plus its label
    for (const c of qnetLayout.crossings(screen, d.topo.links, clearance)) {
      const edge = cy.getElementById(c.link), node = screen.get(c.node);
      const away = bend => { edge.data('bend', bend); const m = edge.midpoint(); return Math.hypot(m.x - node.x, m.y - node.y); };
      const size = 2 * (2 * clearance - c.distance);
      edge.data('bend', away(size) >= away(-size) ? size : -size);
    }
    cy.fit(undefined, 30);
    cy.on('tap', 'edge', e => { location.hash = '#link/' + encodeURIComponent(e.target.id()); });
    cy.on('tap', 'node', e => { location.hash = '#node/' + encodeURIComponent(e.target.id()); });
    window.qnetMap = cy; // read by the browser tests (element colours); holds no credential
    this.cy = cy;
    this.apply(d);
  },
  async refresh() { if (this.cy) this.apply(await mapData()); },
  apply(d) {
    const cy = this.cy;
    const floor = thresholdOf('qnet_link_pair_fidelity');
    const marked = incidentTargets(d.incidents);
    const inWindow = id => d.windows.some(w => Object.keys(w.matchers).length === 0 || w.matchers.link === id || w.matchers.node === id);
    const rows = [];
    for (const l of d.topo.links) {
      const state = linkState(l, d.faults, floor);
      const faulted = d.faults.some(f => f.active && f.target === l.id);
      const edge = cy.getElementById(l.id);
      const rate = d.rate[l.id];
      const label = (faulted ? '⚡ ' : '') + (marked.has(l.id) ? '! ' : '') + l.id + '\n' + (l.qkd ? 'QKD' : fmt(rate, 3) + ' Hz · F ' + fmt(l.meanFidelity, 3));
      edge.data({ colour: COLOURS[state], state, label });
      edge.toggleClass('maint', inWindow(l.id));
      rows.push([el('a', { href: '#link/' + encodeURIComponent(l.id), text: l.id }), l.nodeA + ' – ' + l.nodeB, el('span', { class: state, text: state }), rate, l.meanFidelity, l.calibrationDrift]);
    }
    for (const n of d.topo.nodes) {
      const node = cy.getElementById(n.id);
      node.toggleClass('fault', d.faults.some(f => f.active && (f.target === n.id || f.target === '*')));
      node.toggleClass('incident', marked.has(n.id));
      node.toggleClass('maint', inWindow(n.id));
    }
    $('map-table').replaceChildren(table(['link', 'between', 'state', 'pairs/s', 'mean fidelity', 'drift'], rows));
  },
  leave() { if (this.cy) this.cy.destroy(); this.cy = null; window.qnetMap = null; },
};

// --- detail pages of a link or a node -------------------------------------------------------------------------------
views.link = {
  async render(main, id) {
    const [topo, faults, windows, calibrations] = await Promise.all([api('/api/v1/topology'), api('/api/v1/faults'), api('/api/v1/maintenance'), api('/api/v1/calibrations')]);
    const l = topo.links.find(x => x.id === id);
    if (!l) { main.append(empty('no link ' + id)); return; }
    main.append(el('h2', { text: 'Link ' + l.id + ' (' + l.nodeA + ' – ' + l.nodeB + ')' }));
    main.append(table(['state', 'heralding', 'length (m)', 'attenuation (dB/km)', 'transmittance', 'pairs', 'mean fidelity', 'drift'],
      [[l.up ? 'up' : 'down', l.heralding, l.lengthMetres, l.attenuationDbPerKm, l.transmittance, l.pairsGenerated, l.meanFidelity, l.calibrationDrift]]));
    main.append(panel('Faults', table(['fault', 'kind', 'magnitude', 'active', 'injected'], faults.filter(f => f.target === l.id).map(f => [f.id, f.kind, f.magnitude, String(f.active), f.injectedAt]))));
    main.append(panel('Maintenance windows', table(['window', 'start', 'end', 'reason'], windows.filter(w => w.matchers.link === l.id || Object.keys(w.matchers).length === 0).map(w => [w.id, w.start, w.end, w.reason || '']))));
    const calTimes = calibrations.filter(c => c.link === l.id).map(c => Date.parse(c.at));
    const grid = el('div', { class: 'grid' });
    main.append(grid);
    const one = m => async () => (await history(m, 'link=' + l.id)).series.map(s => ({ name: l.id, times: s.times, values: s.values }));
    this.charts = [
      new Chart(grid, 'Generation rate', 'pairs/s', one('qnet_link_pairs_generated'), { lines: [{ value: thresholdOf('qnet_link_pairs_generated') }] }),
      new Chart(grid, 'Heralded fidelity', '', one('qnet_link_pair_fidelity'), { lines: [{ value: thresholdOf('qnet_link_pair_fidelity') }] }),
      new Chart(grid, 'Calibration drift', 'ratio', one('qnet_calibration_drift_ratio'), { lines: [{ value: thresholdOf('qnet_calibration_drift_ratio') }], marks: () => calTimes }),
    ];
  },
};
views.node = {
  async render(main, id) {
    const [topo, faults, sessions] = await Promise.all([api('/api/v1/topology'), api('/api/v1/faults'), api('/api/v1/sessions')]);
    const n = topo.nodes.find(x => x.id === id);
    if (!n) { main.append(empty('no node ' + id)); return; }
    main.append(el('h2', { text: 'Node ' + n.id + ' (' + n.kind + ')' }));
    main.append(table(['memory slots', 'free', 'T2 (s)'], [[n.memorySlots, n.freeSlots, n.t2Seconds]]));
    main.append(panel('Links', table(['link', 'other end', 'state'], topo.links.filter(l => l.nodeA === n.id || l.nodeB === n.id)
      .map(l => [el('a', { href: '#link/' + encodeURIComponent(l.id), text: l.id }), l.nodeA === n.id ? l.nodeB : l.nodeA, l.up ? 'up' : 'down']))));
    main.append(panel('Faults', table(['fault', 'kind', 'magnitude', 'active'], faults.filter(f => f.target === n.id).map(f => [f.id, f.kind, f.magnitude, String(f.active)]))));
    main.append(panel('Sessions through it', table(['session', 'outcome', 'path'], sessions.filter(s => s.path.includes(n.id)).map(s => [s.id, s.outcome, s.path.join(' → ')]))));
  },
};

// --- executive ------------------------------------------------------------------------------------------------------
views.exec = {
  async render(main) {
    main.append(el('div', { class: 'tiles', id: 'exec-tiles' }));
    const grid = el('div', { class: 'grid' });
    main.append(grid, el('div', { id: 'exec-tables', class: 'grid' }));
    this.charts = [
      new Chart(grid, 'End-to-end pairs delivered', 'pairs/s', async () => byLabel(await history('qnet_session_pairs_delivered'), 'session_class')),
      new Chart(grid, 'Link generation rate', 'pairs/s', async () => byLabel(await history('qnet_link_pairs_generated'), 'link'), { lines: [{ value: thresholdOf('qnet_link_pairs_generated') }] }),
    ];
    await this.refresh();
  },
  async refresh() {
    const [sessions, rates, keys, budgets, incidents] = await Promise.all([api('/api/v1/sessions'), history('qnet_link_pairs_generated', '', '60s'),
      api('/api/v1/console/keys'), api('/api/v1/slo/budgets'), fetchIncidents()]);
    const ended = sessions.filter(s => ['completed', 'failed', 'refused'].includes(s.outcome));
    const success = ended.length ? ended.filter(s => s.outcome === 'completed').length / ended.length : null;
    const running = sessions.filter(s => s.outcome === 'running').length;
    const last = rates.series.filter(s => s.values.length).map(s => s.values[s.values.length - 1]);
    const mean = last.length ? last.reduce((a, b) => a + b, 0) / last.length : null;
    const open = incidents ? incidents.filter(i => i.state !== 'resolved').length : null;
    const tile = (value, label) => el('div', { class: 'tile' }, el('div', { class: 'value', text: value }), el('div', { class: 'label', text: label }));
    $('exec-tiles').replaceChildren(
      tile(success === null ? (running + ' running') : pct(success), 'session success (ended sessions)'),
      tile(fmt(mean, 3) + ' Hz', 'average link generation rate'),
      tile(fmt(keys.keysIssued), 'keys issued'),
      tile(open === null ? 'n/a' : String(open), open === null ? 'no incident record on this server' : 'open incidents'));
    $('exec-tables').replaceChildren(
      panel('Keys per site pair', table(['SAE pair', 'policy', 'keys issued', 'post-quantum share', 'stored keys'],
        keys.pairs.map(p => [p.saeA + ' ↔ ' + p.saeB, p.policy, p.keysIssued, pct(p.pqcShare), p.storedKeys]))),
      panel('SLO error budget left', table(['SLO', 'budget left', 'worst group'], budgets.map(b => [b.slo, el('span', { class: b.worstBudgetRemaining < 0 ? 'down' : (b.worstBudgetRemaining < 0.25 ? 'degraded' : 'up'), text: pct(b.worstBudgetRemaining) }), labelsText(b.worstGroup)]))));
  },
};

// --- on-call --------------------------------------------------------------------------------------------------------
function alertState(a) { if (a.inhibited) return 'inhibited'; if (a.suppressed) return 'suppressed'; return a.status; }
function runbook(a) {
  const url = (a.annotations || {}).runbook_url;
  if (!url) return '';
  return /^https?:\/\//.test(url) ? el('a', { class: 'runbook', href: url, rel: 'noopener noreferrer', target: '_blank', text: 'runbook' }) : el('code', { text: url });
}
function sessionsAffected(window, sessions, links) {
  const m = window.matchers;
  if (Object.keys(m).length === 0) return sessions;
  const link = m.link ? links.find(l => l.id === m.link) : null;
  return sessions.filter(s => (m.node && s.path.includes(m.node)) || (link && s.path.some((n, i) => i > 0 && ((s.path[i - 1] === link.nodeA && n === link.nodeB) || (s.path[i - 1] === link.nodeB && n === link.nodeA)))));
}
views.oncall = {
  async render(main) {
    const grid = el('div', { class: 'grid' });
    main.append(grid, el('div', { id: 'oncall-tables' }));
    const api95 = async () => (await history('http_server_request_duration_seconds')).series.filter(s => s.labels.stat === 'p95' || s.labels.stat === 'p99')
      .map(s => ({ name: s.labels.stat, times: s.times, values: s.values }));
    this.charts = [
      new Chart(grid, 'Link fidelity', '', async () => byLabel(await history('qnet_link_pair_fidelity'), 'link'), { lines: [{ value: thresholdOf('qnet_link_pair_fidelity') }] }),
      new Chart(grid, 'Link generation rate', 'pairs/s', async () => byLabel(await history('qnet_link_pairs_generated'), 'link'), { lines: [{ value: thresholdOf('qnet_link_pairs_generated') }] }),
      new Chart(grid, 'Control API latency p95 / p99', 's', api95, { lines: [{ value: thresholdOf('http_server_request_duration_seconds') }] }),
      new Chart(grid, 'Control API requests and errors', '/s', async () => (await history('http_server_request_duration_seconds')).series
        .filter(s => s.labels.stat.endsWith('_per_second')).map(s => ({ name: s.labels.stat.replace('_per_second', ''), times: s.times, values: s.values }))),
      new Chart(grid, 'Failed swaps', '/s', async () => {
        const [attempts, successes] = await Promise.all([history('qnet_swap_attempts'), history('qnet_swap_successes')]);
        return attempts.series.map(a => {
          const ok = successes.series.find(s => s.labels.node === a.labels.node);
          const okAt = new Map(ok ? ok.times.map((t, i) => [t, ok.values[i]]) : []);
          return { name: a.labels.node, times: a.times, values: a.values.map((v, i) => Math.max(0, v - (okAt.get(a.times[i]) || 0))) };
        });
      }),
    ];
    await this.refresh();
  },
  async refresh() {
    const [alerts, windows, sessions, topo] = await Promise.all([api('/api/v1/alerts'), api('/api/v1/maintenance'), api('/api/v1/sessions'), api('/api/v1/topology')]);
    const now = Date.parse(me.twinNow) + (Date.now() - me.loadedAt) * (topo.timeFactor || 1);
    const active = activeWindows(windows, now);
    const coherence = alerts.filter(a => /coheren|memory|t2/i.test(a.name + ' ' + labelsText(a.labels)) && a.status !== 'resolved');
    $('oncall-tables').replaceChildren(
      panel('Alerts', alerts.length ? table(['alert', 'state', 'labels', 'since', 'runbook'],
        alerts.map(a => [a.name, el('span', { class: 'state state-' + alertState(a), text: alertState(a) }), labelsText(a.labels), a.activeAt, runbook(a)])) : empty('no alerts')),
      panel('Memory coherence alerts', coherence.length ? table(['alert', 'state', 'labels'], coherence.map(a => [a.name, alertState(a), labelsText(a.labels)])) : empty('none')),
      panel('Active maintenance windows', active.length ? table(['window', 'matchers', 'until', 'reason', 'sessions affected'],
        active.map(w => [w.id, labelsText(w.matchers) || 'everything', w.end, w.reason || '', sessionsAffected(w, sessions, topo.links).map(s => s.id).join(', ') || 'none'])) : empty('none active')));
  },
};

// --- debug ----------------------------------------------------------------------------------------------------------
// The live event stream is read with fetch (EventSource cannot send an Authorization header, and the token must not go into the URL).
async function streamEvents(list, signal) {
  const r = await fetch('/api/v1/events', { headers: { Authorization: 'Bearer ' + token }, signal });
  if (!r.ok) throw new Error('/api/v1/events: HTTP ' + r.status);
  const reader = r.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.substring(0, cut);
      buffer = buffer.substring(cut + 2);
      const data = block.split('\n').filter(l => l.startsWith('data: ')).map(l => l.substring(6)).join('\n');
      if (!data) continue;
      const e = JSON.parse(data);
      const parts = [new Date().toISOString().substring(11, 23), 't=' + fmt(e.simulatedSeconds, 7) + ' s', e.type, e.link || e.node, e.sessionId, e.fidelity !== null && e.fidelity !== undefined ? 'F=' + fmt(e.fidelity, 3) : null];
      list.prepend(el('div', { class: 'event', text: parts.filter(Boolean).join(' ') }));
      while (list.childElementCount > 60) list.lastElementChild.remove();
    }
  }
}
// A session's trace as a span timeline: one lane per span name (heralds, swaps, deliveries, losses, session changes),
// each finished span a bar placed by its wall-clock start and length (the twin's span timestamps), its attributes in the tooltip.
function spanTimeline(session, spans) {
  if (!spans.length) return empty('no finished spans of this trace yet');
  const start = s => Date.parse(s.start);
  const t0 = Math.min(...spans.map(start));
  const length = Math.max(1, Math.max(...spans.map(s => start(s) + s.durationMs)) - t0);
  const box = el('div', { class: 'spans', 'data-session': session, 'data-spans': String(spans.length) });
  for (const name of [...new Set(spans.map(s => s.name))]) {
    const lane = el('div', { class: 'span-lane' });
    for (const s of spans.filter(x => x.name === name)) {
      const bar = el('span', { class: 'span-bar', title: name + ' · ' + fmt(s.durationMs, 3) + ' ms · ' + labelsText(s.tags) });
      bar.style.left = (100 * (start(s) - t0) / length) + '%';
      bar.style.width = Math.max(0.4, 100 * s.durationMs / length) + '%';
      lane.append(bar);
    }
    box.append(el('div', { class: 'span-row' }, el('span', { class: 'span-name', text: name }), lane));
  }
  box.append(el('div', { class: 'span-axis', text: 'wall time 0 – ' + fmt(length / 1000, 3) + ' s (twin times in each span\'s tooltip)' }));
  return box;
}
views.debug = {
  async render(main) {
    const topo = await api('/api/v1/topology');
    const links = topo.links.filter(l => !l.qkd).map(l => l.id);
    const select = el('select', { id: 'debug-link', 'aria-label': 'link' }, ...links.map(id => el('option', { value: id, text: id })));
    const events = el('div', { class: 'events', id: 'debug-events' });
    main.append(panel('Live heralding events', events));
    main.append(el('p', {}, el('label', { for: 'debug-link', text: 'Link ' }), select));
    const grid = el('div', { class: 'grid' });
    main.append(grid, el('div', { id: 'debug-traces' }));
    let calibrations = [];
    this.calibrations = async () => { calibrations = await api('/api/v1/calibrations'); };
    const link = () => select.value;
    this.charts = [
      new Chart(grid, 'Detector clicks vs dark-count floor', 'Hz', async () => {
        const [clicks, floor] = await Promise.all([history('qnet_detector_clicks', 'link=' + link()), history('qnet_detector_dark_count_floor_hertz', 'link=' + link())]);
        return [...clicks.series.map(s => ({ name: 'clicks ' + link(), times: s.times, values: s.values })), ...floor.series.map(s => ({ name: 'noise floor', colour: '#c62828', times: s.times, values: s.values }))];
      }),
      new Chart(grid, 'Calibration drift (jobs marked)', 'ratio', async () => byLabel(await history('qnet_calibration_drift_ratio'), 'link'),
        { lines: [{ value: thresholdOf('qnet_calibration_drift_ratio') }], marks: () => calibrations.map(c => Date.parse(c.at)) }),
    ];
    select.addEventListener('change', () => this.charts[0].refresh().catch(showError));
    this.abort = new AbortController();
    streamEvents(events, this.abort.signal).catch(e => { if (e.name !== 'AbortError') showError(e); });
    await this.refresh();
  },
  async refresh() {
    await this.calibrations();
    const sessions = await api('/api/v1/sessions');
    // Delayed: pending (not admitted yet), suspended (a fault left it without a path; it waits for re-admission),
    // degraded by a fault, or running below a tenth of the median rate of running sessions.
    const rates = sessions.filter(s => s.outcome === 'running' && s.pairsPerSecond !== null).map(s => s.pairsPerSecond).sort((a, b) => a - b);
    const median = rates.length ? rates[Math.floor(rates.length / 2)] : null;
    const delayed = sessions.filter(s => ['pending', 'suspended', 'degraded'].includes(s.outcome)
      || (s.outcome === 'running' && median !== null && (s.pairsPerSecond ?? 0) < median / 10)).slice(0, 5);
    const box = el('div');
    for (const s of delayed) {
      const [changes, spans] = await Promise.all([api('/api/v1/events/history?session=' + encodeURIComponent(s.id) + '&limit=20'),
        s.traceId ? api('/api/v1/console/traces/' + encodeURIComponent(s.traceId)) : Promise.resolve([])]);
      box.append(el('h3', { text: s.id + ' · ' + s.outcome + ' · trace ' + s.traceId }), spanTimeline(s.id, spans),
        table(['twin time (s)', 'change'], changes.map(c => [c.simulatedSeconds, [c.change || c.type, c.outcome, c.reason].filter(Boolean).join(' ')])));
    }
    $('debug-traces').replaceChildren(panel('Traces of delayed sessions', delayed.length ? box : empty('no delayed sessions')));
  },
  leave() { if (this.abort) this.abort.abort(); },
};

// --- keys -----------------------------------------------------------------------------------------------------------
views.keys = {
  async render(main) {
    main.append(el('div', { id: 'keys-tables' }));
    const grid = el('div', { class: 'grid' });
    main.append(grid);
    this.charts = [
      new Chart(grid, 'Stored keys per pool', 'keys', async () => byLabel(await history('qnet_kms_stored_keys'), 'pool')),
      new Chart(grid, 'Key delivery rate', 'keys/s', async () => (await history('qnet_kms_requests', 'outcome=keys_issued')).series.map(s => ({ name: 'issued', times: s.times, values: s.values }))),
    ];
    await this.refresh();
  },
  async refresh() {
    const keys = await api('/api/v1/console/keys');
    $('keys-tables').replaceChildren(
      el('div', { class: 'tiles' }, ...[[keys.keysIssued, 'keys issued'], [keys.keysExpired, 'keys expired'], [keys.mismatches, 'mismatched QKD blocks'], [keys.quarantinedBlocks, 'quarantined blocks']]
        .map(([v, l]) => el('div', { class: 'tile' }, el('div', { class: 'value', text: fmt(v) }), el('div', { class: 'label', text: l })))),
      panel('SAE pairs', keys.pairs.length ? table(['SAE pair', 'KMEs', 'policy', 'stored keys', 'keys issued', 'delivery (keys/s, last min)', 'post-quantum share', 'mismatches', 'quarantined blocks'],
        keys.pairs.map(p => [p.saeA + ' ↔ ' + p.saeB, p.kmeA + ' | ' + p.kmeB, p.policy, p.storedKeys, p.keysIssued, p.deliveryRate, pct(p.pqcShare), p.mismatches, p.quarantinedBlocks]))
        : empty('no SAEs registered')));
  },
};

// --- incidents ------------------------------------------------------------------------------------------------------
views.incidents = {
  async render(main) { main.append(el('div', { id: 'incidents-body' })); await this.refresh(); },
  async refresh() {
    const list = await fetchIncidents();
    const body = $('incidents-body');
    if (list === null) { body.replaceChildren(empty('no incident record on this server')); return; }
    const rows = [];
    for (const i of list) {
      const detail = await fetchIncidents('/api/v1/incidents/' + encodeURIComponent(i.id));
      const actions = me.role === 'operator' && i.state !== 'resolved'
        ? el('span', {}, ...['acknowledge', 'resolve'].map(verb => el('button', { type: 'button', text: verb, on: { click: () => act(() => api('/api/v1/incidents/' + encodeURIComponent(i.id) + '/' + verb, { method: 'POST', body: {} })) } })))
        : '';
      rows.push([i.id, i.state, i.title, i.openedAt, String((i.alerts || []).length), el('span', { text: ((detail && detail.timeline) || []).map(t => (t.at || '') + ' ' + (t.text || t.event || t.kind || '')).join(' · ') }), actions]);
    }
    body.replaceChildren(rows.length ? table(['incident', 'state', 'title', 'opened', 'alerts', 'timeline', ''], rows) : empty('no incidents'));
  },
};

// --- actions (operator tokens only; the server refuses viewers anyway) ----------------------------------------------
async function act(call) {
  const out = $('action-result');
  try { await call(); if (out) { out.className = 'ok'; out.textContent = 'done'; } if (current && views[current.name].refresh) await views[current.name].refresh(); } catch (e) { if (out) { out.className = 'error'; out.textContent = e.message; } else showError(e); }
}
views.actions = {
  async render(main) {
    if (me.role !== 'operator') { main.append(empty('actions need an operator token')); return; }
    const topo = await api('/api/v1/topology');
    const targets = [...topo.links.map(l => l.id), ...topo.nodes.map(n => n.id), '*'];
    const opt = (values, selected) => values.map(v => el('option', { value: v, text: v, selected: v === selected ? '' : null }));
    const field = (label, input) => el('label', {}, label, input);
    const kind = el('select', { id: 'fault-kind' }, ...me.faultKinds.map(k => el('option', { value: k.name, text: k.name + (k.unit ? ' (' + k.unit + ')' : '') })));
    const target = el('select', { id: 'fault-target' }, ...opt(targets));
    const magnitude = el('input', { id: 'fault-magnitude', type: 'number', step: 'any' });
    const duration = el('input', { id: 'fault-duration', type: 'number', step: 'any', min: '0', placeholder: 'until cleared' });
    const faultForm = el('form', { id: 'fault-form', class: 'action' }, field('kind', kind), field('target', target), field('magnitude', magnitude), field('duration (s)', duration), el('button', { type: 'submit', id: 'fault-inject', text: 'inject fault' }));
    faultForm.addEventListener('submit', e => {
      e.preventDefault();
      act(() => api('/api/v1/faults', { method: 'POST', body: { kind: kind.value, target: target.value, magnitude: magnitude.value === '' ? null : Number(magnitude.value), duration: duration.value === '' ? null : Number(duration.value) } }));
    });
    const mScope = el('select', { id: 'maint-link' }, el('option', { value: '', text: 'everything' }), ...opt(topo.links.map(l => l.id)));
    const mMinutes = el('input', { id: 'maint-minutes', type: 'number', min: '1', value: '30' });
    const mReason = el('input', { id: 'maint-reason', type: 'text', maxlength: '200' });
    const maintForm = el('form', { id: 'maint-form', class: 'action' }, field('link', mScope), field('minutes', mMinutes), field('reason', mReason), el('button', { type: 'submit', text: 'open window' }));
    maintForm.addEventListener('submit', e => {
      e.preventDefault();
      act(async () => {
        const who = await api('/api/v1/console/whoami');
        const start = Date.parse(who.twinNow);
        await api('/api/v1/maintenance', { method: 'POST', body: { start: new Date(start).toISOString(), end: new Date(start + Number(mMinutes.value) * 60000).toISOString(), matchers: mScope.value ? { link: mScope.value } : {}, reason: mReason.value || null } });
      });
    });
    const cLink = el('select', { id: 'calibrate-link' }, ...opt(topo.links.map(l => l.id)));
    const calForm = el('form', { id: 'calibrate-form', class: 'action' }, field('link', cLink), el('button', { type: 'submit', text: 'run calibration' }));
    calForm.addEventListener('submit', e => { e.preventDefault(); act(() => api('/api/v1/calibrations', { method: 'POST', body: { link: cLink.value } })); });
    main.append(el('p', { id: 'action-result', role: 'status' }), panel('Inject a fault', faultForm), el('div', { id: 'active-faults' }), panel('Open a maintenance window', maintForm), panel('Run a calibration job', calForm));
    await this.refresh();
  },
  async refresh() {
    if (me.role !== 'operator') return;
    const faults = (await api('/api/v1/faults')).filter(f => f.active);
    $('active-faults').replaceChildren(panel('Active faults', faults.length ? table(['fault', 'kind', 'target', 'magnitude', ''],
      faults.map(f => [f.id, f.kind, f.target, f.magnitude, el('button', { type: 'button', class: 'clear-fault', text: 'clear', on: { click: () => act(() => api('/api/v1/faults/' + encodeURIComponent(f.id), { method: 'DELETE' })) } })])) : empty('none')));
  },
};

// --- shell ----------------------------------------------------------------------------------------------------------
function showError(e) { $('status').textContent = 'error: ' + e.message; }
function showTokenState() { $('token-state').textContent = token ? (me ? me.role + ' token set for this tab' : 'token set for this tab') : 'no token'; }
function route() {
  const [name, arg] = (location.hash.substring(1) || 'map').split('/');
  return { name: views[name] ? name : 'map', arg: arg ? decodeURIComponent(arg) : null };
}
async function show() {
  clearInterval(timer);
  delete document.body.dataset.ready; // set again once the new view has drawn
  if (current) { const v = views[current.name]; if (v.leave) v.leave(); for (const c of v.charts || []) c.destroy(); v.charts = []; }
  const main = $('main');
  main.replaceChildren();
  current = null;
  if (!token) { $('status').textContent = 'enter a viewer or operator token (`qnet token create --role viewer`) to see the network'; return; }
  // The map's library is fetched alongside whoami, not after it: one round trip less before the first view draws.
  if (route().name === 'map') loadCytoscape().catch(() => { /* reported when the map awaits it */ });
  try {
    if (!me) {
      [me, thresholds] = await Promise.all([api('/api/v1/console/whoami'), api('/api/v1/console/thresholds')]);
      me.loadedAt = Date.now();
      performance.mark('qnet-whoami');
      $('nav-actions').hidden = me.role !== 'operator';
      showTokenState();
    }
    const r = route();
    if (r.name === 'actions' && me.role !== 'operator') { location.hash = '#map'; return; }
    for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.view === r.name);
    current = r;
    const view = views[r.name];
    view.charts = [];
    // Chart views fetch uPlot while they build; the map view never loads it.
    const chartsNeeded = ['exec', 'oncall', 'debug', 'keys', 'link'].includes(r.name);
    const plotting = chartsNeeded ? loadUPlot() : Promise.resolve();
    await view.render(main, r.arg);
    await plotting;
    await Promise.all((view.charts || []).map(c => c.refresh()));
    $('status').textContent = 'updated ' + new Date().toISOString().substring(11, 19) + ' UTC';
    performance.mark('qnet-view-ready');
    document.body.dataset.ready = r.name;
    timer = setInterval(async () => {
      if (current !== r) return;
      try {
        if (view.refresh) await view.refresh();
        await Promise.all((view.charts || []).map(c => c.refresh()));
        $('status').textContent = 'updated ' + new Date().toISOString().substring(11, 19) + ' UTC';
      } catch (e) { showError(e); }
    }, REFRESH_MS);
  } catch (e) {
    if (e.status === 401) { me = null; $('status').textContent = 'the token was refused (401): enter a valid token'; return; }
    showError(e);
  }
}
$('token-form').addEventListener('submit', event => {
  event.preventDefault();
  const input = $('token');
  token = input.value.trim();
  input.value = '';
  me = null;
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
  showTokenState();
  show();
});
$('forget').addEventListener('click', () => {
  token = '';
  me = null;
  sessionStorage.removeItem(TOKEN_KEY);
  $('nav-actions').hidden = true;
  showTokenState();
  show();
});
window.addEventListener('hashchange', show);
showTokenState();
show();
