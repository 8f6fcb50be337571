// The workflow grid holds each option list (clients, open invoices, projects, services, payment modes) once per page in
// a <template> (the long ones, clients among them, fetched once the page is shown); a row's select holds only its current choice until it is
// focused or pressed, when the options that row may pick are copied in, before the list can open or an arrow key move
// through it. Keyboard use is unchanged (Tab
// focuses the select first). A row swapped in by htmx is light again. Without script the row edit page lists everything.
(function () {
    "use strict";
    // What a row may pick from each list, read from the row's data-client, data-currency and data-project (the same rules
    // as WorkflowOptions.InvoicesFor, ProjectsFor and ServicesFor on the server); an empty row value matches any.
    var rules = {
        "workflow-invoices": function (o, row) {
            return o.getAttribute("data-currency") === row.currency && (!row.client || o.getAttribute("data-client") === row.client);
        },
        "workflow-projects": function (o, row) {
            return !row.client || o.getAttribute("data-client") === row.client;
        },
        "workflow-services": function (o, row) {
            if (row.project) return o.getAttribute("data-project") === row.project;
            return !row.client || o.getAttribute("data-client") === row.client;
        }
    };
    function fill(select) {
        var id = select.getAttribute("data-options");
        var template = document.getElementById(id);
        // A long list not arrived yet: the select is filled when it arrives if it still has the focus, or on its next focus.
        if (!template) return;
        select.removeAttribute("data-options");
        var tr = select.closest("tr");
        var row = tr ? tr.dataset : {};
        var rule = rules[id];
        var value = select.value;
        var options = document.createDocumentFragment();
        var listed = {};
        template.content.querySelectorAll("option").forEach(function (o) {
            if (rule && !rule(o, row)) return;
            listed[o.value] = true;
            options.appendChild(o.cloneNode(true));
        });
        // What the select held (a row's current choice, the filter's clients of the page) takes its place in the list's
        // order; what the list does not hold (a closed invoice of the row) stays where it is.
        Array.prototype.slice.call(select.options).forEach(function (o) {
            if (o.value && listed[o.value]) o.remove();
        });
        select.appendChild(options);
        select.value = value;
    }
    function onEvent(evt) {
        if (evt.target && evt.target.matches && evt.target.matches("select[data-options]")) fill(evt.target);
    }
    // The long lists (clients, open invoices, projects, services) are asked for once the page is shown, so the page stays small;
    // the grid gets data-lists="ready" when they are in.
    var grid = document.getElementById("workflow-grid");
    var box = document.getElementById("workflow-lists");
    var url = grid && grid.getAttribute("data-lists-url");
    if (url && box) {
        fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
            .then(function (response) {
                if (!response.ok) throw new Error("lists " + response.status);
                return response.text();
            })
            .then(function (html) {
                box.innerHTML = html;
                grid.setAttribute("data-lists", "ready");
                var active = document.activeElement;
                if (active && active.matches && active.matches("select[data-options]")) fill(active);
            })
            .catch(function () {
                // Without the lists a row's selects keep their current choice; its Edit link lists everything.
                grid.setAttribute("data-lists", "failed");
            });
    }
    document.addEventListener("focusin", onEvent);
    document.addEventListener("pointerdown", onEvent);
    document.addEventListener("mousedown", onEvent);
    document.addEventListener("touchstart", onEvent, { passive: true });
})();
