// InnoCluster's design system, the parts that need a script: the header's menu on narrow screens,
// toasts after htmx actions, and the focus on a form's error summary. Everything works without it.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function showToast(message, level) {
    var box = document.querySelector("[data-toasts]");
    if (!box || !message) return;
    var toast = document.createElement("div");
    toast.className = "toast toast--" + (level || "info");
    toast.textContent = message;
    box.appendChild(toast);
    window.setTimeout(function () { toast.remove(); }, 6000);
  }

  ready(function () {
    var header = document.querySelector("[data-menu]");
    var toggle = header && header.querySelector(".site-header__toggle");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var open = header.classList.toggle("is-open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && header.classList.contains("is-open")) {
          header.classList.remove("is-open");
          toggle.setAttribute("aria-expanded", "false");
          toggle.focus();
        }
      });
    }

    // A form that comes back with errors: the summary takes the focus, so that a screen reader
    // reads it and a keyboard user follows its links to the fields.
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
        field.scrollIntoView({ block: "center" });
      }
    });

    // A table wider than the screen scrolls inside its frame: the frame takes the keyboard's focus
    // (arrow keys scroll it) and is named by its table, for those who cannot swipe.
    function focusableScrolls(root) {
      (root || document).querySelectorAll(".table-scroll").forEach(function (frame) {
        if (frame.scrollWidth > frame.clientWidth + 1) {
          frame.tabIndex = 0;
          frame.setAttribute("role", "region");
          if (!frame.hasAttribute("aria-label")) {
            var heading = frame.closest("section, main");
            var title = heading && heading.querySelector("h2, h1");
            // innerText: the heading's caption is a block of its own («НПО «Световод» Люди»)
            frame.setAttribute("aria-label", title ? title.innerText.replace(/\s+/g, " ").trim() : document.title);
          }
        }
      });
    }
    focusableScrolls();
    window.addEventListener("resize", function () { focusableScrolls(); });
    document.body.addEventListener("htmx:afterSwap", function (event) { focusableScrolls(event.target); });

    // A file larger than a request may carry is said beside its field before it is sent: the
    // server can only refuse such a body whole, on a page of its own, and the form would be lost.
    function fileTooLarge(input) {
      var max = Number(input.getAttribute("data-max-bytes"));
      var total = 0;
      Array.prototype.forEach.call(input.files || [], function (file) { total += file.size; });
      return max > 0 && total > max;
    }
    function markFile(input) {
      var note = input.parentNode.querySelector(".file-too-large");
      if (fileTooLarge(input)) {
        if (!note) {
          note = document.createElement("small");
          note.className = "form-errors file-too-large";
          note.setAttribute("role", "alert");
          note.setAttribute("data-testid", "file-too-large");
          input.insertAdjacentElement("afterend", note);
        }
        note.textContent = input.getAttribute("data-too-large") || "";
        input.setAttribute("aria-invalid", "true");
        return true;
      }
      if (note) note.remove();
      input.removeAttribute("aria-invalid");
      return false;
    }
    document.addEventListener("change", function (event) {
      if (event.target.matches && event.target.matches("input[type=file][data-max-bytes]")) markFile(event.target);
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var inputs = Array.prototype.slice.call(document.querySelectorAll("input[type=file][data-max-bytes]")).filter(function (input) {
        return input.form === form;
      });
      var large = inputs.filter(markFile);
      if (large.length) {
        event.preventDefault();
        event.stopImmediatePropagation();
        large[0].focus();
      }
    }, true);

    // The server's answer to an htmx action names its toasts: HX-Trigger {"toast": [{message, level}]}.
    document.body.addEventListener("toast", function (event) {
      var detail = event.detail || {};
      var items = Array.isArray(detail.value) ? detail.value : (Array.isArray(detail) ? detail : [detail.value || detail]);
      items.forEach(function (item) { if (item) showToast(item.message, item.level); });
    });
  });
})();
