// Site behaviour. No inline script is allowed by the Content-Security-Policy, so everything lives here.
(function () {
    "use strict";


    // Every htmx request carries the antiforgery token (validation stays on for htmx too).
    document.addEventListener("htmx:configRequest", function (evt) {
        var meta = document.querySelector('meta[name="csrf-token"]');
        if (meta) evt.detail.headers["RequestVerificationToken"] = meta.content;
    });

    function toast(message, kind) {
        var area = document.getElementById("toast-area");
        if (!area) return;
        var div = document.createElement("div");
        div.className = "alert alert-" + (kind || "danger") + " shadow-sm";
        // Errors interrupt; a saved change is only announced politely.
        div.setAttribute("role", kind === "success" ? "status" : "alert");
        div.textContent = message;
        area.appendChild(div);
        setTimeout(function () { div.remove(); }, kind === "success" ? 3000 : 8000);
    }
    window.freelancerOS = { toast: toast };

    // Irreversible actions ask first: a form (or its submit button) with data-confirm="what will happen".
    // Capture phase, so a cancelled submit never reaches htmx either.
    document.addEventListener("submit", function (evt) {
        var submitter = evt.submitter;
        var message = (submitter && submitter.getAttribute("data-confirm")) || evt.target.getAttribute("data-confirm");
        if (message && !window.confirm(message)) {
            evt.preventDefault();
            evt.stopImmediatePropagation();
        }
    }, true);

    // Boards: the card being moved remembers where it came from, so a refused or cancelled move puts it back.
    var pendingDrop = null;
    function snapBack(drop) {
        if (!drop || !drop.home.isConnected) return;
        drop.home.insertBefore(drop.item, drop.next && drop.next.parentNode === drop.home ? drop.next : null);
    }
    function boardOf(elt) { return elt && elt.closest ? elt.closest("[data-board]") : null; }
    function lockBoard(board, locked) {
        if (!board) return;
        board.classList.toggle("board-busy", locked);
        board.setAttribute("aria-busy", locked ? "true" : "false");
        board.querySelectorAll("[data-sortable]").forEach(function (list) {
            var sortable = Sortable.get(list);
            if (sortable) sortable.option("disabled", locked);
        });
    }

    // A failed htmx request says why; a board card that was dropped goes back where it was.
    document.addEventListener("htmx:responseError", function (evt) {
        var xhr = evt.detail.xhr;
        var header = xhr.getResponseHeader("X-Message");
        if (header) { try { header = decodeURIComponent(header); } catch (e) { /* shown as sent */ } }
        var message = header ||
            (xhr.status === 404 ? "That record no longer exists." : "The change could not be saved (" + xhr.status + ").");
        toast(message);
        if (pendingDrop) { snapBack(pendingDrop); pendingDrop = null; }
    });
    document.addEventListener("htmx:sendError", function () {
        toast("The server could not be reached. Your last change may not be saved.");
        if (pendingDrop) { snapBack(pendingDrop); pendingDrop = null; }
    });
    document.addEventListener("board-saved", function (evt) {
        if (evt.detail && evt.detail.value) toast(evt.detail.value, "success");
    });
    // One move at a time: the board is locked until the server has answered.
    document.addEventListener("htmx:beforeRequest", function (evt) {
        if (evt.detail.requestConfig && evt.detail.requestConfig.verb === "get") return;
        lockBoard(boardOf(evt.detail.elt), true);
    });
    document.addEventListener("htmx:afterRequest", function (evt) {
        var board = boardOf(evt.detail.elt) || document.querySelector("[data-board].board-busy");
        lockBoard(board, false);
        if (evt.detail.successful) pendingDrop = null;
    });

    // Boards: each [data-sortable] list is a SortableJS list; a drop posts the list's column and card order.
    // The answer swaps the changed columns out of band and names what was saved.
    function postOrder(list) {
        var values = {};
        list.querySelectorAll(":scope > input[type=hidden][name]").forEach(function (input) { values[input.name] = input.value; });
        values.ids = Array.prototype.map.call(list.querySelectorAll(":scope > .board-card"), function (card) { return card.dataset.id; }).join(",");
        htmx.ajax("POST", list.dataset.sortUrl, { source: list, swap: "none", values: values });
    }
    function initSortable(list) {
        if (list.dataset.sortableReady) return;
        list.dataset.sortableReady = "1";
        Sortable.create(list, {
            group: list.dataset.sortable,
            draggable: ".board-card",
            filter: "select, button, input, a, label, .dropdown-menu",
            preventOnFilter: false,
            animation: 120,
            onStart: function (evt) {
                pendingDrop = { item: evt.item, home: evt.from, next: evt.item.nextElementSibling };
            },
            onEnd: function (evt) {
                if (evt.from === evt.to && evt.oldIndex === evt.newIndex) { pendingDrop = null; return; }
                // A drop that does something irreversible (a draft onto Sent) asks first; cancel puts the card back.
                // Asked once SortableJS has finished the drop, so the dialog does not interrupt its clean-up.
                var confirmMessage = evt.from !== evt.to ? evt.to.getAttribute("data-confirm-drop") : null;
                var confirmOnlyFrom = evt.to.getAttribute("data-confirm-from");
                var asks = confirmMessage && (!confirmOnlyFrom || confirmOnlyFrom === evt.from.getAttribute("data-column"));
                var list = evt.to;
                setTimeout(function () {
                    if (asks && !window.confirm(confirmMessage)) {
                        snapBack(pendingDrop);
                        pendingDrop = null;
                        return;
                    }
                    postOrder(list);
                }, 0);
            }
        });
    }

    // A running timer shows its elapsed time ticking; the start time comes from the server (the timer is stored).
    function tickTimers() {
        document.querySelectorAll("[data-timer-started]").forEach(function (el) {
            var started = Date.parse(el.getAttribute("data-timer-started"));
            if (isNaN(started)) return;
            var seconds = Math.max(0, Math.floor((Date.now() - started) / 1000));
            var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
            el.textContent = h + ":" + (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
        });
    }
    if (document.querySelector("[data-timer-started]")) {
        tickTimers();
        setInterval(tickTimers, 1000);
    }

    // A project select narrows its service select to that project's services ([data-services-select]).
    function narrowServices(projectSelect) {
        var services = document.querySelector(projectSelect.getAttribute("data-services-select"));
        if (!services) return;
        var project = projectSelect.value;
        services.querySelectorAll("optgroup[data-project], option[data-project]").forEach(function (el) {
            var fits = el.getAttribute("data-project") === project;
            el.hidden = !fits;
            el.disabled = !fits;
        });
        var chosen = services.options[services.selectedIndex];
        if (chosen && chosen.disabled) services.value = "";
    }
    document.addEventListener("change", function (evt) {
        if (!evt.target.matches) return;
        if (evt.target.matches("select[data-services-select]")) narrowServices(evt.target);
        // A choice that only re-shows the list (the page size) applies at once; the button stays for no-JS use.
        if (evt.target.matches("select[data-autosubmit]") && evt.target.form) evt.target.form.requestSubmit();
    });
    document.querySelectorAll("select[data-services-select]").forEach(narrowServices);

    htmx.onLoad(function (root) {
        var scope = root.querySelectorAll ? root : document;
        if (scope.matches && scope.matches("[data-sortable]")) initSortable(scope);
        scope.querySelectorAll("[data-sortable]").forEach(initSortable);
        var focus = scope.querySelector("[data-focus-after-swap]");
        if (focus) {
            var target = document.querySelector(focus.getAttribute("data-focus-after-swap"));
            if (target) target.focus();
        }
    });
})();
