// The goal form shows only the fields that the chosen "progress follows" uses; without script all stay visible.
(function () {
    "use strict";
    var select = document.querySelector("[data-goal-tracking]");
    if (!select) return;
    function update() {
        document.querySelectorAll("[data-tracking-for]").forEach(function (el) {
            el.hidden = el.getAttribute("data-tracking-for") !== select.value;
        });
    }
    select.addEventListener("change", update);
    update();
})();
