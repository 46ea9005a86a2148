/* The portal's copy buttons: <button data-copy="element-id"> copies that element's text.
   A static file with no inline handlers, so the portal's Content-Security-Policy allows it.
   The text is also selected, so Ctrl+C works where the Clipboard API is not offered (pages
   served over plain HTTP from a host other than localhost). */
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function announce(button, text) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = text;
    window.setTimeout(function () { button.textContent = label; }, 2000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    var source = button && document.getElementById(button.getAttribute("data-copy"));
    if (!source) {
      return;
    }
    var text = source.textContent.trim();
    selectText(source);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { announce(button, "Copied"); },
        function () { announce(button, "Press Ctrl+C"); });
    } else {
      announce(button, "Press Ctrl+C");
    }
  });
}());
