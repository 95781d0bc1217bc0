// Progressive enhancement only: the kudos form works without this file (a POST and a redirect).
// With it, giving or taking back a kudo updates the count in place instead of reloading the page;
// anything unexpected (a limit, an expired form) falls back to the plain form post.
(function () {
  'use strict';
  if (!window.fetch || !window.URLSearchParams || !window.FormData) return;
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('kudos-form')) return;
    var box = form.closest('[data-kudos-post]');
    if (!box) return;
    event.preventDefault();
    var button = form.querySelector('button');
    if (button) button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)),
    })
      .then(function (res) {
        if (!res.ok) throw new Error('status ' + res.status);
        return res.json();
      })
      .then(function (answer) {
        var count = box.querySelector('.kudos__count');
        if (count) count.textContent = answer.label;
        var give = form.querySelector('input[name=give]');
        if (give) give.value = answer.given ? '0' : '1';
        if (button) {
          button.textContent = answer.given ? 'You gave kudos' : 'Give kudos';
          button.setAttribute('aria-pressed', answer.given ? 'true' : 'false');
          button.classList.toggle('kudos__button--given', answer.given);
          button.disabled = false;
        }
      })
      .catch(function () {
        form.submit();
      });
  });
})();
