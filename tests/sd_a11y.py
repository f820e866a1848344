# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the AT-SPI tests share: a TAP reporter, finding the app and its
# widgets in the accessibility tree, real key presses and clicks through
# the X server (xdotool: GTK 4.8 takes neither keys nor focus through
# AT-SPI), and building a database with the command line's CSV import.
# Debian's python3 with python3-pyatspi.

import os
import sqlite3
import subprocess
import tempfile
import time

import pyatspi

results = []


def plan(n):
    print("1..%d" % n, flush=True)


def report(ok, text):
    results.append(bool(ok))
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), text), flush=True)
    return ok


def exit_code():
    return 0 if results and all(results) else 1


def find_app(name="security-duties", timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name and app.childCount > 0:
                return app
        time.sleep(0.5)
    return None


def visible(acc):
    try:
        return acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def named(acc, name):
    # GTK 4.8 adds the visible label to a button's accessible name
    # ("Sign _Sign"): the name must start with @name.
    return name is None or (acc.name or "").startswith(name)


def find(acc, roles, name=None, depth=0):
    """The first visible descendant with one of @roles whose name starts
    with @name (None: any name)."""
    if isinstance(roles, str):
        roles = (roles,)
    if acc is None or depth > 50 or not visible(acc):
        return None
    if acc.getRoleName() in roles and named(acc, name):
        return acc
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        found = find(child, roles, name, depth + 1) if child is not None else None
        if found is not None:
            return found
    return None


def find_anywhere(app, roles, name=None, skip=None):
    """As find(), in every toplevel of @app but @skip (dialogs are toplevels)."""
    for i in range(app.childCount):
        toplevel = app.getChildAtIndex(i)
        if skip is not None and toplevel == skip:
            continue
        found = find(toplevel, roles, name)
        if found is not None:
            return found
    return None


def wait_for(func, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        value = func()
        if value:
            return value
        time.sleep(0.2)
    return None


def key(*names):
    subprocess.run(["xdotool", "key", "--delay", "50"] + list(names), check=True)
    time.sleep(0.4)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True)
    time.sleep(0.3)


def click_at(acc, dx, dy):
    """A real click at (@dx, @dy) inside @acc (the window is at 0, 0)."""
    ext = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    subprocess.run(["xdotool", "mousemove", str(ext.x + dx), str(ext.y + dy), "click", "1"],
                   check=True)
    time.sleep(0.5)


def press(acc):
    acc.queryAction().doAction(0)


def query(db, sql, args=()):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def make_database(binary, name, csv_files):
    """A new database in a temporary directory, filled by importing
    @csv_files ((kind, text) pairs, in order). Returns (work dir, db, env):
    env starts the app with AT-SPI on, in English, with its own data dir."""
    work = tempfile.mkdtemp()
    db = os.path.join(work, name)
    env = dict(os.environ, XDG_DATA_HOME=work, GTK_A11Y="atspi", LANGUAGE="en")
    env.pop("NO_AT_BRIDGE", None)
    for kind, text in csv_files:
        path = os.path.join(work, kind + ".csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        subprocess.run([binary, "--database", db, "--import", kind, path], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    return work, db, env
