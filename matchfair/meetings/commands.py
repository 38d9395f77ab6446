"""`flask meetings ...`: commands for cron jobs about meetings."""
from flask.cli import AppGroup

meetings_cli = AppGroup("meetings", help="Rendez-vous d'affaires (tâches planifiées).")
