# shellcheck shell=bash disable=SC2034
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Debian 12 packages needed to build and to test Security Duties, shared by
# build-aux/run and build-aux/test. Source this file; it only defines things.

# Build dependencies, and the tools the 'data' test suite validates with.
BUILD_PACKAGES=(
  meson
  ninja-build
  pkg-config
  gcc
  libgtk-4-dev
  libadwaita-1-dev
  libsqlite3-dev
  libxlsxwriter-dev
  gettext
  appstream
  desktop-file-utils
  libglib2.0-bin
  libglib2.0-dev-bin
  fonts-noto-cjk
  adwaita-icon-theme
)

# What the test suites need on top: a headless X server, a session bus, the
# accessibility stack the UI tests walk, and tools to inspect rendered output.
TEST_PACKAGES=(
  xvfb
  xauth
  dbus
  dbus-x11
  at-spi2-core
  python3-pyatspi
  xdotool
  sqlite3
  imagemagick
  poppler-utils
  fonts-noto-cjk
)

# What `build-aux/test --sanitize`, `--valgrind` and `--ci` need on top: clang
# with its sanitizer and libFuzzer runtimes (libclang-rt-14-dev is only
# recommended by clang, and has libclang_rt.asan and libclang_rt.fuzzer),
# llvm-symbolizer for the stacks in the sanitizers' reports (llvm), and
# valgrind.
SANITIZE_PACKAGES=(
  clang
  libclang-rt-14-dev
  llvm
  valgrind
)

# sd_install_packages PACKAGE...
#
# Installs those of the given packages that are not installed yet, and does
# nothing at all (no apt-get update, no sudo prompt) when all of them are.
sd_install_packages () {
  local pkg status
  local -a missing=() as_root=()

  for pkg in "$@"; do
    # `dpkg -s` also succeeds for removed packages whose configuration files
    # are still around, so look at the state it reports, not its exit status.
    status=$(dpkg -s "$pkg" 2>/dev/null || true)
    if [[ ! $status =~ (^|$'\n')Status:\ [a-z]+\ ok\ installed($'\n'|$) ]]; then
      missing+=("$pkg")
    fi
  done

  if ((${#missing[@]} == 0)); then
    return 0
  fi

  echo "Installing missing Debian packages: ${missing[*]}" >&2
  if ((EUID != 0)); then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "error: these packages are missing and sudo is not available;" \
           "install them as root: ${missing[*]}" >&2
      return 1
    fi
    as_root=(sudo)
  fi
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}
