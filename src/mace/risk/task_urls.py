from django.urls import path

from mace.risk.views import tasks

# The namespace "tasks" is shared with mace.casefile's task list (see mace.urls).
app_name = "tasks"

urlpatterns = [
    path("actions/<uuid:action_id>/complete/", tasks.action_complete, name="action_complete"),
]
