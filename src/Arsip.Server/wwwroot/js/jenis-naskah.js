// Shows only the parts of the chosen kind of naskah dinas (elements with data-kinds); without JavaScript all parts show
// and the server ignores those the kind does not take.
(() => {
  const kind = document.getElementById('kind');
  if (!kind) return;
  const parts = document.querySelectorAll('[data-kinds]');
  const show = () => {
    for (const part of parts) part.hidden = !part.dataset.kinds.split(' ').includes(kind.value);
  };
  kind.addEventListener('change', show);
  show();
})();
