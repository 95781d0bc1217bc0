// Progressive enhancement only: every page works without this file.
// On a post permalink (/t/:id/:slug/:n) opened without a #fragment, bring the post into view.
(function () {
  'use strict';
  if (window.location.hash) return;
  var target = document.querySelector('.post--target');
  if (target) target.scrollIntoView({ block: 'start' });
})();
