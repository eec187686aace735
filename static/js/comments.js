// Reply in place: the "Reply" link moves the comment form under the comment. Without
// JavaScript the link opens a page with the same form.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form) return;
  var home = form.parentNode;
  var anchor = form.nextSibling;
  var parentField = form.querySelector("input[name=parent]");
  var body = form.querySelector("textarea");
  var label = document.createElement("p");
  label.className = "comment-form__replying";
  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "link-button";
  cancel.textContent = "Cancel reply";

  function reset() {
    parentField.value = "";
    label.remove();
    cancel.remove();
    home.insertBefore(form, anchor);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-comment-reply]");
    if (!link) return;
    event.preventDefault();
    var comment = document.getElementById("comment-" + link.dataset.commentReply);
    var author = comment.querySelector(".comment__author");
    parentField.value = link.dataset.commentReply;
    label.textContent = "Replying to " + (author ? author.textContent : "this comment");
    form.insertBefore(label, form.firstChild.nextSibling);
    form.appendChild(cancel);
    comment.querySelector("article").after(form);
    body.focus();
  });
  cancel.addEventListener("click", reset);
})();
