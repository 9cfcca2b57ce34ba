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

    // Pages may come from a cache: bring the visitor box and the view count up to date.
    function refreshVisitorFigures() {
        var box = document.querySelector("[data-visitor-box]");
        if (!box || !window.fetch) return;
        var pixel = document.querySelector("img.visit-pixel");
        // Ask once this view has been counted, so the figures include it.
        if (pixel && !pixel.complete) {
            pixel.addEventListener("load", refreshVisitorFigures, { once: true });
            pixel.addEventListener("error", refreshVisitorFigures, { once: true });
            return;
        }
        var url = "/api/v1/visits/summary" + (pixel ? "?page=" + pixel.getAttribute("data-page-id") : "");
        var format = new Intl.NumberFormat(document.documentElement.lang || "vi");
        fetch(url, { credentials: "omit" }).then(function (response) {
            return response.ok ? response.json() : null;
        }).then(function (data) {
            if (!data) return;
            box.querySelectorAll("[data-stat]").forEach(function (cell) {
                var value = data[cell.getAttribute("data-stat")];
                if (typeof value === "number") cell.textContent = format.format(value);
            });
            var views = document.querySelector("[data-page-views]");
            if (views && typeof data.page_views === "number") views.textContent = format.format(data.page_views);
        }).catch(function () { /* the figures in the page stay */ });
    }

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

        refreshVisitorFigures();

        // Search as you type: suggestions in a <datalist> (agencies, rankings, articles); choosing one
        // opens its page. The form works the same without them.
        document.querySelectorAll("input[data-suggest]").forEach(function (input, index) {
            if (!window.fetch) return;
            var list = document.createElement("datalist");
            list.id = "search-suggestions-" + index;
            input.after(list);
            input.setAttribute("list", list.id);
            var timer = null, last = "", addresses = {};
            input.addEventListener("input", function (event) {
                clearTimeout(timer);
                // A suggestion chosen from the list (not typed): go to its page.
                if ((event.inputType === "insertReplacementText" || !event.inputType) &&
                        Object.prototype.hasOwnProperty.call(addresses, input.value)) {
                    window.location.assign(addresses[input.value]);
                    return;
                }
                var query = input.value.trim();
                if (query.length < 2 || query === last) return;
                timer = setTimeout(function () {
                    last = query;
                    fetch("/api/v1/search/suggest?q=" + encodeURIComponent(query), { credentials: "omit" })
                        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                        .then(function (data) {
                            list.replaceChildren();
                            addresses = {};
                            data.suggestions.forEach(function (item) {
                                var option = document.createElement("option");
                                option.value = item.label;
                                if (item.kind_label) option.label = item.kind_label;
                                if (item.url) addresses[item.label] = item.url;
                                list.appendChild(option);
                            });
                        })
                        .catch(function () { /* no suggestions: the search itself still works */ });
                }, 200);
            });
        });

        // A long list of choices narrowed as one types (diacritics optional); without JavaScript the
        // whole list shows. Ticked entries always stay.
        function folded(text) {
            return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
        }
        document.querySelectorAll("[data-list-filter]").forEach(function (box) {
            var input = box.querySelector("input");
            var list = document.getElementById(input.getAttribute("aria-controls"));
            if (!list) return;
            box.hidden = false;
            input.addEventListener("input", function () {
                var words = folded(input.value).split(/\s+/).filter(Boolean);
                list.querySelectorAll("li[data-filter-text]").forEach(function (item) {
                    var text = folded(item.getAttribute("data-filter-text"));
                    var ticked = item.querySelector("input:checked");
                    item.hidden = !ticked && !words.every(function (word) { return text.indexOf(word) !== -1; });
                });
            });
        });

        // Charts are SVG drawn by the server; with JavaScript they can also be saved as PNG.
        document.querySelectorAll("[data-chart-png]").forEach(function (button) {
            var svg = button.closest("[data-chart]").querySelector("svg");
            if (!svg || !window.XMLSerializer || !HTMLCanvasElement.prototype.toBlob) return;
            button.hidden = false;
            button.addEventListener("click", function () {
                var width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height, scale = 2;
                var source = new XMLSerializer().serializeToString(svg);
                var image = new Image();
                image.onload = function () {
                    var canvas = document.createElement("canvas");
                    canvas.width = width * scale;
                    canvas.height = height * scale;
                    var context = canvas.getContext("2d");
                    context.scale(scale, scale);
                    context.drawImage(image, 0, 0, width, height);
                    canvas.toBlob(function (blob) {
                        var link = document.createElement("a");
                        link.href = URL.createObjectURL(blob);
                        link.download = button.getAttribute("data-chart-png");
                        document.body.appendChild(link);
                        link.click();
                        link.remove();
                        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
                    }, "image/png");
                };
                image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
            });
        });

        document.querySelectorAll("[data-print]").forEach(function (button) {
            button.addEventListener("click", function () { window.print(); });
        });
    });
})();
