// "Copy" beside a read-only field (the invoice's public link): copies its value and says so.
(function () {
    "use strict";
    document.addEventListener("click", function (evt) {
        var button = evt.target.closest("[data-copy-target]");
        if (!button) return;
        var field = document.querySelector(button.getAttribute("data-copy-target"));
        if (!field) return;
        var done = function () {
            button.textContent = "Copied";
            button.setAttribute("aria-live", "polite");
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
        } else {
            // Plain http on a LAN: no clipboard API; select the text so Ctrl+C copies it.
            field.select();
        }
    });
})();
