/* Rasad map and timeline: plain SVG, no tile server, no third-party code.
 * Data comes from window.RASAD_DATA (self-contained HTML report) or from the API.
 * Every string from the data is inserted with textContent / setAttribute, never as HTML. */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const COLORS = {
    "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9", "Riots": "#16a085", "Strategic developments": "#7f8c8d",
  };
  function el(name, attrs) {
    const e = document.createElementNS(SVG, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  // equirectangular projection scaled by cos(35 deg) so Syria keeps its shape
  const KX = Math.cos(35 * Math.PI / 180);
  function project(lon, lat) { return [lon * KX * 100, -lat * 100]; }

  function ringPath(ring) {
    let d = "";
    ring.forEach(function (pt, i) { const p = project(pt[0], pt[1]); d += (i ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1); });
    return d + "Z";
  }
  function drawBasemap(svg, geo) {
    const g = el("g", {"class": "basemap"});
    geo.features.forEach(function (f) {
      const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      let d = "";
      polys.forEach(function (poly) { poly.forEach(function (ring) { d += ringPath(ring); }); });
      const path = el("path", {d: d, "class": "country" + (f.properties.iso3 === "SYR" ? " syria" : "")});
      const title = el("title", {}); title.textContent = f.properties.name || ""; path.appendChild(title);
      g.appendChild(path);
    });
    svg.appendChild(g);
  }
  function drawMarkers(svg, events, linkPrefix) {
    const g = el("g", {"class": "markers"});
    events.forEach(function (e) {
      if (e.latitude == null || e.longitude == null) return;
      const p = project(e.longitude, e.latitude);
      const r = 6 + Math.min(14, Math.sqrt(e.fatalities_best || 0) * 1.5);
      const a = el("a", {href: linkPrefix + encodeURIComponent(e.id), "class": "marker-link"});
      const c = el("circle", {cx: p[0], cy: p[1], r: r, fill: COLORS[e.event_type] || "#555",
        "class": "marker" + (e.contested_fields && e.contested_fields.length ? " contested" : ""),
        "data-event-id": e.id});
      const t = el("title", {});
      t.textContent = (e.date_start || "date unknown") + " · " + e.sub_event_type + " · " + (e.location || "?") +
        (e.contested_fields && e.contested_fields.length ? " · contested: " + e.contested_fields.join(", ") : "");
      c.appendChild(t); a.appendChild(c); g.appendChild(a);
    });
    svg.appendChild(g);
  }
  function enableZoom(svg, box) {
    let vb = box.slice();
    function apply() { svg.setAttribute("viewBox", vb.map(function (v) { return v.toFixed(1); }).join(" ")); }
    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      const k = ev.deltaY < 0 ? 0.8 : 1.25;
      const rect = svg.getBoundingClientRect();
      const mx = vb[0] + (ev.clientX - rect.left) / rect.width * vb[2];
      const my = vb[1] + (ev.clientY - rect.top) / rect.height * vb[3];
      vb = [mx - (mx - vb[0]) * k, my - (my - vb[1]) * k, vb[2] * k, vb[3] * k]; apply();
    }, {passive: false});
    let drag = null;
    svg.addEventListener("mousedown", function (ev) { drag = [ev.clientX, ev.clientY, vb[0], vb[1]]; });
    window.addEventListener("mouseup", function () { drag = null; });
    svg.addEventListener("mousemove", function (ev) {
      if (!drag) return;
      const rect = svg.getBoundingClientRect();
      vb[0] = drag[2] - (ev.clientX - drag[0]) / rect.width * vb[2];
      vb[1] = drag[3] - (ev.clientY - drag[1]) / rect.height * vb[3]; apply();
    });
    apply();
  }
  function initialBox(events) {
    // Syria by default; widen to include every event
    let lon0 = 35.5, lon1 = 42.5, lat0 = 32.2, lat1 = 37.4;
    events.forEach(function (e) {
      if (e.longitude == null) return;
      lon0 = Math.min(lon0, e.longitude - 0.5); lon1 = Math.max(lon1, e.longitude + 0.5);
      lat0 = Math.min(lat0, e.latitude - 0.5); lat1 = Math.max(lat1, e.latitude + 0.5);
    });
    const a = project(lon0, lat1), b = project(lon1, lat0);
    return [a[0], a[1], b[0] - a[0], b[1] - a[1]];
  }
  function drawTimeline(svg, events, onPick) {
    const counts = {};
    events.forEach(function (e) { if (e.date_start) counts[e.date_start] = (counts[e.date_start] || 0) + 1; });
    const days = Object.keys(counts).sort();
    const W = 1000, H = 120;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    if (!days.length) {
      const t = el("text", {x: 10, y: 60, "class": "empty"}); t.textContent = "No dated events"; svg.appendChild(t); return;
    }
    const t0 = Date.parse(days[0]), t1 = Date.parse(days[days.length - 1]) + 86400000;
    const max = Math.max.apply(null, days.map(function (d) { return counts[d]; }));
    const bw = Math.max(3, W / Math.max(1, (t1 - t0) / 86400000) - 1);
    days.forEach(function (d) {
      const x = (Date.parse(d) - t0) / (t1 - t0) * (W - bw);
      const h = counts[d] / max * (H - 30);
      const r = el("rect", {x: x, y: H - 20 - h, width: bw, height: h, "class": "bar", "data-date": d});
      const tt = el("title", {}); tt.textContent = d + ": " + counts[d] + " event(s)"; r.appendChild(tt);
      if (onPick) r.addEventListener("click", function () { onPick(d); });
      svg.appendChild(r);
    });
    [days[0], days[days.length - 1]].forEach(function (d, i) {
      const t = el("text", {x: i ? W - 4 : 4, y: H - 4, "text-anchor": i ? "end" : "start", "class": "axis"});
      t.textContent = d; svg.appendChild(t);
    });
  }
  async function load() {
    const mapSvg = document.getElementById("map");
    if (!mapSvg) return;
    let data = window.RASAD_DATA;
    if (!data) {
      const qs = window.location.search;
      const [geo, pts] = await Promise.all([
        fetch("/api/basemap").then(function (r) { return r.json(); }),
        fetch("/api/map" + qs).then(function (r) { return r.json(); }),
      ]);
      data = {basemap: geo, events: pts.items, linkPrefix: "/events/"};
    }
    drawBasemap(mapSvg, data.basemap);
    drawMarkers(mapSvg, data.events, data.linkPrefix);
    enableZoom(mapSvg, initialBox(data.events));
    mapSvg.setAttribute("data-ready", "1");
    const tl = document.getElementById("timeline");
    if (tl) drawTimeline(tl, data.events, data.onPickDate === false ? null : function (d) {
      const u = new URL(window.location.href);
      u.searchParams.set("date_from", d); u.searchParams.set("date_to", d); window.location.href = u.toString();
    });
  }
  window.RasadMap = {load: load};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load); else load();
})();
