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
