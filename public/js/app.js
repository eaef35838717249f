// Keyboard help for the quick search: arrow down moves into the results, Escape closes them.
document.addEventListener('keydown', (e) => {
  const results = document.getElementById('quick-results');
  if (!results) return;
  const links = [...results.querySelectorAll('a')];
  const i = links.indexOf(document.activeElement);
  if (e.key === 'ArrowDown' && (e.target.id === 'quick-q' || i >= 0)) {
    e.preventDefault();
    links[Math.min(i + 1, links.length - 1)]?.focus();
  } else if (e.key === 'ArrowUp' && i >= 0) {
    e.preventDefault();
    (i === 0 ? document.getElementById('quick-q') : links[i - 1]).focus();
  } else if (e.key === 'Escape' && (e.target.id === 'quick-q' || i >= 0)) {
    results.innerHTML = '';
    document.getElementById('quick-q').focus();
  }
});

// Contact entry form: the alarm message follows the entry's text until the user edits the message.
document.addEventListener('input', (e) => {
  const text = e.target;
  if (!(text instanceof HTMLTextAreaElement) || text.name !== 'text') return;
  const message = text.form?.elements.namedItem('alarmMessage');
  if (!(message instanceof HTMLTextAreaElement)) return;
  if (message.value === '' || message.value === (message.dataset.copied ?? '')) {
    message.value = text.value;
    message.dataset.copied = text.value;
  }
});
