// Calendar: a click anywhere in a day (month view) or an hour (week view) opens the new-meeting form
// for it; clicks on a meeting or on the "+" link keep their own target. Keyboard users have the "+" link.
(function () {
    "use strict";
    document.addEventListener("click", function (evt) {
        if (evt.target.closest("a, button, input, select, textarea")) return;
        var cell = evt.target.closest("[data-add-href]");
        if (cell) window.location.assign(cell.getAttribute("data-add-href"));
    });
})();
