// QNet console: where the network map puts its nodes, and which links it bends around a node they would cross.
// Pure functions of the topology (no clock, no randomness): the same network is always drawn the same way.
// Coordinates here are map units with y growing north, as scenario positions are written; the map flips y for the screen.
'use strict';
const qnetLayout = (() => {
  // Adjacency lists in the topology's own order, so ties break the same way on every load.
  function neighbours(nodes, links) {
    const adj = new Map(nodes.map(n => [n.id, []]));
    for (const l of links) {
      if (adj.has(l.nodeA) && adj.has(l.nodeB) && l.nodeA !== l.nodeB) { adj.get(l.nodeA).push(l.nodeB); adj.get(l.nodeB).push(l.nodeA); }
    }
    return adj;
  }

  // Orders sibling subtrees so that those joined by links outside the tree sit next to each other: greedily, starting
  // from the subtree with the most such links, append the unplaced one most linked to the last placed.
  function orderSiblings(children, subtreeOf, adj, parentOf) {
    if (children.length < 3) return children;
    const cross = new Map(children.map(c => [c, new Map()]));
    for (const c of children) {
      for (const member of subtreeOf.get(c)) {
        for (const other of adj.get(member)) {
          if (parentOf.get(other) === member || parentOf.get(member) === other) continue; // a tree edge
          const top = children.find(d => d !== c && subtreeOf.get(d).has(other));
          if (top) cross.get(c).set(top, (cross.get(c).get(top) || 0) + 1);
        }
      }
    }
    const total = c => [...cross.get(c).values()].reduce((a, b) => a + b, 0);
    const left = [...children];
    const first = left.reduce((best, c) => (total(c) > total(best) ? c : best), left[0]);
    const order = [first];
    left.splice(left.indexOf(first), 1);
    while (left.length) {
      const last = order[order.length - 1];
      const next = left.reduce((best, c) => ((cross.get(last).get(c) || 0) > (cross.get(last).get(best) || 0) ? c : best), left[0]);
      order.push(next);
      left.splice(left.indexOf(next), 1);
    }
    return order;
  }

  // Radial tree: the best-connected node at the centre, breadth-first rings one unit apart, each subtree given an
  // angular sector in proportion to its leaves. Components not reached from the centre are laid out the same way
  // beside it. Returns Map id -> { x, y } in map units.
  function automatic(nodes, links) {
    const adj = neighbours(nodes, links);
    const placed = new Map();
    let offsetX = 0;
    for (const seed of nodes) {
      if (placed.has(seed.id)) continue;
      const component = [];
      const queue = [seed.id];
      const seen = new Set(queue);
      while (queue.length) { const id = queue.shift(); component.push(id); for (const o of adj.get(id)) if (!seen.has(o)) { seen.add(o); queue.push(o); } }
      const root = component.reduce((best, id) => (adj.get(id).length > adj.get(best).length ? id : best), component[0]);
      const parentOf = new Map([[root, null]]);
      const childrenOf = new Map(component.map(id => [id, []]));
      const depth = new Map([[root, 0]]);
      const bfs = [root];
      for (let i = 0; i < bfs.length; i++) {
        for (const o of adj.get(bfs[i])) if (!parentOf.has(o)) { parentOf.set(o, bfs[i]); depth.set(o, depth.get(bfs[i]) + 1); childrenOf.get(bfs[i]).push(o); bfs.push(o); }
      }
      const subtreeOf = new Map();
      const leaves = new Map();
      for (let i = bfs.length - 1; i >= 0; i--) {
        const id = bfs[i];
        const set = new Set([id]);
        let count = 0;
        for (const c of childrenOf.get(id)) { for (const m of subtreeOf.get(c)) set.add(m); count += leaves.get(c); }
        subtreeOf.set(id, set);
        leaves.set(id, Math.max(1, count));
      }
      const maxDepth = Math.max(...depth.values());
      const local = new Map([[root, { x: 0, y: 0 }]]);
      // Sector of the root: the full circle, starting at the top (north) and going clockwise.
      const spread = (id, from, to) => {
        const kids = orderSiblings(childrenOf.get(id), subtreeOf, adj, parentOf);
        let at = from;
        for (const c of kids) {
          const share = (to - from) * leaves.get(c) / leaves.get(id);
          const angle = at + share / 2;
          local.set(c, { x: depth.get(c) * Math.sin(angle), y: depth.get(c) * Math.cos(angle) });
          spread(c, at, at + share);
          at += share;
        }
      };
      spread(root, 0, 2 * Math.PI);
      for (const [id, p] of local) placed.set(id, { x: p.x + offsetX, y: p.y });
      offsetX += 2 * maxDepth + 2;
    }
    return placed;
  }

  // The scenario's positions when every node has one (docs/scenarios.md: all or none), else null.
  function fromScenario(nodes) {
    if (!nodes.length || !nodes.every(n => typeof n.x === 'number' && typeof n.y === 'number')) return null;
    return new Map(nodes.map(n => [n.id, { x: n.x, y: n.y }]));
  }

  // Distance from point p to the segment a-b.
  function distanceToSegment(p, a, b) {
    const dx = b.x - a.x, dy = b.y - a.y;
    const length2 = dx * dx + dy * dy;
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
    return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
  }

  // Links whose straight line passes closer than `clearance` to a node other than their ends, with that node: the map
  // bends these around it (a straight alice-bob line through the hub would hide the hub and collide with its labels).
  function crossings(positions, links, clearance) {
    const out = [];
    for (const l of links) {
      const a = positions.get(l.nodeA), b = positions.get(l.nodeB);
      if (!a || !b) continue;
      let nearest = null, best = clearance;
      for (const [id, p] of positions) {
        if (id === l.nodeA || id === l.nodeB) continue;
        const d = distanceToSegment(p, a, b);
        if (d < best) { best = d; nearest = id; }
      }
      if (nearest !== null) out.push({ link: l.id, node: nearest, distance: best });
    }
    return out;
  }

  return { automatic, fromScenario, crossings, distanceToSegment };
})();
