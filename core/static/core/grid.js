/* A spreadsheet-like grid of a submission's rows, saved as you type. Served by the app itself (no CDN, no
   build step, no inline script: the page's texts come from a JSON data block #grid-texts).

   Stable hooks (tests and bench/time_to_answer.py rely on them):
     #grid-wrap[data-grid-url]     the kind's JSON endpoint (rounds.grid.handle for proposals); markup from
                                   core/templates/core/grid/grid.html, server helpers in core/grid.py
     #grid-wrap[data-grid-ready]   set once this script drives the grid: wait for it before clicking (before,
                                   #grid-add-row is still the link to the one-row page)
     table#task-grid               the grid; each row tr[data-row-id] (empty until its first save), data-version
     inputs named by field         name, objectives, products, period_from, period_to, central_vnd, other_vnd,
                                   priority, component, notes (amount inputs carry data-vnd: the saved đồng)
     #grid-add-row                 adds a row (a link to the one-row page without script)
     #grid-copy-plan, #grid-copy-previous   copy rows from the action plan / last year's proposal (any
                                   button[data-grid-action] posts its action and adds the rows answered)
     #grid-status                  "Đã lưu" once everything typed is saved
     [data-total-for="<field>"]    the live total of an amount column ("*": of every amount of the grid)
   Behaviour: a cell is saved on change (and after a pause in typing), one request at a time for the page; a new
   row carries a random key so a retried save never adds it twice; a row changed elsewhere answers 409 and
   the row offers "keep mine" / "use the saved one". Enter goes to the same column of the next row, Tab to
   the next cell, Shift+Enter writes a line break. A block pasted from Excel (tab-separated) or Word (HTML
   table) fills rows from the cell on. After each save the page's hidden "version" inputs (the send form)
   get the submission's new lock version.
   The same script saves a form of fields as it is filled: form[data-autosave-url] (the indicator report)
   posts the whole form with the changed fieldset[data-code] on each change, and shows that group's errors
   beside its fields; #grid-status again says "Đã lưu"; form[data-autosave-ready] once it is driven. */
(function () {
  "use strict";
  var textsBlock = document.getElementById("grid-texts");
  if (!textsBlock) { return; }
  var texts = JSON.parse(textsBlock.textContent);
  var csrfInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var csrf = csrfInput ? csrfInput.value : "";
  var TYPING_PAUSE = 1500;

  // One request at a time, in the order made: pasted rows keep their order, and a row's first save has
  // its id before the next one leaves. The answer's lock_version goes to the page's hidden "version"
  // inputs (the send form), which guard the whole submission.
  var queue = Promise.resolve();
  function post(url, body, json) {
    var send = function () {
      var headers = {"X-CSRFToken": csrf, "Accept": "application/json"};
      if (json) { headers["Content-Type"] = "application/json"; }
      return fetch(url, {method: "POST", credentials: "same-origin", headers: headers, body: json ? JSON.stringify(body) : body})
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (answer) {
            if (answer.lock_version !== undefined) {
              document.querySelectorAll("form input[type=hidden][name=version]").forEach(function (input) {
                input.value = answer.lock_version;
              });
            }
            return {status: response.status, data: answer};
          });
        });
    };
    var result = queue.then(send, send);
    queue = result.catch(function () { return null; });
    return result;
  }

  var wrap = document.getElementById("grid-wrap");
  if (wrap && wrap.getAttribute("data-grid-url")) { startGrid(wrap); }
  document.querySelectorAll("form[data-autosave-url]").forEach(startAutosave);

  function startGrid(wrap) {
    var table = document.getElementById("task-grid");
    var url = wrap.getAttribute("data-grid-url");
    var factor = parseInt(wrap.getAttribute("data-money-factor") || "1", 10);
    var body = table.tBodies[0];
    var template = document.getElementById("grid-row-template");
    var statusBox = document.getElementById("grid-status");
    var messages = document.getElementById("grid-messages");
    function postGrid(data) { return post(url, data, true); }

    function uuid4() {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      bytes[6] = (bytes[6] & 0x0f) | 0x40;
      bytes[8] = (bytes[8] & 0x3f) | 0x80;
      var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
      return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
    }

    function formatMoney(vnd) {
      var whole = Math.floor(vnd / factor), rest = vnd - whole * factor;
      var text = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
      if (rest) {
        var digits = String(factor).length - 1;
        text += "," + (Array(digits + 1).join("0") + String(rest)).slice(-digits).replace(/0+$/, "");
      }
      return text;
    }

    function rows() { return Array.prototype.slice.call(body.querySelectorAll("tr[data-row-id]")); }
    function fields(tr) { return Array.prototype.slice.call(tr.querySelectorAll("input[name], textarea[name], select[name]")); }
    function field(tr, name) { return tr.querySelector("[name='" + name + "']"); }
    function cells(tr) {
      var values = {};
      fields(tr).forEach(function (input) { values[input.name] = input.value; });
      return values;
    }
    function isBlank(tr) { return fields(tr).every(function (input) { return !input.value.trim(); }); }

    // --- Status, totals, numbering ---------------------------------------------------------------

    function setStatus(text, extra) {
      statusBox.textContent = text;
      if (extra) { statusBox.appendChild(document.createTextNode(" ")); statusBox.appendChild(extra); }
    }

    var moving = 0;  // moves sent and not answered yet

    function refreshStatus() {
      var all = rows();
      if (moving || all.some(function (tr) { return tr.gridSaving || tr.gridDirty; })) { return setStatus(texts.saving); }
      if (all.some(function (tr) { return tr.gridOffline; })) { return setStatus(texts.offline); }
      if (all.some(function (tr) { return tr.querySelector(".has-error") || tr.gridConflict || tr.gridFailed; })) {
        return setStatus(texts.invalid);
      }
      setStatus(texts.saved);
    }

    function refreshTotals() {
      document.querySelectorAll("[data-total-for]").forEach(function (cell) {
        var name = cell.getAttribute("data-total-for");
        var sum = 0;
        body.querySelectorAll(name === "*" ? "[data-vnd]" : "[name='" + name + "']").forEach(function (input) {
          sum += parseInt(input.getAttribute("data-vnd") || "0", 10);
        });
        cell.textContent = formatMoney(sum);
      });
    }

    function renumber() {
      rows().forEach(function (tr, index) { tr.querySelector(".grid-index").textContent = String(index + 1); });
    }

    function showErrors(tr, errors) {
      fields(tr).forEach(function (input) {
        var box = input.parentNode.querySelector(".cell-error");
        var message = errors && errors[input.name];
        input.parentNode.classList.toggle("has-error", !!message);
        if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
        if (box) { box.textContent = message || ""; box.hidden = !message; }
      });
    }

    // --- Saving one row ----------------------------------------------------------------------------

    // The saved row's cells replace what was sent, except a refused cell (the typing stays, with its message)
    // and a cell typed into since the request left.
    function fill(tr, saved, onlyIfUnchanged, refused) {
      tr.setAttribute("data-row-id", saved.id);
      tr.setAttribute("data-version", saved.version);
      fields(tr).forEach(function (input) {
        var value = saved.cells[input.name];
        if (value === undefined) { return; }
        var keep = (refused && refused[input.name]) || (onlyIfUnchanged && input.value !== onlyIfUnchanged[input.name]);
        if (!keep) { input.value = value; }
        if (saved.amounts[input.name] !== undefined) { input.setAttribute("data-vnd", saved.amounts[input.name]); }
      });
    }

    function save(tr) {
      clearTimeout(tr.gridTimer);
      if (tr.gridSaving) { tr.gridAgain = true; return; }
      if (!tr.parentNode || tr.gridConflict) { return; }
      if (!tr.getAttribute("data-row-id") && isBlank(tr)) { tr.gridDirty = false; refreshStatus(); return; }
      var sent = cells(tr);
      var request = {action: "save", cells: sent};
      if (tr.getAttribute("data-row-id")) {
        request.id = tr.getAttribute("data-row-id");
        request.version = tr.getAttribute("data-version");
      } else {
        tr.gridKey = tr.gridKey || uuid4();
        request.key = tr.gridKey;
        if (tr.gridAfter !== undefined) { request.after = tr.gridAfter; }
      }
      tr.gridDirty = false;
      tr.gridFailed = false;
      tr.gridOffline = false;
      tr.gridSaving = true;
      refreshStatus();
      postGrid(request).then(function (answer) {
        if (answer.status === 200) {
          if (answer.data.row) { fill(tr, answer.data.row, sent, answer.data.errors); tr.gridAfter = undefined; }
          showErrors(tr, answer.data.errors);
        } else if (answer.status === 409) {
          showConflict(tr, answer.data);
        } else {
          tr.gridFailed = true;
          setMessage(answer.data.message || texts.forbidden);
        }
      }, function () {
        tr.gridDirty = true;
        tr.gridOffline = true;
        tr.gridTimer = setTimeout(function () { save(tr); }, 5000);
      }).then(function () {
        tr.gridSaving = false;
        refreshTotals();
        var again = tr.gridAgain || (tr.gridDirty && !tr.gridOffline);
        tr.gridAgain = false;
        if (again) { save(tr); }
        refreshStatus();
      });
    }

    // Messages under the tools: what the server refused (in red), or what a copy did.
    function setMessage(text, done) {
      messages.textContent = "";
      messages.classList.toggle("errorlist", !done);
      if (!text) { return; }
      (Array.isArray(text) ? text : [text]).forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line;
        messages.appendChild(item);
      });
    }

    // --- A row changed elsewhere: show both versions, let the person choose ---------------------------

    function showConflict(tr, answer) {
      tr.gridConflict = true;
      var old = tr.nextElementSibling;
      if (old && old.classList.contains("grid-conflict")) { old.remove(); }
      var line = document.createElement("tr");
      line.className = "grid-conflict";
      var cell = document.createElement("td");
      cell.colSpan = tr.children.length;
      var text = document.createElement("p");
      text.textContent = answer.saved ? texts.conflict : texts.gone;
      cell.appendChild(text);
      if (answer.saved) {
        var list = document.createElement("dl");
        list.className = "facts";
        fields(tr).forEach(function (input) {
          var value = answer.saved.cells[input.name];
          if (input.tagName === "SELECT") {
            var option = input.querySelector("option[value='" + value + "']");
            value = option && value ? option.textContent : "";
          }
          if (!value && !input.value) { return; }
          var term = document.createElement("dt");
          term.textContent = input.getAttribute("aria-label");
          var detail = document.createElement("dd");
          detail.textContent = value || "—";
          list.appendChild(term);
          list.appendChild(detail);
        });
        cell.appendChild(list);
      }
      var mine = button(texts.keep_mine, "grid-keep-mine");
      var theirs = button(texts.use_saved, "secondary grid-use-saved");
      mine.addEventListener("click", function () {
        if (answer.saved) {
          tr.setAttribute("data-version", answer.saved.version);
        } else {
          tr.setAttribute("data-row-id", "");
          tr.gridKey = uuid4();
        }
        closeConflict(tr, line);
        save(tr);
      });
      theirs.addEventListener("click", function () {
        closeConflict(tr, line);
        if (answer.saved) {
          fill(tr, answer.saved, null);
          showErrors(tr, {});
        } else {
          tr.remove();
          renumber();
        }
        refreshTotals();
        refreshStatus();
      });
      cell.appendChild(mine);
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(theirs);
      line.appendChild(cell);
      tr.parentNode.insertBefore(line, tr.nextSibling);
    }

    function closeConflict(tr, line) {
      tr.gridConflict = false;
      tr.gridDirty = false;
      line.remove();
    }

    function button(label, className) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = className;
      element.textContent = label;
      return element;
    }

    // --- Rows: add, delete (with undo), move ---------------------------------------------------------

    function addRow(before) {
      var tr = template.content.firstElementChild.cloneNode(true);
      body.insertBefore(tr, before || null);
      renumber();
      return tr;
    }

    function removeRow(tr) {
      if (!window.confirm(texts.confirm_delete)) { return; }
      var next = tr.nextElementSibling;
      var before = rows().slice(0, rows().indexOf(tr)).filter(function (row) { return row.getAttribute("data-row-id"); });
      var after = before.length ? before[before.length - 1].getAttribute("data-row-id") : null;
      var detach = function () {
        tr.remove();
        renumber();
        refreshTotals();
        var undo = button(texts.undo, "link-button");
        undo.id = "grid-undo";
        undo.addEventListener("click", function () {
          body.insertBefore(tr, next && next.parentNode === body ? next : null);
          tr.setAttribute("data-row-id", "");
          tr.gridKey = uuid4();
          tr.gridAfter = after;
          renumber();
          save(tr);
        });
        setStatus(texts.deleted, undo);
      };
      if (!tr.getAttribute("data-row-id")) { detach(); return; }
      postGrid({action: "delete", id: tr.getAttribute("data-row-id"), version: tr.getAttribute("data-version")}).then(function (answer) {
        if (answer.status === 200) { detach(); } else if (answer.status === 409) { showConflict(tr, answer.data); } else {
          setMessage(answer.data.message || texts.forbidden);
        }
      }, function () { setStatus(texts.offline); });
    }

    function moveRow(tr, direction) {
      var other = direction === "up" ? tr.previousElementSibling : tr.nextElementSibling;
      while (other && !other.hasAttribute("data-row-id")) {
        other = direction === "up" ? other.previousElementSibling : other.nextElementSibling;
      }
      if (!other) { return; }
      body.insertBefore(tr, direction === "up" ? other : other.nextSibling);
      renumber();
      if (tr.getAttribute("data-row-id")) {
        moving += 1;
        refreshStatus();
        postGrid({action: "move", id: tr.getAttribute("data-row-id"), direction: direction}).then(function (answer) {
          if (answer.status !== 200) { setMessage(answer.data.message || texts.forbidden); }
        }, function () { setMessage(texts.offline); }).then(function () {
          moving -= 1;
          refreshStatus();
        });
      }
      tr.querySelector(direction === "up" ? ".grid-up" : ".grid-down").focus();
    }

    // --- Keys and paste --------------------------------------------------------------------------------

    function nextRowInput(input) {
      var tr = input.closest("tr");
      var next = tr.nextElementSibling;
      while (next && !next.hasAttribute("data-row-id")) { next = next.nextElementSibling; }
      if (!next) { next = addRow(); }
      return field(next, input.name);
    }

    function pasteBlock(input, text, html) {
      setStatus(texts.saving);
      postGrid({action: "paste", text: text, html: html, column: input.name}).then(function (answer) {
        if (answer.status !== 200) { setMessage(answer.data.message || texts.forbidden); refreshStatus(); return; }
        var tr = input.closest("tr");
        var touched = [];
        answer.data.rows.forEach(function (values, index) {
          if (index > 0) {
            var next = tr.nextElementSibling;
            while (next && !next.hasAttribute("data-row-id")) { next = next.nextElementSibling; }
            tr = next || addRow();
          }
          Object.keys(values).forEach(function (name) {
            var target = field(tr, name);
            if (target) { target.value = values[name]; }
          });
          touched.push(tr);
        });
        setMessage(answer.data.errors);
        touched.forEach(save);
      }, function () { setStatus(texts.offline); });
    }

    body.addEventListener("paste", function (event) {
      var input = event.target.closest("[name]");
      if (!input || !event.clipboardData) { return; }
      var text = event.clipboardData.getData("text/plain") || "";
      var html = event.clipboardData.getData("text/html") || "";
      var block = /\t|\n./.test(text.replace(/[\r\n]+$/, "")) || /<table/i.test(html);
      if (!block) { return; }
      event.preventDefault();
      pasteBlock(input, text, html);
    });

    body.addEventListener("keydown", function (event) {
      var input = event.target;
      if (event.key !== "Enter" || !input.name || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey ||
          event.isComposing) { return; }
      event.preventDefault();
      save(input.closest("tr"));
      nextRowInput(input).focus();
    });

    body.addEventListener("input", function (event) {
      var tr = event.target.closest("tr[data-row-id]");
      if (!tr) { return; }
      tr.gridDirty = true;
      tr.gridFailed = false;
      setStatus(texts.unsaved);
      clearTimeout(tr.gridTimer);
      tr.gridTimer = setTimeout(function () { save(tr); }, TYPING_PAUSE);
    });

    body.addEventListener("change", function (event) {
      var tr = event.target.closest("tr[data-row-id]");
      if (tr) { tr.gridDirty = true; save(tr); }
    });

    body.addEventListener("click", function (event) {
      var tr = event.target.closest("tr[data-row-id]");
      if (!tr) { return; }
      if (event.target.closest(".grid-delete")) { removeRow(tr); }
      if (event.target.closest(".grid-up")) { moveRow(tr, "up"); }
      if (event.target.closest(".grid-down")) { moveRow(tr, "down"); }
    });

    // --- Buttons above the grid ----------------------------------------------------------------------

    var add = document.getElementById("grid-add-row");
    add.setAttribute("role", "button");
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var empty = rows().filter(function (tr) { return !tr.getAttribute("data-row-id") && isBlank(tr); })[0];
      field(empty || addRow(), "name").focus();
    });

    function copyButton(id, action) {
      var element = document.getElementById(id);
      if (!element) { return; }
      element.addEventListener("click", function () {
        element.disabled = true;
        setStatus(texts.copying);
        postGrid({action: action}).then(function (answer) {
          element.disabled = false;
          if (answer.status !== 200) { setMessage(answer.data.message || texts.forbidden); refreshStatus(); return; }
          var blanks = rows().filter(function (tr) { return !tr.getAttribute("data-row-id") && isBlank(tr); });
          blanks.forEach(function (tr) { tr.remove(); });
          answer.data.rows.forEach(function (saved) { fill(addRow(), saved, null); });
          renumber();
          refreshTotals();
          setMessage(answer.data.message, true);
          refreshStatus();
        }, function () { element.disabled = false; setStatus(texts.offline); });
      });
    }
    document.querySelectorAll("#grid-wrap [data-grid-action]").forEach(function (element) {
      copyButton(element.id, element.getAttribute("data-grid-action"));
    });

    wrap.setAttribute("data-grid-ready", "");

  window.addEventListener("beforeunload", function (event) {
      var pending = rows().some(function (tr) {
        return moving || tr.gridDirty || tr.gridSaving || tr.gridConflict || tr.gridFailed ||
          (!tr.getAttribute("data-row-id") && !isBlank(tr));
      });
      if (pending) { event.preventDefault(); event.returnValue = ""; }
    });
  }

  // --- A form of fields saved as it is filled (the indicator report) ------------------------------
  // form[data-autosave-url]: a change in a fieldset[data-code] posts the whole form with indicator=<code>;
  // the answer {errors: {field name: message}, warnings: [...]} shows beside the fields of that group.

  function startAutosave(form) {
    var url = form.getAttribute("data-autosave-url");
    var statusBox = document.getElementById("grid-status");
    var pending = {};
    function show(group, answer) {
      group.querySelectorAll(".field").forEach(function (box) {
        var input = box.querySelector("[name]");
        var message = input && answer.errors && answer.errors[input.name];
        var note = box.querySelector(".cell-error");
        if (!note) { note = document.createElement("span"); note.className = "cell-error"; box.appendChild(note); }
        box.classList.toggle("has-error", !!message);
        note.textContent = message || "";
        note.hidden = !message;
        if (input) { if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); } }
      });
      var warning = group.querySelector(".autosave-warnings");
      if (!warning) { warning = document.createElement("p"); warning.className = "autosave-warnings help"; group.appendChild(warning); }
      warning.textContent = (answer.warnings || []).join(" ");
    }
    function refresh() {
      var codes = Object.keys(pending).filter(function (code) { return pending[code]; });
      var invalid = form.querySelector("fieldset .has-error");
      statusBox.textContent = codes.length ? texts.saving : (invalid ? texts.invalid : texts.saved);
    }
    function save(group) {
      var code = group.getAttribute("data-code");
      var data = new FormData(form);
      data.append("indicator", code);
      pending[code] = (pending[code] || 0) + 1;
      refresh();
      post(url, data, false).then(function (answer) {
        if (answer.status === 200) { show(group, answer.data); } else {
          show(group, {errors: {}, warnings: [answer.data.message || texts.forbidden]});
        }
      }, function () { statusBox.textContent = texts.offline; }).then(function () {
        pending[code] -= 1;
        refresh();
      });
    }
    // A short pause before saving: leaving a field by clicking "Lưu" sends the whole form instead.
    var timers = {}, submitting = false;
    form.addEventListener("change", function (event) {
      var group = event.target.closest("fieldset[data-code]");
      if (!group) { return; }
      var code = group.getAttribute("data-code");
      clearTimeout(timers[code]);
      timers[code] = setTimeout(function () { if (!submitting) { save(group); } }, 250);
    });
    form.addEventListener("input", function () { statusBox.textContent = texts.unsaved; });
    form.addEventListener("submit", function () {
      submitting = true;
      Object.keys(timers).forEach(function (code) { clearTimeout(timers[code]); });
    });
    form.setAttribute("data-autosave-ready", "");
  }
}());
