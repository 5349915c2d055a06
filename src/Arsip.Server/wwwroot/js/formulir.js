// Progressive enhancement for refused forms: the error summary takes the focus (so it is read out and on screen),
// and each of its links goes to the field it is about. Without JavaScript the summary and the marked fields still show.
(() => {
  const summary = document.querySelector('[data-error-summary]');
  if (!summary) return;
  const scope = summary.closest('form') ?? document;
  for (const link of summary.querySelectorAll('a[data-field]')) {
    const error = scope.querySelector(`.field-error[data-field="${CSS.escape(link.dataset.field)}"]`);
    let target = (error && scope.querySelector(`[aria-describedby~="${CSS.escape(error.id)}"]`)) ?? document.getElementById(link.dataset.field);
    if (target?.matches('fieldset')) target = target.querySelector('input, select, textarea') ?? target;
    if (!target) continue;
    if (target.id) link.href = '#' + target.id;
    link.addEventListener('click', ev => { ev.preventDefault(); target.focus(); target.scrollIntoView({ block: 'center' }); });
  }
  summary.focus();
})();
