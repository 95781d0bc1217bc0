// "I'm asking the team": ticked as soon as the text has a question mark, unless the member chose.
(function () {
  var box = document.querySelector('[data-asking-default]');
  var text = document.getElementById('field-body');
  if (!box || !text) return;
  var chosen = false;
  box.addEventListener('change', function () { chosen = true; });
  text.addEventListener('input', function () {
    if (!chosen && text.value.indexOf('?') !== -1) box.checked = true;
  });
})();
