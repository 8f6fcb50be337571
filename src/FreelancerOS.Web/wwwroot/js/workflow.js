// The workflow grid renders each row's long select lists (every client, or every project of an account for a row
// without a client) once per page in a <template>; a row's select holds only its current choice until it is
// focused or pressed, when the template's options are copied in. Keyboard use is unchanged (Tab focuses the
// select first); without script the grid's selects do not save anyway and the row edit page lists everything.
(function () {
    "use strict";
    function fill(select) {
        if (!select.hasAttribute("data-options")) return;
        var template = document.getElementById(select.getAttribute("data-options"));
        select.removeAttribute("data-options");
        if (!template) return;
        var value = select.value;
        var current = select.querySelector("option[value='" + CSS.escape(value) + "']");
        var copied = template.content.cloneNode(true);
        if (value && current && copied.querySelector("option[value='" + CSS.escape(value) + "']")) current.remove();
        select.appendChild(copied);
        select.value = value;
    }
    function onEvent(evt) {
        if (evt.target && evt.target.matches && evt.target.matches("select[data-options]")) fill(evt.target);
    }
    document.addEventListener("focusin", onEvent);
    document.addEventListener("mousedown", onEvent);
    document.addEventListener("touchstart", onEvent, { passive: true });
})();
