// Passkeys (WebAuthn). A form marked data-passkey="create" or "get" asks the server for the
// ceremony's options (data-options, with the form's csrf), runs navigator.credentials with them,
// puts the browser's answer as JSON into the form's "credential" field and posts the form.
// Binary values travel as base64url, as in WebAuthn Level 3's JSON forms.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form[data-passkey]');
  if (!forms.length) return;
  var supported = !!(window.PublicKeyCredential && navigator.credentials && window.fetch);

  function toBytes(text) {
    var s = text.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var binary = atob(s);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toText(buffer) {
    if (!buffer) return null;
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (c) {
      return { type: c.type, id: toBytes(c.id), transports: c.transports };
    });
  }

  function create(options) {
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    options.excludeCredentials = descriptors(options.excludeCredentials);
    return navigator.credentials.create({ publicKey: options }).then(function (c) {
      return {
        id: c.id, rawId: toText(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment || null,
        clientExtensionResults: c.getClientExtensionResults(),
        response: {
          clientDataJSON: toText(c.response.clientDataJSON),
          attestationObject: toText(c.response.attestationObject),
          transports: c.response.getTransports ? c.response.getTransports() : []
        }
      };
    });
  }

  function get(options) {
    options.challenge = toBytes(options.challenge);
    options.allowCredentials = descriptors(options.allowCredentials);
    return navigator.credentials.get({ publicKey: options }).then(function (c) {
      return {
        id: c.id, rawId: toText(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment || null,
        clientExtensionResults: c.getClientExtensionResults(),
        response: {
          clientDataJSON: toText(c.response.clientDataJSON),
          authenticatorData: toText(c.response.authenticatorData),
          signature: toText(c.response.signature),
          userHandle: toText(c.response.userHandle)
        }
      };
    });
  }

  Array.prototype.forEach.call(forms, function (form) {
    var status = form.querySelector('[data-passkey-status]');
    var button = form.querySelector('button[type=submit]');
    var say = function (text) { if (status) status.textContent = text; };
    if (!supported) {
      say('This browser cannot use passkeys.');
      if (button) button.disabled = true;
      return;
    }
    form.hidden = false;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (button) button.disabled = true;
      say('Follow your browser\'s prompt.');
      var body = new URLSearchParams();
      body.set('csrf', form.elements.csrf.value);
      fetch(form.getAttribute('data-options'), { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) throw new Error('options ' + response.status);
          return response.json();
        })
        .then(form.getAttribute('data-passkey') === 'create' ? create : get)
        .then(function (answer) {
          form.elements.credential.value = JSON.stringify(answer);
          form.submit(); // not a submit event: straight to the server
        })
        .catch(function () {
          say('No passkey was used. Try again, or use another way.');
          if (button) button.disabled = false;
        });
    });
  });
})();
