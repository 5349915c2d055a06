// progressive enhancement: arrow keys, Home and End follow the step links (the links work without it)
document.addEventListener('keydown', ev => {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.target.closest('input, textarea, select')) return;
    const link = document.querySelector(`.replay-nav a[data-key="${ev.key}"]`);
    if (link) { ev.preventDefault(); location.href = link.href; }
});
