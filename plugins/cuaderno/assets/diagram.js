/* cuaderno: the two actions of a diagram block, copy as text and full-screen view with zoom.
 *
 * The drawing itself is plain HTML (a <pre> in a <figure class="cdn-diagram">); this script
 * only wires the buttons, through one listener on the document (pages may be swapped in
 * without a reload). Labels come from the figure's data attributes, in the page's language.
 */
(function () {
  "use strict";

  var ZOOM_STEPS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 2.5, 3, 4];

  /* The drawing as the note wrote it: every line, trailing spaces dropped. */
  function drawingText(pre) {
    return pre.textContent.split("\n").map(function (line) {
      return line.replace(/\s+$/, "");
    }).join("\n");
  }

  function copyFallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand("copy");
    } finally {
      document.body.removeChild(area);
    }
  }

  function copy(figure, button) {
    var text = drawingText(figure.querySelector("pre"));
    var done = function () {
      var title = button.getAttribute("title");
      button.setAttribute("data-copied", "");
      button.setAttribute("title", figure.dataset.copied || title);
      setTimeout(function () {
        button.removeAttribute("data-copied");
        button.setAttribute("title", title);
      }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        copyFallback(text);
        done();
      });
    } else {
      copyFallback(text);
      done();
    }
  }

  function button(className, label, content) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.title = label;
    element.setAttribute("aria-label", label);
    element.textContent = content;
    return element;
  }

  function openView(figure, opener) {
    var source = figure.querySelector("pre");
    var baseSize = parseFloat(getComputedStyle(source).fontSize);
    var step = ZOOM_STEPS.indexOf(1);

    var view = document.createElement("div");
    view.className = "cdn-diagram-view";
    view.setAttribute("role", "dialog");
    view.setAttribute("aria-modal", "true");
    view.setAttribute("aria-label", figure.getAttribute("aria-label") || "");

    var bar = document.createElement("div");
    bar.className = "cdn-diagram-view-bar";
    var zoomOut = button("cdn-diagram-zoom-out", figure.dataset.zoomOut, "\u2212");
    var level = document.createElement("output");
    var zoomIn = button("cdn-diagram-zoom-in", figure.dataset.zoomIn, "+");
    var reset = button("cdn-diagram-zoom-reset", figure.dataset.zoomReset, "1:1");
    var close = button("cdn-diagram-close", figure.dataset.close, "\u00d7");
    [zoomOut, level, zoomIn, reset, close].forEach(function (element) {
      bar.appendChild(element);
    });

    var body = document.createElement("div");
    body.className = "cdn-diagram-view-body";
    body.tabIndex = 0;  /* scrollable with the keyboard */
    var pre = source.cloneNode(true);
    body.appendChild(pre);
    view.appendChild(bar);
    view.appendChild(body);

    function zoom(to) {
      step = Math.max(0, Math.min(ZOOM_STEPS.length - 1, to));
      pre.style.fontSize = baseSize * ZOOM_STEPS[step] + "px";
      level.textContent = Math.round(ZOOM_STEPS[step] * 100) + " %";
      zoomOut.disabled = step === 0;
      zoomIn.disabled = step === ZOOM_STEPS.length - 1;
    }

    function shut() {
      view.remove();
      document.body.classList.remove("cdn-diagram-viewing");
      document.removeEventListener("keydown", onKey, true);
      opener.focus();
    }

    function onKey(event) {
      if (event.key === "Escape") {
        shut();
      } else if (event.key === "+" || event.key === "=") {
        zoom(step + 1);
      } else if (event.key === "-") {
        zoom(step - 1);
      } else if (event.key === "0") {
        zoom(ZOOM_STEPS.indexOf(1));
      } else if (event.key === "Tab") {
        /* Keep the focus inside the dialog. */
        var stops = Array.prototype.filter.call(view.querySelectorAll("button, [tabindex]"), function (element) {
          return !element.disabled;
        });
        var at = stops.indexOf(document.activeElement);
        var next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : (at + 1) % stops.length;
        stops[next].focus();
      } else {
        return;
      }
      event.preventDefault();
      event.stopPropagation();  /* Material's own shortcuts stay quiet while the view is open */
    }

    zoomOut.addEventListener("click", function () { zoom(step - 1); });
    zoomIn.addEventListener("click", function () { zoom(step + 1); });
    reset.addEventListener("click", function () { zoom(ZOOM_STEPS.indexOf(1)); });
    close.addEventListener("click", shut);
    body.addEventListener("wheel", function (event) {
      if (event.ctrlKey) {
        event.preventDefault();
        zoom(step + (event.deltaY < 0 ? 1 : -1));
      }
    }, { passive: false });
    document.addEventListener("keydown", onKey, true);

    zoom(step);
    document.body.classList.add("cdn-diagram-viewing");
    document.body.appendChild(view);
    close.focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest(".cdn-diagram-copy, .cdn-diagram-full");
    if (!target) {
      return;
    }
    var figure = target.closest("figure.cdn-diagram");
    if (target.classList.contains("cdn-diagram-copy")) {
      copy(figure, target);
    } else {
      openView(figure, target);
    }
  });
})();
