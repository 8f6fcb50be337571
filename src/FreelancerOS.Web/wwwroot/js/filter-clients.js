// A list's client filter (projects, invoices) holds only the clients of the page's rows (and the chosen one); every client is asked
// for once, when the pointer comes over the filter or it takes the focus (before it can open or an arrow key move through
// it), and merged in the list's order, keeping the choice. Without script the filter offers the page's clients, and each
// row links to its client's page.
(function () {
    "use strict";
    function fill(select) {
        var url = select.getAttribute("data-fill-url");
        if (!url) return;
        select.removeAttribute("data-fill-url");
        fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
            .then(function (response) {
                if (!response.ok) throw new Error("options " + response.status);
                return response.text();
            })
            .then(function (html) {
                var list = document.createElement("template");
                list.innerHTML = html;
                var listed = {};
                list.content.querySelectorAll("option").forEach(function (o) { listed[o.value] = true; });
                var value = select.value;
                Array.prototype.slice.call(select.options).forEach(function (o) {
                    if (o.value && listed[o.value]) o.remove();
                });
                select.appendChild(list.content);
                select.value = value;
                select.setAttribute("data-filled", "true");
            })
            .catch(function () {
                // Asked again next time; meanwhile the filter keeps the page's clients.
                select.setAttribute("data-fill-url", url);
            });
    }
    function onEvent(evt) {
        var target = evt.target;
        if (target && target.matches && target.matches("select[data-fill-url]")) fill(target);
    }
    ["focusin", "pointerover", "pointerdown", "mousedown"].forEach(function (name) { document.addEventListener(name, onEvent); });
    document.addEventListener("touchstart", onEvent, { passive: true });
})();
