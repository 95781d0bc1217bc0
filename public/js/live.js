// Live thread updates (progressive enhancement: without this file, or without EventSource, nothing
// changes). Listens to the thread's Server-Sent Events stream: "2 new replies — show" as posts
// arrive, and the header's unread count. EventSource reconnects by itself, sending Last-Event-ID.
(function () {
  'use strict';
  var bar = document.querySelector('[data-live-events]');
  if (!bar || typeof window.EventSource !== 'function') return;
  var notice = bar.querySelector('.live-notice');
  var url = bar.getAttribute('data-live-events') + '?after=' + encodeURIComponent(bar.getAttribute('data-live-after') || '0');
  var source = new window.EventSource(url);
  var count = 0;
  var firstUrl = null;

  function showNotice() {
    notice.textContent = count + (count === 1 ? ' new reply — ' : ' new replies — ');
    var link = document.createElement('a');
    link.href = firstUrl;
    link.textContent = 'show';
    notice.appendChild(link);
    notice.hidden = false;
  }

  source.addEventListener('post', function (event) {
    var post = JSON.parse(event.data);
    count += 1;
    if (!firstUrl) firstUrl = post.url;
    showNotice();
  });

  source.addEventListener('unread', function (event) {
    var unread = JSON.parse(event.data).count;
    var link = document.querySelector('.account-nav__notifications');
    if (!link) return;
    var badge = link.querySelector('.unread-count');
    if (unread > 0 && !badge) {
      badge = document.createElement('span');
      badge.className = 'unread-count';
      link.appendChild(document.createTextNode(' '));
      link.appendChild(badge);
    }
    if (badge && unread > 0) {
      badge.textContent = String(unread);
      badge.setAttribute('aria-label', unread + ' unread');
    } else if (badge) {
      badge.remove();
    }
  });

  // Leaving the page closes the stream at once, so the server's per-member bound frees the slot.
  window.addEventListener('pagehide', function () { source.close(); });
})();
