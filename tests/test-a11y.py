#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-a11y.py SECURITY-DUTIES
#
# Starts the app on its demo database and walks the accessibility tree of
# every page as a screen reader would (AT-SPI): every control must have a
# name. Debian's python3 with python3-pyatspi; run inside a D-Bus session
# on a display (build-aux/test does both).

import os
import subprocess
import sys
import tempfile
import time

import pyatspi

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX, pyatspi.ROLE_TREE, pyatspi.ROLE_IMAGE,
    pyatspi.ROLE_SLIDER, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_LEVEL_BAR,
}
# Children of these are rows and cells: many, and named by their content.
CONTAINERS = {pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_LIST,
              pyatspi.ROLE_LIST_BOX, pyatspi.ROLE_TREE}

PAGES = ["Organisation", "Duties", "Risks", "Plan"]


def find_app(name, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == name and app.childCount > 0:
                return app
        time.sleep(0.5)
    return None


def showing(acc):
    # GTK 4.8 reports VISIBLE, not SHOWING: this walks hidden stack pages too,
    # which only makes the check stricter.
    try:
        return acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def walk(acc, path, problems, seen, depth=0):
    if depth > 40 or not showing(acc):
        return
    role = acc.getRole()
    if role in CONTROLS:
        seen.add(acc)
        if not (acc.name or "").strip():
            problems.append("%s: a %s without a name" % (path, acc.getRoleName()))
    if role in CONTAINERS:
        return
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is None:
            continue
        walk(child, "%s/%s" % (path, child.getRoleName()), problems, seen, depth + 1)


def find_by_name(acc, role, name, depth=0):
    if depth > 30:
        return None
    if not showing(acc):
        return None
    if acc.getRole() == role and acc.name == name:
        return acc
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is None:
            continue
        found = find_by_name(child, role, name, depth + 1)
        if found is not None:
            return found
    return None


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp()
    env = dict(os.environ, XDG_DATA_HOME=work, GTK_A11Y="atspi", LANGUAGE="en")
    env.pop("NO_AT_BRIDGE", None)
    proc = subprocess.Popen([binary], env=env)
    failures = 0
    try:
        print("1..%d" % (len(PAGES) + 1))
        app = find_app("security-duties")
        if app is None:
            print("not ok 1 - the app appears on the accessibility bus")
            print("Bail out!")
            return 1
        print("ok 1 - the app appears on the accessibility bus")
        window = app.getChildAtIndex(0)
        for n, page in enumerate(PAGES, start=2):
            button = find_by_name(window, pyatspi.ROLE_PAGE_TAB, page)
            if button is None:
                print("not ok %d - %s: no page switcher button" % (n, page))
                failures += 1
                continue
            button.queryAction().doAction(0)
            time.sleep(1.5)
            problems = []
            seen = set()
            walk(window, "window", problems, seen)
            # A walk that finds no controls checks nothing.
            if len(seen) < 5:
                problems.append("only %d controls found" % len(seen))
            if problems:
                failures += 1
                print("not ok %d - %s page: every control has a name" % (n, page))
                for p in problems[:30]:
                    print("# " + p)
            else:
                print("ok %d - %s page: all %d controls have a name" % (n, page, len(seen)))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
