from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("article/<int:article_id>/post/", views.comment_post_view, name="post"),
    path("<int:pk>/reply/", views.comment_reply_view, name="reply"),
    path("<int:pk>/edit/", views.comment_edit_view, name="edit"),
    path("<int:pk>/delete/", views.comment_delete_view, name="delete"),
    path("<int:pk>/flag/", views.comment_flag_view, name="flag"),
]
