// Upload progress for forms marked data-upload-progress. Without JavaScript the form posts as usual;
// with it, the same post goes through XMLHttpRequest so a <progress> can show how much of a large scan
// has gone over a slow line. The server's answer (a redirect to the new letter, or the form again with
// its messages) replaces the page exactly as a normal post would.
document.querySelectorAll('form[data-upload-progress]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    var file = form.querySelector('input[type=file]');
    if (!window.FormData || !file || file.files.length === 0) return;
    event.preventDefault();
    var bar = form.querySelector('progress.upload-progress');
    var button = form.querySelector('button[type=submit]');
    var request = new XMLHttpRequest();
    request.open('POST', form.action || window.location.href);
    request.upload.addEventListener('progress', function (e) {
      if (!bar || !e.lengthComputable) return;
      bar.hidden = false;
      bar.value = Math.round(e.loaded * 100 / e.total);
    });
    request.addEventListener('load', function () {
      // Show the answer as it came (fetching it again would lose its one-time notice), at its own address.
      if (request.responseURL && request.responseURL !== window.location.href)
        window.history.replaceState(null, '', request.responseURL);
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', function () {
      if (button) button.disabled = false;
      if (bar) bar.hidden = true;
      alert(form.dataset.uploadFailed || 'Unggahan gagal: periksa sambungan lalu coba lagi.');
    });
    if (button) button.disabled = true;
    request.send(new FormData(form));
  });
});
