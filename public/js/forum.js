// Progressive enhancement only: every page works without this file.
// On a post permalink (/t/:id/:slug/:n) opened without a #fragment, bring the post into view.
(function () {
  'use strict';
  if (window.location.hash) return;
  var target = document.querySelector('.post--target');
  if (target) target.scrollIntoView({ block: 'start' });
})();

// --- Member tools (issue 23): the composer's toolbar, live preview and drafts, only on pages with a composer.
(function () {
  'use strict';
  if (!document.querySelector('textarea[data-live-preview]')) return;
  var script = document.createElement('script');
  script.src = '/public/js/composer.js';
  document.head.appendChild(script);
})();
