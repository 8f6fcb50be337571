// Invoice form: "Add a line" copies the last line row with the next index (no inline script under the CSP).
(function () {
    "use strict";
    document.addEventListener("click", function (evt) {
        var button = evt.target.closest("[data-add-invoice-line]");
        if (!button) return;
        var body = document.querySelector("[data-role=line-rows]");
        var rows = body.querySelectorAll(".invoice-line-row");
        var last = rows[rows.length - 1];
        var index = rows.length;
        var copy = last.cloneNode(true);
        copy.querySelectorAll("input, label, span").forEach(function (el) {
            ["name", "id", "for", "data-valmsg-for"].forEach(function (attr) {
                var value = el.getAttribute(attr);
                if (value) el.setAttribute(attr, value.replace(/Lines(\[|_)\d+/, "Lines$1" + index));
            });
            if (el.tagName === "INPUT") el.value = "";
            if (el.tagName === "SPAN") el.textContent = "";
            if (el.tagName === "LABEL") el.textContent = el.textContent.replace(/\d+$/, String(index + 1));
        });
        body.appendChild(copy);
        copy.querySelector("input").focus();
    });
})();

// A new invoice's due date follows its issue date plus the payment terms until the user changes the due date
// (the hidden suggested date travels with it, so the server applies the same rule).
(function () {
    "use strict";
    var issue = document.getElementById("IssueDate");
    var due = document.getElementById("DueDate");
    var suggested = document.querySelector("[data-role=suggested-due]");
    if (!issue || !due || !suggested || !issue.hasAttribute("data-terms-days")) return;
    due.addEventListener("input", function () {
        due.setAttribute("data-due-follows", "false");
        suggested.value = "";
    });
    issue.addEventListener("change", function () {
        if (due.getAttribute("data-due-follows") !== "true" || !/^\d{4}-\d{2}-\d{2}$/.test(issue.value)) return;
        var parts = issue.value.split("-").map(Number);
        var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
        date.setUTCDate(date.getUTCDate() + Number(issue.getAttribute("data-terms-days")));
        due.value = date.toISOString().slice(0, 10);
        suggested.value = due.value;
    });
})();

// The billing form's running total of what is ticked, per currency, in minor units so it adds to the cent.
(function () {
    "use strict";
    var section = document.querySelector("[data-role=unbilled]");
    var total = section && section.querySelector("[data-role=ticked-total]");
    if (!total) return;
    var output = total.querySelector("[data-role=ticked-total-value]");
    var decimals = Number(total.getAttribute("data-decimals") || "2");
    var scale = Math.pow(10, decimals);
    function update() {
        var sums = {};
        var groups = {};
        section.querySelectorAll("input[name=TimeGroups]:checked").forEach(function (box) { groups[box.value] = true; });
        section.querySelectorAll("input[data-amount]:checked").forEach(function (box) {
            // An entry inside a ticked group is billed once, with its group.
            if (box.hasAttribute("data-group") && groups[box.getAttribute("data-group")]) return;
            var currency = box.getAttribute("data-currency");
            sums[currency] = (sums[currency] || 0) + Math.round(Number(box.getAttribute("data-amount")) * scale);
        });
        var parts = Object.keys(sums).sort().map(function (c) {
            return (sums[c] / scale).toLocaleString(undefined, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) + " " + c;
        });
        output.textContent = parts.length ? parts.join(" + ") : "none";
    }
    section.addEventListener("change", function (evt) {
        if (evt.target.matches("input[data-amount]")) update();
    });
    update();
})();
