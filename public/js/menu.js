// Progressive enhancement of the header's member menu (a <details>, which works without this):
// a click elsewhere or Escape closes it.
(function () {
  'use strict';
  var menu = document.querySelector('.member-menu');
  if (!menu) return;
  document.addEventListener('click', function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && menu.open) {
      menu.open = false;
      var summary = menu.querySelector('summary');
      if (summary) summary.focus();
    }
  });
})();
