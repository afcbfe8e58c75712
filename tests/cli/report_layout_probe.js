// Injected by report_html_test.sh at the end of a copy of the report: measures the page as Chromium laid it out
// and writes the verdict into the DOM, as JSON in a script element of id layout-verdict that
// `chromium --dump-dom` then prints. Two states: as loaded, and with every <details> open (as a reader opens them).
(function () {
    function describe(e) {
        let d = e.tagName.toLowerCase();
        if (e.id) d += "#" + e.id;
        if (e.getAttribute("class")) d += "." + e.getAttribute("class").trim().split(/\s+/).join(".");
        const path = [];
        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) path.unshift(p.tagName.toLowerCase());
        return {element: d, path: ["body"].concat(path).join(">"), text: (e.textContent || "").replace(/\s+/g, " ").trim().slice(0, 60)};
    }
    function measure() {
        const root = document.documentElement, viewport = Math.min(window.innerWidth, root.clientWidth);
        const beyond = new Set(), wide = [];
        for (const e of document.body.querySelectorAll("*")) {
            // The content of a closed <details> keeps boxes but is not rendered (content-visibility): skipped.
            if (e.id === "layout-verdict" || !e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) continue;
            const r = e.getBoundingClientRect();
            if ((r.width > 0 || r.height > 0) && (r.right > viewport + 0.5 || r.left < -0.5)) {
                beyond.add(e);
                // outermost: its parent stays within the viewport, so this is where the overflow starts.
                wide.push(Object.assign(describe(e), {left: Math.round(r.left), right: Math.round(r.right),
                                                      outermost: !beyond.has(e.parentElement)}));
            }
        }
        return {innerWidth: window.innerWidth, clientWidth: root.clientWidth, scrollWidth: root.scrollWidth, wide: wide};
    }
    const verdict = {loaded: measure()};
    verdict.charts = Array.from(document.querySelectorAll("svg"), (svg) => {
        const r = svg.getBoundingClientRect();
        // Drawn marks: shapes whose geometry, as rendered, is not empty.
        const drawn = Array.from(svg.querySelectorAll("path,line,rect,polyline,polygon,circle"))
            .filter((g) => { const b = g.getBBox(); return b.width > 0 || b.height > 0; }).length;
        // Texts of the chart that overlap each other (legend entries, the title, threshold labels) are unreadable.
        const texts = Array.from(svg.querySelectorAll("text"), (t) => ({text: t.textContent, box: t.getBoundingClientRect()}));
        const overlapping = [];
        for (let i = 0; i < texts.length; ++i) {
            for (let j = i + 1; j < texts.length; ++j) {
                const a = texts[i].box, b = texts[j].box;
                if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
                    overlapping.push([texts[i].text, texts[j].text]);
                }
            }
        }
        return {id: svg.id, width: r.width, height: r.height, drawn: drawn, log: svg.classList.contains("log-y"),
                yTicks: Array.from(svg.querySelectorAll(".y-tick"), (t) => t.textContent),
                thresholds: svg.querySelectorAll("line.threshold").length,
                dashed: svg.querySelectorAll("path.series[stroke-dasharray]").length,
                overlapping: overlapping};
    });
    // The verify case table as loaded: the result of its first row, and whether that row's details are open.
    const firstCase = document.querySelector("table.cases tr:nth-child(2)");
    verdict.firstCase = firstCase ? {result: firstCase.children[2].textContent,
                                     open: !!firstCase.querySelector("details[open]")} : null;
    // The summary as loaded: where it starts and ends on the page, and whether any run's section comes before it.
    const summary = document.getElementById("summary");
    if (summary) {
        const r = summary.getBoundingClientRect(), firstRun = document.querySelector("h2");
        verdict.summary = {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY,
                           rows: summary.querySelectorAll("tr").length - 1,
                           beforeRuns: !firstRun || !!(summary.compareDocumentPosition(firstRun) & Node.DOCUMENT_POSITION_FOLLOWING)};
    }
    // The passed cases, folded per suite as loaded.
    const passed = document.querySelectorAll("details.passed-cases");
    verdict.passedFolded = {suites: passed.length, open: Array.from(passed).filter((d) => d.open).length};
    for (const d of document.querySelectorAll("details")) d.open = true;
    verdict.detailsOpen = measure();
    const out = document.createElement("script");
    out.type = "application/json";
    out.id = "layout-verdict";
    out.textContent = JSON.stringify(verdict).replace(/</g, "\\u003c");
    document.body.appendChild(out);
})();
