#!/usr/bin/env bash
# Dependencies point downward only (ARCHITECTURE.md): a layer includes only layers below it.
set -uo pipefail
cd "$(dirname "$0")/../src"
order=(common crypto store search domain http api app)
bad=0
for i in "${!order[@]}"; do
  layer=${order[$i]}
  [ -d "$layer" ] || continue
  for j in "${!order[@]}"; do
    [ "$j" -gt "$i" ] || continue
    higher=${order[$j]}
    # http is beside domain, not above it: neither may include the other.
    hits=$(grep -rnE "#include \"$higher/" "$layer" 2>/dev/null)
    if [ -n "$hits" ]; then echo "$layer must not include $higher:"; echo "$hits"; bad=1; fi
  done
done
# domain and http are siblings.
hits=$(grep -rnE '#include "domain/' http 2>/dev/null)
[ -n "$hits" ] && { echo "http must not include domain:"; echo "$hits"; bad=1; }
# Only http/ may include RESTinio.
hits=$(grep -rln 'restinio' --include='*.cc' --include='*.h' . | grep -v '^./http/')
[ -n "$hits" ] && { echo "RESTinio outside http/:"; echo "$hits"; bad=1; }
[ "$bad" -eq 0 ] && echo "layering ok"
exit $bad
