"""Django's command line for one service: `python -m microservices <service> <command>`.

python -m microservices query migrate
python -m microservices query catchup
python -m microservices comments deadletters --redrive-all
"""

import os
import sys

SERVICES = ("users", "posts", "comments", "moderation", "query", "eventbus")


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in SERVICES:
        sys.exit(f"usage: python -m microservices {{{','.join(SERVICES)}}} <command> ...")
    service = sys.argv[1]
    os.environ["DJANGO_SETTINGS_MODULE"] = f"microservices.{service}.settings"
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"python -m microservices {service}", *sys.argv[2:]])


if __name__ == "__main__":
    main()
