#!/usr/bin/env bash
# Re-create frontend/static/vendor/maplibre-gl/ from the npm registry: MapLibre GL JS at a pinned version,
# only the files the page loads (the minified UMD build, which carries its web worker inline, and the CSS)
# plus the licence. npm checks the tarball against the registry's integrity hash.
#
# Usage: frontend/scripts/vendor_maplibre.sh [version]     (make vendor)
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION="${1:-5.24.1}"
TARGET="frontend/static/vendor/maplibre-gl"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "maplibre-gl@$VERSION" >/dev/null && tar xzf "maplibre-gl-$VERSION.tgz")
rm -rf "$TARGET"
mkdir -p "$TARGET"
cp "$WORK/package/dist/maplibre-gl.js" "$WORK/package/dist/maplibre-gl.css" "$TARGET/"
cp "$WORK/package/LICENSE.txt" "$TARGET/LICENSE.txt"
# The source map is not shipped; without this line collectstatic's manifest storage would look for it.
sed -i '/^\/\/# sourceMappingURL=/d' "$TARGET/maplibre-gl.js"
echo "$VERSION" > "$TARGET/VERSION"
(cd "$TARGET" && sha256sum maplibre-gl.js maplibre-gl.css > SHA256SUMS)
echo "MapLibre GL JS $VERSION vendored into $TARGET"
