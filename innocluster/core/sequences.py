"""Numbers that are unique, increasing and never handed out twice (participants, the register):
PostgreSQL sequences, created by the owning app's migration."""

from django.db import connection


def next_value(sequence: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [sequence])
        return cursor.fetchone()[0]
