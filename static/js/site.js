// Enhancements only: every page works without this file.
(function () {
  "use strict";

  // "Copy link" beside the share links, for browsers that allow writing to the clipboard.
  function addCopyButton(share) {
    var list = share.querySelector(".share__list");
    var status = share.querySelector(".share__status");
    var url = share.getAttribute("data-share-url");
    if (!list || !url || !navigator.clipboard) return;
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "share__copy";
    button.textContent = "Copy link";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(url).then(
        function () {
          button.textContent = "Link copied";
          button.setAttribute("data-copied", "");
          if (status) status.textContent = "The link to this story is on your clipboard.";
          window.setTimeout(function () {
            button.textContent = "Copy link";
            button.removeAttribute("data-copied");
          }, 4000);
        },
        function () {
          button.textContent = "Copy failed";
          if (status) status.textContent = "Your browser did not allow copying; copy the address bar instead.";
        }
      );
    });
    item.appendChild(button);
    list.appendChild(item);
  }

  // Keep the current section in view in the category bar on narrow screens.
  function revealCurrentCategory() {
    var current = document.querySelector('.category-bar a[aria-current="page"]');
    var bar = current && current.closest(".category-bar__list");
    if (bar && bar.scrollWidth > bar.clientWidth) {
      bar.scrollLeft = current.offsetLeft - (bar.clientWidth - current.offsetWidth) / 2;
    }
  }

  document.querySelectorAll(".share").forEach(addCopyButton);
  revealCurrentCategory();
})();
