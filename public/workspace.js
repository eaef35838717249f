// CRM workspace lists (/crm). Each list is a radio group, so arrow keys already move the
// highlighted row; here: a click anywhere on a row highlights it, Enter and Delete press
// the list's button for that key (data-key), a double click presses its Enter button.
(() => {
  const radioOf = (row) => row?.querySelector('input[type=radio]');
  const press = (form, key) => form?.querySelector(`button[data-key~="${key}"]`)?.click();

  document.addEventListener('click', (e) => {
    const row = e.target.closest('.ws-list tbody tr');
    if (!row || e.target.closest('a, input, label')) return;
    const radio = radioOf(row);
    if (radio) {
      radio.checked = true;
      radio.focus();
    }
  });

  document.addEventListener('dblclick', (e) => {
    const row = e.target.closest('.ws-list tbody tr');
    if (!row || e.target.closest('a')) return;
    const radio = radioOf(row);
    if (!radio) return;
    radio.checked = true;
    press(radio.form, 'Enter');
  });

  document.addEventListener('keydown', (e) => {
    const radio = e.target;
    if (!radio.matches?.('.ws-list input[type=radio]')) return;
    const key = e.key === 'Backspace' ? 'Delete' : e.key;
    if (key !== 'Enter' && key !== 'Delete') return;
    e.preventDefault();
    radio.checked = true;
    press(radio.form, key);
  });
})();
