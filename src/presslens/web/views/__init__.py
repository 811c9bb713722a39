"""The web app's views, each a function of its own: ``pages`` (server-rendered HTML) and ``api`` (JSON).
Each module holds an ``APIRouter`` that ``web.app.create_app`` includes."""
