// Progressive enhancement for the login and sign-up pages; both work the same without it.
(function () {
  'use strict';

  // Login throttled: count the wait down, keep the button off until it is over.
  var wait = document.getElementById('retry-after');
  if (wait) {
    var left = parseInt(wait.getAttribute('data-seconds'), 10) || 1;
    var button = document.querySelector('form#login button[type=submit]');
    var alert = document.getElementById('form-error');
    // The alert was read out once; the ticking numbers need not be.
    wait.setAttribute('aria-live', 'off');
    if (button) button.disabled = true;
    var timer = setInterval(function () {
      left -= 1;
      if (left > 0) {
        wait.textContent = left + (left === 1 ? ' second' : ' seconds');
        return;
      }
      clearInterval(timer);
      if (button) button.disabled = false;
      if (alert) {
        alert.className = 'notice';
        alert.textContent = 'You can try again now.';
      }
    }, 1000);
  }

  // Sign-up: the server's own estimate of the password while it is typed.
  var form = document.querySelector('form#signup');
  var password = form && form.querySelector('input[name=password]');
  var out = document.getElementById('password-strength');
  if (!password || !out || !window.fetch) return;
  var meter = document.createElement('meter');
  meter.min = 0;
  meter.max = 4;
  meter.low = 2;
  meter.high = 3;
  meter.optimum = 4;
  meter.value = 0;
  meter.id = 'password-meter';
  meter.setAttribute('aria-label', 'Password strength');
  meter.hidden = true;
  out.parentNode.insertBefore(meter, out);
  var pending = null;
  var asked = 0;
  password.addEventListener('input', function () {
    clearTimeout(pending);
    if (!password.value) {
      meter.hidden = true;
      out.textContent = '';
      return;
    }
    pending = setTimeout(estimate, 300);
  });

  function estimate() {
    var ask = ++asked;
    var body = new URLSearchParams();
    body.set('password', password.value);
    ['email', 'name'].forEach(function (name) {
      var field = form.querySelector('input[name=' + name + ']');
      if (field) body.set(name, field.value);
    });
    fetch('/signup/password-strength', { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (answer) {
        if (!answer || ask !== asked) return;
        meter.hidden = false;
        meter.value = answer.score;
        out.textContent = answer.message;
        out.setAttribute('data-acceptable', answer.acceptable ? 'true' : 'false');
      })
      .catch(function () { /* the server's rule still decides on submit */ });
  }
})();
