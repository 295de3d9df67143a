#!/bin/sh
# The official entrypoint's template and resolver steps.
set -e
if [ "$1" = nginx ]; then
  if [ -n "${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ]; then
    # Only the first resolver: under podman it is the network's own DNS, which knows the
    # containers' names; the host's resolvers after it do not.
    NGINX_LOCAL_RESOLVERS=$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf)
    export NGINX_LOCAL_RESOLVERS
  fi
  if [ -d /etc/nginx/templates ]; then
    defined=$(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/${\1}/p' | tr '\n' ' ')
    for template in /etc/nginx/templates/*.template; do
      [ -e "$template" ] || continue
      name=$(basename "$template" .template)
      envsubst "$defined" <"$template" >"/etc/nginx/conf.d/$name"
    done
  fi
fi
exec "$@"
