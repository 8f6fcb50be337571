// Loaded in <head> (not deferred) so the page is painted in the right colour mode from the start:
// Bootstrap 5.3's data-bs-theme follows the system preference, and follows it when it changes.
(function () {
    "use strict";
    var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    function apply() {
        document.documentElement.setAttribute("data-bs-theme", dark && dark.matches ? "dark" : "light");
    }
    apply();
    if (dark && dark.addEventListener) dark.addEventListener("change", apply);
    // Paper is white: print in the light mode, then go back.
    window.addEventListener("beforeprint", function () { document.documentElement.setAttribute("data-bs-theme", "light"); });
    window.addEventListener("afterprint", apply);
})();
