// Report and dashboard charts (Chart.js). Each canvas[data-report-chart] carries its numbers as JSON
// ({labels, currency, series: [{label, data, color, type}]}): the same numbers as the table beside it.
(function () {
    "use strict";
    if (typeof Chart === "undefined") return;
    var money = new Intl.NumberFormat(document.documentElement.lang || undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    document.querySelectorAll("canvas[data-report-chart]").forEach(function (canvas) {
        var data = JSON.parse(canvas.getAttribute("data-report-chart"));
        new Chart(canvas, {
            type: "bar",
            data: {
                labels: data.labels,
                datasets: data.series.map(function (s) {
                    return { type: s.type || "bar", label: s.label, data: s.data, backgroundColor: s.color, borderColor: s.color, fill: false, tension: 0 };
                })
            },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: { y: { ticks: { callback: function (v) { return money.format(v); } } } },
                plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + money.format(c.parsed.y) + " " + data.currency; } } } }
            }
        });
    });
})();
