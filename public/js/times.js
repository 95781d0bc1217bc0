// Progressive enhancement: times are printed in UTC ("Dec 2, 2026, 04:26 UTC"); with JavaScript
// they read in the reader's own time zone, with how long ago ("3 h ago"). The UTC text stays in
// the title, and the HTML itself is never changed on the server.
(function () {
  'use strict';
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var absolute = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  var relative = Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' }) : null;
  var STEPS = [['second', 60], ['minute', 60], ['hour', 24], ['day', 7]];

  function ago(date, now) {
    if (!relative) return '';
    var amount = (date.getTime() - now) / 1000;
    for (var i = 0; i < STEPS.length; i += 1) {
      if (Math.abs(amount) < STEPS[i][1]) return relative.format(Math.round(amount), STEPS[i][0]);
      amount /= STEPS[i][1];
    }
    return ''; // Over a week: the date says enough.
  }

  function localise() {
    var now = Date.now();
    var times = document.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i += 1) {
      var element = times[i];
      var utcText = element.getAttribute('data-utc') || element.textContent;
      // Only the forum's own UTC stamps: a date alone or a deadline in words stays as written.
      if (!/UTC$/.test(utcText.trim()) || element.getAttribute('datetime').indexOf('T') < 0) continue;
      var date = new Date(element.getAttribute('datetime'));
      if (isNaN(date.getTime())) continue;
      element.setAttribute('data-utc', utcText);
      element.setAttribute('title', utcText);
      var since = ago(date, now);
      element.textContent = absolute.format(date) + (since ? ' (' + since + ')' : '');
    }
  }

  localise();
  window.setInterval(localise, 60000);
})();
