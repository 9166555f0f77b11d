/* A background export's page: asks the status endpoint every 2 seconds until the job has finished, then
   shows the download link or the error (served by the app itself, no inline script). */
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box || box.getAttribute("data-finished") === "true") { return; }
  var url = box.getAttribute("data-status-url");
  function show(state) {
    box.querySelector(".export-label").textContent = state.label;
    var bar = box.querySelector(".export-progress");
    bar.value = state.percent;
    bar.textContent = state.percent + "%";
    box.querySelector(".export-rows").textContent = state.rows_text;
    box.querySelector(".export-error").textContent = state.error;
    box.querySelector(".export-failed").hidden = !state.error;
    if (state.download_url) { box.querySelector(".export-download").href = state.download_url; }
    box.querySelector(".export-ready").hidden = !state.download_url;
  }
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state) { show(state); }
        if (!state || !state.finished) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}());
