// The analytics charts (SPEC C10): every element with `data-chart="chart-<code>"` is drawn by
// Apache ECharts (vendored, static/vendor/echarts) from the JSON the server rendered next to it
// with Django's json_script: {"kind": "bar"|"hbar"|"line", "categories": [...],
// "series": [{"name", "data": [...]}], "description"}.
//
// - SVG renderer: crisp in print and when zoomed; it styles its nodes through the CSSOM, which our
//   content security policy (style-src 'self' + nonce) allows.
// - Tooltips are drawn inside the chart (renderMode "richText"): ECharts' HTML tooltip writes
//   `style="…"` attributes into its markup, which the policy refuses.
// - Okabe–Ito colours (safe for the common colour-vision deficiencies); numbers in the page's
//   language (Intl.NumberFormat); no toolbox, so ECharts' own texts need no translation.
// - No animation when the reader asks for reduced motion.
// - Without script (or if ECharts did not load) the canvas stays hidden: the caption and the table
//   under every chart say the same. Before printing, the tables are opened.
(function () {
  "use strict";

  const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  const TEXT = "#1b2330"; // ds.css --ic-ink
  const MUTED = "#4f5967"; // --ic-grey
  const GRID_LINE = "#c9cfd8"; // --ic-border
  const LABEL_SHARE = 0.4; // a ranked chart's names take at most this share of its width
  const BAR_ROW = 28; // px per bar of a ranked chart
  const PRINT_WIDTH = 680; // px: an A4 page's width inside its margins
  const charts = [];

  const lang = document.documentElement.lang === "en" ? "en" : "ru";
  const locale = lang === "en" ? "en-GB" : "ru-RU";
  const full = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  const number = (value) => (typeof value === "number" ? full.format(value) : String(value ?? "—"));
  const axisNumber = (value) => (Math.abs(value) >= 10000 ? compact.format(value) : full.format(value));
  // ISO dates among the categories (a month is its first day) are written in the page's language
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  const month = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  const day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  function labels(categories) {
    if (!categories.length || !categories.every((c) => ISO_DATE.test(c))) return categories;
    const format = categories.every((c) => c.endsWith("-01")) ? month : day;
    return categories.map((c) => format.format(new Date(`${c}T00:00:00Z`)));
  }
  // Names that begin with the same words («Межотраслевой кластер микроэлектроники», «…
  // электротранспорта») are told apart by what follows: cut to a phone's width, each read
  // «Межотраслевой к…». Each name drops the leading words it shares with another one, "…" in their
  // place; the tooltip and the table keep the whole name.
  function distinct(names) {
    const words = names.map((n) => String(n).split(" "));
    const sharedWith = (a, b) => {
      let n = 0;
      while (n < a.length - 1 && n < b.length && a[n] === b[n]) n += 1;
      return n;
    };
    return words.map((w, i) => {
      const shared = Math.max(0, ...words.map((other, j) => (i === j ? 0 : sharedWith(w, other))));
      return shared ? "…" + w.slice(shared).join(" ") : names[i];
    });
  }
  const reducedMotion = () => window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function read(id) {
    const script = document.getElementById(id);
    if (!script) return null;
    return JSON.parse(script.textContent);
  }

  function base(chart, el) {
    const font = window.getComputedStyle(el).fontFamily || "sans-serif";
    const many = chart.series.length > 1;
    return {
      color: PALETTE,
      animation: !reducedMotion(),
      textStyle: { fontFamily: font, color: TEXT },
      aria: { enabled: false }, // the container is role="img" with the description as its label
      legend: many ? { show: true, type: "scroll", top: 0, left: 0, textStyle: { color: TEXT } } : { show: false },
      tooltip: {
        renderMode: "richText",
        trigger: "axis",
        confine: true,
        axisPointer: { type: "shadow" },
        valueFormatter: number,
        textStyle: { fontFamily: font, color: TEXT },
      },
      grid: { left: 8, right: 16, top: many ? 40 : 16, bottom: 8, outerBoundsMode: "same" },
    };
  }

  const labelWidth = (width) => Math.max(80, Math.round(width * LABEL_SHARE));

  function valueAxis() {
    return {
      type: "value",
      minInterval: 1,
      axisLabel: { formatter: axisNumber, color: MUTED, hideOverlap: true },
      splitLine: { lineStyle: { color: GRID_LINE } },
    };
  }

  function categoryAxis(categories, extra) {
    return {
      type: "category",
      data: categories,
      axisTick: { alignWithLabel: true },
      axisLabel: { color: MUTED, hideOverlap: true, ...(extra || {}) },
    };
  }

  // Vertical bars: categories along x, one bar per series in each.
  function bar(chart, el) {
    return {
      ...base(chart, el),
      xAxis: categoryAxis(labels(chart.categories), { overflow: "truncate", width: 120 }),
      yAxis: valueAxis(),
      series: chart.series.map((s) => ({ type: "bar", name: s.name, data: s.data, barMaxWidth: 48 })),
    };
  }

  // A ranked chart: the server sends the rows largest first; ECharts draws a category axis from
  // the bottom up, so the order is turned round to put the largest on top. Each bar has its value.
  function hbar(chart, el) {
    const options = base(chart, el);
    const names = labels(chart.categories);
    const shortName = new Map(names.map((name, i) => [name, distinct(names)[i]]));
    const categories = names.slice().reverse();
    return {
      ...options,
      grid: { ...options.grid, right: 56 },
      xAxis: valueAxis(),
      yAxis: categoryAxis(categories, {
        overflow: "truncate",
        width: labelWidth(el.clientWidth),
        hideOverlap: false,
        formatter: (name) => shortName.get(name) ?? name,
      }),
      series: chart.series.map((s) => ({
        type: "bar",
        name: s.name,
        data: s.data.slice().reverse(),
        barMaxWidth: 22,
        label: { show: chart.series.length === 1, position: "right", color: TEXT, formatter: (p) => number(p.value) },
      })),
    };
  }

  // Over time: periods along x as the server ordered them.
  function line(chart, el) {
    const options = base(chart, el);
    return {
      ...options,
      tooltip: { ...options.tooltip, axisPointer: { type: "line" } },
      xAxis: { ...categoryAxis(labels(chart.categories)), boundaryGap: false },
      yAxis: valueAxis(),
      series: chart.series.map((s) => ({
        type: "line",
        name: s.name,
        data: s.data,
        symbol: "circle",
        symbolSize: 6,
        lineStyle: { width: 2 },
      })),
    };
  }

  const KINDS = { bar, hbar, line };

  // The SVG keeps a viewBox of its size, so that print CSS can scale it to the paper's width.
  function keepViewBox(instance, el) {
    const svg = el.querySelector("svg");
    if (svg) svg.setAttribute("viewBox", `0 0 ${instance.getWidth()} ${instance.getHeight()}`);
  }

  function draw(el) {
    const chart = read(el.dataset.chart);
    const build = chart && KINDS[chart.kind];
    if (!build || !chart.categories.length) return;
    el.classList.add("is-drawn");
    if (chart.kind === "hbar") {
      // through the CSSOM (allowed by the policy), not a style attribute
      el.style.height = `${Math.max(160, chart.categories.length * BAR_ROW + 48)}px`;
    }
    const instance = window.echarts.init(el, null, { renderer: "svg", locale: lang.toUpperCase() });
    instance.on("finished", () => keepViewBox(instance, el));
    instance.setOption(build(chart, el));
    keepViewBox(instance, el);
    el.dataset.drawn = chart.kind;
    charts.push({ instance, el, chart });
  }

  // To the container's width, or to `width` (the paper's); a ranked chart's names keep their share.
  function fit(entry, width) {
    const { instance, el, chart } = entry;
    // ECharts keeps a width it was given: "auto" measures the container again
    instance.resize(width ? { width, height: instance.getHeight() } : { width: "auto", height: "auto" });
    if (chart.kind === "hbar") {
      instance.setOption({ yAxis: { axisLabel: { width: labelWidth(width || el.clientWidth) } } });
    }
    keepViewBox(instance, el);
  }

  function resizeAll(width) {
    charts.forEach((entry) => fit(entry, width));
  }

  function start() {
    if (!window.echarts) return; // the tables and captions stay
    document.querySelectorAll("[data-chart]").forEach((el) => {
      try {
        draw(el);
      } catch (error) {
        el.classList.remove("is-drawn");
        console.error("chart", el.dataset.chart, error);
      }
    });
    let pending = 0;
    window.addEventListener("resize", () => {
      if (pending) return;
      pending = window.requestAnimationFrame(() => {
        pending = 0;
        if (!printing && !window.matchMedia("print").matches) resizeAll();
      });
    });
  }

  // Printing: every table open (their state restored after); the charts drawn at about an A4
  // page's width, so that their text keeps its size, and scaled from there by the print CSS.
  const opened = [];
  let printing = false;
  window.addEventListener("beforeprint", () => {
    printing = true;
    document.querySelectorAll("details.chart-table:not([open])").forEach((details) => {
      details.open = true;
      opened.push(details);
    });
    resizeAll(PRINT_WIDTH);
  });
  window.addEventListener("afterprint", () => {
    printing = false;
    opened.splice(0).forEach((details) => {
      details.open = false;
    });
    resizeAll();
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
