// Progressive enhancement for one-time secrets: a Copy button beside each. Without script (or
// without the Clipboard API) the button stays hidden and the secret is still selectable text.
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  var target = document.getElementById(button.getAttribute("data-copy"));
  var status = button.parentElement.querySelector(".copy-status");
  if (!target || !navigator.clipboard || !window.isSecureContext) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      button.textContent = "Copied";
      if (status) status.textContent = "Copied to the clipboard.";
    }, function () {
      if (status) status.textContent = "Copying failed: select the text and copy it.";
    });
  });
});
