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
        div.setAttribute("role", "alert");
        div.textContent = message;
        area.appendChild(div);
        setTimeout(function () { div.remove(); }, 6000);
    }
    window.freelancerOS = { toast: toast };

    // A failed htmx request says why; a board whose move was refused is reloaded so the card snaps back.
    document.addEventListener("htmx:responseError", function (evt) {
        var xhr = evt.detail.xhr;
        var header = xhr.getResponseHeader("X-Message");
        if (header) { try { header = decodeURIComponent(header); } catch (e) { /* shown as sent */ } }
        var message = header ||
            (xhr.status === 404 ? "That record no longer exists." : "The change could not be saved (" + xhr.status + ").");
        toast(message);
        if (evt.detail.elt && evt.detail.elt.closest("[data-sortable]")) setTimeout(function () { location.reload(); }, 1500);
    });
    document.addEventListener("htmx:sendError", function () {
        toast("The server could not be reached. Your last change may not be saved.");
    });

    // Boards: each [data-sortable] list is a SortableJS list; a drop asks the list's form to post its order.
    function initSortable(list) {
        if (list.dataset.sortableReady) return;
        list.dataset.sortableReady = "1";
        Sortable.create(list, {
            group: list.dataset.sortable,
            draggable: ".board-card",
            filter: "select, button, input, a, label",
            preventOnFilter: false,
            animation: 120,
            onEnd: function (evt) {
                if (evt.from === evt.to && evt.oldIndex === evt.newIndex) return;
                htmx.trigger(evt.to, "sorted");
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
