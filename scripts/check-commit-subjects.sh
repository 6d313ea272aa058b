#!/usr/bin/env bash
# Commit subjects of 72 characters at most, the detail in the body, so `git log --oneline` reads.
# Checked from the commit where the rule began; older history is left as it was written.
set -euo pipefail
cd "$(dirname "$0")/.."
since=e30cbfd
if ! git rev-parse -q --verify "$since^{commit}" >/dev/null; then
  echo "commit subjects: $since is not in this clone's history (shallow?); not checked"
  exit 0
fi
bad=0
while IFS= read -r hash; do
  subject="$(git log -1 --format=%s "$hash")"
  second="$(git log -1 --format=%B "$hash" | sed -n 2p)"
  if [ "${#subject}" -gt 72 ]; then
    echo "commit ${hash:0:7}: subject is ${#subject} characters (at most 72): $subject"
    bad=1
  fi
  if [ -n "$second" ]; then
    echo "commit ${hash:0:7}: the subject line must be followed by a blank line"
    bad=1
  fi
done < <(git rev-list "$since..HEAD")
exit "$bad"
