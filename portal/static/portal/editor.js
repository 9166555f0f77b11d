// A small toolbar for the post body (plain HTML in a textarea, sanitised on the server).
// No inline handlers: the CSP allows scripts from 'self' only.
(function () {
  "use strict";
  var body = document.querySelector("textarea[data-editor=body]");
  if (!body) { return; }

  function selection() {
    return body.value.slice(body.selectionStart, body.selectionEnd);
  }

  function replaceSelection(text) {
    body.setRangeText(text, body.selectionStart, body.selectionEnd, "end");
    body.focus();
    body.dispatchEvent(new Event("input", {bubbles: true}));
  }

  var toolbar = document.querySelector(".editor-toolbar");
  if (toolbar) {
    toolbar.hidden = false;
    body.parentNode.insertBefore(toolbar, body);
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      if (button.dataset.wrap) {
        var tag = button.dataset.wrap;
        replaceSelection("<" + tag + ">" + selection() + "</" + tag + ">");
      } else if (button.dataset.list) {
        var lines = selection().split("\n").filter(Boolean);
        var items = (lines.length ? lines : [""]).map(function (line) { return "<li>" + line + "</li>"; });
        replaceSelection("<" + button.dataset.list + ">" + items.join("\n") + "</" + button.dataset.list + ">");
      } else if (button.hasAttribute("data-link")) {
        var url = window.prompt(button.textContent.trim() + " (https://...)");
        if (url && /^(https?:|mailto:)/i.test(url)) {
          replaceSelection('<a href="' + url.replace(/"/g, "%22") + '">' + (selection() || url) + "</a>");
        }
      }
    });
  }

  document.querySelectorAll("button[data-insert]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      replaceSelection("<figure>" + button.dataset.insert + "</figure>\n");
    });
  });
})();
