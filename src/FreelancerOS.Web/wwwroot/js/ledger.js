// Ledger pages: the income vs expenses chart (Chart.js, drawn from the JSON in the canvas's
// data-chart attribute) and, on the entry form, the exchange rate shown only for a foreign currency.
(function () {
    "use strict";

    var currency = document.querySelector("input[data-home-currency]");
    var rateBox = document.getElementById("rate-box");
    if (currency && rateBox) {
        var home = currency.getAttribute("data-home-currency");
        var sync = function () {
            var code = currency.value.trim().toUpperCase();
            rateBox.classList.toggle("d-none", code === "" || code === home);
        };
        currency.addEventListener("input", sync);
        sync();
    }

    var canvas = document.getElementById("month-chart");
    if (!canvas || typeof Chart === "undefined") return;
    var data = JSON.parse(canvas.getAttribute("data-chart"));
    var money = new Intl.NumberFormat(document.documentElement.lang || undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    new Chart(canvas, {
        type: "bar",
        data: {
            labels: data.labels,
            datasets: [
                { label: "Income", data: data.income, backgroundColor: "rgba(25, 135, 84, 0.7)" },
                { label: "Expenses", data: data.expenses, backgroundColor: "rgba(220, 53, 69, 0.7)" }
            ]
        },
        options: {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return money.format(v); } } } },
            plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + money.format(c.parsed.y) + " " + data.currency; } } } }
        }
    });
})();
