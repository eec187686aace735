from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("<int:article_id>/updates.json", views.poll, name="poll"),
    path("update/<int:pk>/", views.update_permalink, name="update"),
]
