// The sign-in page's agency box: agencies whose name contains what was typed, from /api/agencies/search, into its <datalist>
// (each option's value is the agency id, its label the name). Without JavaScript the box takes an id or a name as typed.
(() => {
  const input = document.querySelector('input[data-agencies]');
  const list = input && document.getElementById(input.getAttribute('list'));
  if (!input || !list) return;
  let timer, last = '';
  const suggest = async () => {
    const text = input.value.trim();
    if (text === last) return;
    last = text;
    if (text.length < 2) { list.replaceChildren(); return; }
    try {
      const response = await fetch(`${input.dataset.agencies}?q=${encodeURIComponent(text)}`, { headers: { Accept: 'application/json' } });
      if (!response.ok || input.value.trim() !== text) return;
      const agencies = await response.json();
      list.replaceChildren(...agencies.map(a => {
        const option = document.createElement('option');
        option.value = a.id;
        option.label = a.name;
        option.textContent = a.name;
        return option;
      }));
    } catch { /* suggestions are a convenience: the form still works */ }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
})();
