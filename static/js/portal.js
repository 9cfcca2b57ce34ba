// Progressive enhancements: every page works without this file.
(function () {
    "use strict";
    var STORAGE_KEY = "portal-text-size";
    var root = document.documentElement;

    function applyTextSize(step) {
        root.classList.remove("text-size-small", "text-size-large");
        if (step < 0) root.classList.add("text-size-small");
        if (step > 0) root.classList.add("text-size-large");
    }

    function storedStep() {
        try { return parseInt(window.localStorage.getItem(STORAGE_KEY) || "0", 10) || 0; } catch (e) { return 0; }
    }

    applyTextSize(storedStep());

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("[data-text-size]").forEach(function (group) {
            group.hidden = false;
            group.addEventListener("click", function (event) {
                var button = event.target.closest("[data-text-size-step]");
                if (!button) return;
                var step = parseInt(button.getAttribute("data-text-size-step"), 10);
                applyTextSize(step);
                try { window.localStorage.setItem(STORAGE_KEY, String(step)); } catch (e) { /* private mode */ }
            });
        });

        document.querySelectorAll("[data-copy-link]").forEach(function (link) {
            link.addEventListener("click", function (event) {
                if (!navigator.clipboard) return;
                event.preventDefault();
                navigator.clipboard.writeText(link.href).then(function () {
                    link.textContent = link.getAttribute("data-copied-text") || "✓";
                });
            });
        });

        document.querySelectorAll("[data-print]").forEach(function (button) {
            button.addEventListener("click", function () { window.print(); });
        });
    });
})();
