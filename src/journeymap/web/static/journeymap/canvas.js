// The map canvas: zoom, pan, fit to screen and full screen over the map's picture. Without it
// the picture is at its natural size in a scrollable region, and every cell link still works.
"use strict";

(function () {
  var STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.85, 1, 1.25, 1.5, 2, 3];
  var PAN = 80;
  // The zoom survives the picture being redrawn after an in-place edit.
  var zoom = null;

  function setUp(root) {
    if (!root || root.hasAttribute("data-canvas-ready")) {
      return;
    }
    root.setAttribute("data-canvas-ready", "");
    var viewport = root.querySelector(".jm-canvas__viewport");
    var sizer = root.querySelector("[data-canvas-sizer]");
    var picture = root.querySelector("[data-canvas-picture]");
    var tools = root.querySelector("[data-canvas-tools]");
    var status = root.querySelector("[data-canvas-status]");
    var fullscreenButton = root.querySelector("[data-canvas-action=fullscreen]");
    var width = Number(picture.getAttribute("width"));
    var height = Number(picture.getAttribute("height"));

    function fitting() {
      var across = viewport.clientWidth / width;
      var down = root.matches(":fullscreen") ? viewport.clientHeight / height : across;
      return Math.min(1, across, down);
    }

    function apply(value, announce) {
      zoom = Math.max(STEPS[0], Math.min(STEPS[STEPS.length - 1], value));
      sizer.style.width = Math.round(width * zoom) + "px";
      sizer.style.height = Math.round(height * zoom) + "px";
      picture.style.transform = "scale(" + zoom + ")";
      if (announce) {
        status.textContent = "Zoom " + Math.round(zoom * 100) + "%";
      }
    }

    function step(direction) {
      var next = direction > 0
        ? STEPS.find(function (value) { return value > zoom + 0.001; })
        : STEPS.slice().reverse().find(function (value) { return value < zoom - 0.001; });
      apply(next === undefined ? zoom : next, true);
    }

    var actions = {
      "zoom-in": function () { step(1); },
      "zoom-out": function () { step(-1); },
      "fit": function () {
        apply(fitting(), true);
        viewport.scrollTo(0, 0);
      },
      "actual": function () { apply(1, true); },
      "fullscreen": function () {
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else if (root.requestFullscreen) {
          root.requestFullscreen();
        }
      },
    };

    tools.addEventListener("click", function (event) {
      var button = event.target.closest("[data-canvas-action]");
      if (button) {
        actions[button.getAttribute("data-canvas-action")]();
      }
    });

    root.addEventListener("fullscreenchange", function () {
      var on = document.fullscreenElement === root;
      fullscreenButton.setAttribute("aria-pressed", on ? "true" : "false");
      fullscreenButton.textContent = on ? "Leave full screen" : "Full screen";
      apply(fitting(), false);
      status.textContent = on ? "Full screen" : "Full screen closed";
      viewport.focus();
    });

    // Arrow keys pan the picture; + and - zoom; 0 fits it to the screen.
    viewport.addEventListener("keydown", function (event) {
      if (event.target !== viewport || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var moves = {
        ArrowLeft: [-PAN, 0], ArrowRight: [PAN, 0], ArrowUp: [0, -PAN], ArrowDown: [0, PAN],
      };
      if (moves[event.key]) {
        viewport.scrollBy(moves[event.key][0], moves[event.key][1]);
      } else if (event.key === "+" || event.key === "=") {
        step(1);
      } else if (event.key === "-") {
        step(-1);
      } else if (event.key === "0") {
        actions.fit();
      } else {
        return;
      }
      event.preventDefault();
    });

    tools.hidden = false;
    apply(zoom === null ? fitting() : zoom, false);
  }

  setUp(document.querySelector("[data-canvas]"));
  // An in-place edit redraws the picture out of band: set up the new one.
  document.body.addEventListener("htmx:oobAfterSwap", function () {
    setUp(document.querySelector("[data-canvas]"));
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    setUp(document.querySelector("[data-canvas]"));
  });
})();
