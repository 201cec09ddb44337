// The dashboard page: map, timeline and event list over /api/*, all driven by the URL's
// filters. Text from the store only ever reaches the DOM through textContent, and reaches
// plotly labels entity-escaped (plotly renders a few tags in labels), so article text
// cannot become markup.
(function () {
  "use strict";

  const FILTERS = ["since", "until", "event_type", "sub_event_type", "actor", "admin1",
    "mode", "q", "campaign"];
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
    "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];
  const TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
  };
  const state = { offset: 0, limit: 50, bin: "day", boundaries: null, colours: {} };

  // For plotly labels, which render a few tags: escape markup; plotly decodes the numeric
  // entities back to the characters (it shows "&quot;" literally, hence &#34;).
  function esc(value) {
    return String(value === null || value === undefined ? "" : value)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&#34;").replace(/'/g, "&#39;");
  }

  function colour(type) {
    if (TYPE_COLOURS[type]) return TYPE_COLOURS[type];
    if (!state.colours[type]) {
      state.colours[type] = PALETTE[Object.keys(state.colours).length % PALETTE.length];
    }
    return state.colours[type];
  }

  function filterParams(dropDates) {
    const url = new URLSearchParams(window.location.search);
    const out = new URLSearchParams();
    for (const name of FILTERS) {
      if (dropDates && (name === "since" || name === "until")) continue;
      const value = url.get(name);
      if (value) out.set(name, value);
    }
    return out;
  }

  function setStatus(id, text) {
    const el = document.getElementById(id);
    if (el) el.textContent = text;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) throw new Error((body && body.error) || ("HTTP " + response.status));
    return body;
  }

  // -- map --------------------------------------------------------------------------------

  function outline(collection) {
    const x = [], y = [];
    for (const feature of collection.features) {
      const geom = feature.geometry;
      const polygons = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
      for (const polygon of polygons) {
        for (const ring of polygon) {
          for (const [lon, lat] of ring) { x.push(lon); y.push(lat); }
          x.push(null); y.push(null);
        }
      }
    }
    return { x, y };
  }

  async function loadBoundaries() {
    if (state.boundaries) return state.boundaries;
    const [admin1, admin3] = await Promise.all([
      getJSON("/api/boundaries/admin1"), getJSON("/api/boundaries/admin3")]);
    state.boundaries = { admin1: outline(admin1), admin3: outline(admin3),
      labels: admin1.features.filter((f) => f.properties.label).map((f) => ({
        name: f.properties.name, x: f.properties.label[0], y: f.properties.label[1] })) };
    return state.boundaries;
  }

  // Marker size (px): a square-root scale of fatalities (area grows with the count), capped so
  // that one large figure cannot cover a governorate.
  const MARKER = { min: 8, perRoot: 2.5, max: 26 };
  function markerSize(fatalities) {
    return Math.min(MARKER.max, MARKER.min + MARKER.perRoot * Math.sqrt(Math.max(0, fatalities || 0)));
  }

  // The map's default frame: Syria. Points outside the frame are counted and listed beside it.
  const SYRIA = { x: [35.6, 42.4], y: [32.2, 37.4] };
  function inFrame(p, frame) {
    return p.longitude >= frame.x[0] && p.longitude <= frame.x[1] &&
      p.latitude >= frame.y[0] && p.latitude <= frame.y[1];
  }

  // A campaign's frame fits its members (those inside Syria's frame, when any are: a member
  // geocoded far away is listed beside the map instead of zooming it out to another country).
  function fitFrame(points) {
    const inside = points.filter((p) => inFrame(p, SYRIA));
    const use = inside.length ? inside : points;
    const xs = use.map((p) => p.longitude), ys = use.map((p) => p.latitude);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const half = Math.max(0.3, (Math.max(...xs) - Math.min(...xs)) * 0.6,
      (Math.max(...ys) - Math.min(...ys)) * 0.6);
    return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
  }

  function listOutside(points) {
    const box = document.getElementById("outside");
    const list = document.getElementById("outside-list");
    if (!box || !list) return;
    list.replaceChildren();
    box.hidden = points.length === 0;
    setStatus("outside-count", String(points.length));
    for (const p of points.slice(0, 200)) {
      const li = document.createElement("li");
      li.dataset.eventId = p.event_id;
      const a = document.createElement("a");
      a.href = "/event/" + encodeURIComponent(p.event_id);
      a.textContent = (p.location || "?") + (p.country ? " (" + p.country + ")" : "");
      li.appendChild(a);
      li.appendChild(document.createTextNode(" " + (p.event_date || "no date") + " · " +
        (p.event_type || "(no type)")));
      list.appendChild(li);
    }
  }

  function drawMap(result, boundaries) {
    const traces = [
      { type: "scatter", mode: "lines", name: "sub-districts", x: boundaries.admin3.x,
        y: boundaries.admin3.y, line: { color: "#d3dae1", width: 0.5 }, hoverinfo: "skip",
        showlegend: false },
      { type: "scatter", mode: "lines", name: "governorates", x: boundaries.admin1.x,
        y: boundaries.admin1.y, line: { color: "#7d8996", width: 1.2 }, hoverinfo: "skip",
        showlegend: false },
    ];
    const labels = boundaries.labels.filter((l) => l.name !== "Damascus");  // inside Rural Damascus
    traces.push({ type: "scatter", mode: "text", name: "governorate names", showlegend: false,
      x: labels.map((l) => l.x), y: labels.map((l) => l.y), text: labels.map((l) => esc(l.name)),
      textfont: { size: 10, color: "#8a96a3" }, hoverinfo: "skip" });
    const campaign = Boolean(filterParams(false).get("campaign"));
    const frame = campaign && result.points.length ? fitFrame(result.points) : SYRIA;
    const shown = result.points.filter((p) => inFrame(p, frame));
    const outside = result.points.filter((p) => !inFrame(p, frame));
    const byType = new Map();
    for (const p of shown) {
      const type = p.event_type || "(no type)";
      if (!byType.has(type)) byType.set(type, []);
      byType.get(type).push(p);
    }
    for (const [type, points] of byType) {
      traces.push({
        type: "scatter", mode: "markers", name: esc(type),
        x: points.map((p) => p.longitude), y: points.map((p) => p.latitude),
        customdata: points.map((p) => p.event_id),
        hovertext: points.map((p) =>
          "<b>" + esc(p.event_type) + (p.sub_event_type ? " / " + esc(p.sub_event_type) : "") +
          "</b><br>" + esc(p.event_date || "no date") + " · " + esc(p.location) +
          (p.admin1 ? " (" + esc(p.admin1) + ")" : "") + "<br>" + esc(p.actor1 || "?") +
          " → " + esc(p.actor2 || "none") + "<br>fatalities: " + esc(p.fatalities)),
        hoverinfo: "text",
        marker: {
          color: colour(type), opacity: 0.75, line: { color: "#fff", width: 1 },
          size: points.map((p) => markerSize(p.fatalities)), sizemode: "diameter",
        },
      });
    }
    const layout = {
      margin: { l: 0, r: 0, t: 0, b: 0 },
      xaxis: { visible: false, range: frame.x },
      yaxis: { visible: false, range: frame.y, scaleanchor: "x",
        scaleratio: 1 / Math.cos(35 * Math.PI / 180) },
      hovermode: "closest", dragmode: "pan", showlegend: false,
      plot_bgcolor: "#fbfcfd", paper_bgcolor: "#fff",
    };
    const gd = document.getElementById("map");
    Plotly.react(gd, traces, layout,
      { displaylogo: false, responsive: true, scrollZoom: true });
    if (!gd.dataset.bound) {
      gd.dataset.bound = "1";
      gd.on("plotly_click", (ev) => {
        const id = ev && ev.points && ev.points[0] && ev.points[0].customdata;
        if (id) window.location.href = "/event/" + encodeURIComponent(id);
      });
    }
    gd.dataset.points = String(shown.length);
    gd.dataset.outside = String(outside.length);
    drawLegend([...byType.keys()]);
    listOutside(outside);
    let status = shown.length + " on the map";
    if (outside.length) status += ", " + outside.length + " outside it (listed beside)";
    if (result.without_coordinates) status += ", " + result.without_coordinates + " without coordinates";
    if (result.truncated) status += " (newest shown; narrow the filters to see all)";
    setStatus("map-status", status);
  }

  // The legend sits beside the map, not on it: event types by colour, and the size scale.
  function drawLegend(types) {
    const box = document.getElementById("map-legend");
    if (!box) return;
    box.replaceChildren();
    for (const type of types) {
      const item = document.createElement("li");
      const dot = document.createElement("span");
      dot.className = "dot";
      dot.style.background = colour(type);
      item.appendChild(dot);
      item.appendChild(document.createTextNode(type));
      box.appendChild(item);
    }
    for (const n of [0, 10, 100]) {
      const item = document.createElement("li");
      const dot = document.createElement("span");
      dot.className = "dot size";
      const px = markerSize(n);
      dot.style.width = dot.style.height = px + "px";
      item.appendChild(dot);
      item.appendChild(document.createTextNode(n === 100 ? "100+ killed" : n + " killed"));
      box.appendChild(item);
    }
  }

  // -- timeline -----------------------------------------------------------------------------

  function drawTimeline(result) {
    const url = new URLSearchParams(window.location.search);
    const since = url.get("since"), until = url.get("until");
    const traces = result.series.map((s) => ({
      type: "bar", name: esc(s.type), x: s.x, y: s.y, marker: { color: colour(s.type) },
      hovertemplate: "%{x}: %{y} " + esc(s.type) + "<extra></extra>",
    }));
    const totals = {};
    for (const s of result.series) s.x.forEach((x, i) => { totals[x] = (totals[x] || 0) + s.y[i]; });
    const peak = Math.max(0, ...Object.values(totals));
    const shapes = [];
    if (since || until) {
      shapes.push({ type: "rect", xref: "x", yref: "paper", y0: 0, y1: 1,
        x0: since || (result.series.length ? result.series[0].x[0] : null),
        x1: until || null, fillcolor: "rgba(31,59,87,.08)", line: { width: 0 } });
    }
    const layout = {
      barmode: "stack", dragmode: "select", selectdirection: "h",
      margin: { l: 40, r: 10, t: 10, b: 40 },
      xaxis: { type: "date", title: { text: result.bin === "week" ? "week (Monday)" : "day" } },
      yaxis: { title: { text: "events" }, rangemode: "tozero", fixedrange: true,
        dtick: peak <= 10 ? 1 : null, tickformat: "d" },
      showlegend: true, legend: { orientation: "h", y: -0.2 }, shapes,
    };
    const gd = document.getElementById("timeline");
    Plotly.react(gd, traces, layout, { displaylogo: false, responsive: true });
    if (!gd.dataset.bound) {
      gd.dataset.bound = "1";
      gd.on("plotly_selected", (ev) => {
        if (!ev || !ev.points || !ev.points.length) return;
        const days = ev.points.map((p) => String(p.x).slice(0, 10)).sort();
        let last = days[days.length - 1];
        if (state.bin === "week") {
          const d = new Date(last + "T00:00:00Z");
          d.setUTCDate(d.getUTCDate() + 6);
          last = d.toISOString().slice(0, 10);
        }
        applyFilters({ since: days[0], until: last });
      });
      gd.on("plotly_deselect", () => applyFilters({ since: null, until: null }));
    }
    gd.dataset.events = String(result.series.reduce((n, s) => n + s.y.reduce((a, b) => a + b, 0), 0));
  }

  // -- event list ---------------------------------------------------------------------------

  function cell(row, text, href) {
    const td = document.createElement("td");
    if (href) {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    row.appendChild(td);
  }

  function drawList(result) {
    const body = document.querySelector("#events tbody");
    body.replaceChildren();
    for (const e of result.events) {
      const tr = document.createElement("tr");
      tr.dataset.eventId = e.event_id;
      cell(tr, e.event_date || "no date", "/event/" + encodeURIComponent(e.event_id));
      cell(tr, e.event_type || "");
      cell(tr, e.sub_event_type || "");
      cell(tr, e.location || "");
      cell(tr, e.admin1 || "");
      cell(tr, e.actor1 || "");
      cell(tr, e.actor2 || "");
      cell(tr, (e.modes || []).join(", "));
      cell(tr, String(e.fatalities));
      body.appendChild(tr);
    }
    const first = result.total ? result.offset + 1 : 0;
    const last = result.offset + result.events.length;
    setStatus("count", result.total + " event" + (result.total === 1 ? "" : "s"));
    setStatus("page", first + "–" + last + " of " + result.total);
    document.getElementById("prev").disabled = result.offset === 0;
    document.getElementById("next").disabled = last >= result.total;
  }

  // -- wiring -------------------------------------------------------------------------------

  function syncForm() {
    const url = new URLSearchParams(window.location.search);
    for (const [id, name] of [["f-since", "since"], ["f-until", "until"]]) {
      const input = document.getElementById(id);
      if (input) input.value = url.get(name) || "";
    }
    const params = filterParams(false).toString();
    document.getElementById("dl-csv").href = "/download/events.csv" + (params ? "?" + params : "");
    document.getElementById("dl-geojson").href =
      "/download/events.geojson" + (params ? "?" + params : "");
  }

  function applyFilters(changes) {
    const url = new URL(window.location.href);
    for (const [name, value] of Object.entries(changes)) {
      if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
    }
    window.history.replaceState(null, "", url);
    state.offset = 0;
    refresh();
  }

  async function refreshList() {
    const params = filterParams(false);
    params.set("limit", String(state.limit));
    params.set("offset", String(state.offset));
    drawList(await getJSON("/api/events?" + params));
  }

  async function refresh() {
    document.body.dataset.loaded = "0";
    syncForm();
    const params = filterParams(false);
    const timelineParams = filterParams(true);
    timelineParams.set("bin", state.bin);
    try {
      const [boundaries, points, timeline] = await Promise.all([
        loadBoundaries(), getJSON("/api/map?" + params), getJSON("/api/timeline?" + timelineParams)]);
      drawMap(points, boundaries);
      drawTimeline(timeline);
      await refreshList();
      document.body.dataset.loaded = "1";
    } catch (err) {
      setStatus("count", "could not load: " + err.message);
      document.body.dataset.loaded = "error";
    }
  }

  // The sub-type menu offers the chosen type's sub-types only.
  function linkSubTypes() {
    const type = document.getElementById("f-type");
    const sub = document.getElementById("f-subtype");
    const sync = () => {
      for (const option of sub.options) {
        option.hidden = Boolean(type.value && option.dataset.type && option.dataset.type !== type.value);
      }
      if (sub.selectedOptions[0] && sub.selectedOptions[0].hidden) sub.value = "";
    };
    type.addEventListener("change", sync);
    sync();
  }

  document.addEventListener("DOMContentLoaded", () => {
    linkSubTypes();
    document.getElementById("prev").addEventListener("click", () => {
      state.offset = Math.max(0, state.offset - state.limit);
      refreshList();
    });
    document.getElementById("next").addEventListener("click", () => {
      state.offset += state.limit;
      refreshList();
    });
    for (const radio of document.querySelectorAll("input[name=bin]")) {
      radio.addEventListener("change", () => {
        state.bin = radio.value;
        refresh();
      });
    }
    refresh();
  });
})();
