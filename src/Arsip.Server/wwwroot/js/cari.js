// Search-as-you-type for the search box: the last word typed is completed from /api/search/complete (senders, letter
// numbers, classification codes of letters the person may see) into the input's <datalist>. Without JavaScript the box
// is a plain search field.
(() => {
  const input = document.querySelector('input[data-complete]');
  const list = input && document.getElementById(input.getAttribute('list'));
  if (!input || !list) return;
  let timer, last = '';

  const fieldOf = word => {
    const m = /^(pengirim|dari|sender|from|nomor|no|number|klasifikasi|kode|classification):"?(.*)$/i.exec(word);
    if (m) {
      const name = m[1].toLowerCase();
      const field = ['pengirim', 'dari', 'sender', 'from'].includes(name) ? 'sender'
        : ['klasifikasi', 'kode', 'classification'].includes(name) ? 'classification' : 'number';
      return { field, prefix: m[2], syntax: m[1] + ':' };
    }
    if (/^\d{3}(\.\d*)*$/.test(word)) return { field: 'classification', prefix: word, syntax: '' };
    if (/\d/.test(word)) return { field: 'number', prefix: word, syntax: '' };
    return null;
  };

  const complete = async () => {
    const text = input.value;
    if (text === last) return;
    last = text;
    const start = text.search(/\S+$/);
    if (start < 0) { list.replaceChildren(); return; }
    const wanted = fieldOf(text.slice(start));
    if (!wanted || wanted.prefix.length < 2) { list.replaceChildren(); return; }
    const url = `${input.dataset.complete}?field=${wanted.field}&prefix=${encodeURIComponent(wanted.prefix)}`;
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok || input.value !== text) return;
      const values = await response.json();
      list.replaceChildren(...values.map(value => {
        const option = document.createElement('option');
        const quoted = /\s/.test(value) ? `"${value}"` : value;
        option.value = text.slice(0, start) + wanted.syntax + quoted;
        option.label = value;
        return option;
      }));
    } catch { /* offline or signed out: no suggestions */ }
  };

  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(complete, 150); });
})();
