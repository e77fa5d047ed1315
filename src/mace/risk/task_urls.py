from django.urls import path

from mace.risk.views import tasks

app_name = "tasks"

urlpatterns = [
    path("", tasks.task_list, name="list"),
    path("actions/<uuid:action_id>/complete/", tasks.action_complete, name="action_complete"),
]
