// The import's progress bar follows GET /api/legacy-imports/{id} twice a second while the import runs; when it ends the page
// reloads to show the outcome. Without JavaScript the page shows the progress as it was when loaded (reload to follow it).
(function () {
  var bar = document.getElementById('import-progress');
  if (!bar || bar.dataset.finished === 'true') return;
  var phase = document.getElementById('import-phase');
  var count = document.getElementById('import-count');
  // the run's phase words in the page's language (the API gives them in Indonesian)
  var phases = JSON.parse(bar.dataset.phases || '{}');
  function poll() {
    fetch('/api/legacy-imports/' + bar.dataset.import, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (i) {
        if (!i) return;
        var finished = i.status === 'Done' || i.status === 'Failed' || i.status === 'Cancelled' || i.status === 3 || i.status === 4 || i.status === 5;
        bar.max = Math.max(i.total, 1);
        bar.value = finished && (i.status === 'Done' || i.status === 3) ? bar.max : i.done;
        if (phase) phase.textContent = phases[i.phase] || i.phase;
        if (count) count.textContent = i.done + ' / ' + i.total;
        if (finished) window.location.reload();
        else window.setTimeout(poll, 500);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
})();
