#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-org-a11y.py SECURITY-DUTIES
#
# Drives the organisation page as a screen-reader user would, through the
# accessibility tree (AT-SPI): adds a section, makes a person the holder of
# a post that is incompatible with one they hold, answers the warning, and
# finds the problem counted. The database is built with the command line's
# CSV import. Debian's python3 with python3-pyatspi, inside a D-Bus session
# on a display (build-aux/test does both).

import os
import sqlite3
import subprocess
import sys
import tempfile
import time

import pyatspi

UNITS = "name,parent,kind,head,staff_count\n信息部,,department,,20\n"
PEOPLE = ("name,unit,title,employment\n"
          "张伟,信息部,工程师,full-time\n"
          "李娜,信息部,工程师,full-time\n")
POSTS = ("name,unit,type,key_post,full_time_required,holders\n"
         "安全管理员,信息部,security-admin,no,yes,张伟\n"
         "网络管理员,信息部,network-admin,no,no,李娜\n"
         "安全联络员,信息部,security-liaison,no,no,李娜\n")

results = []


def report(ok, text):
    results.append(ok)
    print("%s %d - %s" % ("ok" if ok else "not ok", len(results), text), flush=True)
    return ok


def find_app(name, timeout=30):
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
    # ("_Edit… Edit…", "Add 张伟 张伟"): the name must start with @name.
    return name is None or (acc.name or "").startswith(name)


def find(acc, role, name, depth=0):
    """The first visible descendant with @role whose name starts with @name
    (None: any name)."""
    if acc is None or depth > 40 or not visible(acc):
        return None
    if acc.getRoleName() == role and named(acc, name):
        return acc
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        found = find(child, role, name, depth + 1) if child is not None else None
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


def frame(app, name):
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == name:
            return child
    return None


def click(acc):
    acc.queryAction().doAction(0)


def query(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp()
    db = os.path.join(work, "org.db")
    env = dict(os.environ, XDG_DATA_HOME=work, GTK_A11Y="atspi", LANGUAGE="en")
    env.pop("NO_AT_BRIDGE", None)

    print("1..7", flush=True)
    for kind, text in (("units", UNITS), ("people", PEOPLE), ("posts", POSTS)):
        path = os.path.join(work, kind + ".csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        subprocess.run([binary, "--database", db, "--import", kind, path], env=env, check=True,
                       stdout=subprocess.DEVNULL)

    proc = subprocess.Popen([binary, "--database", db], env=env)
    try:
        app = find_app("security-duties")
        if not report(app is not None, "the app appears on the accessibility bus"):
            return 1
        window = app.getChildAtIndex(0)
        tab = wait_for(lambda: find(window, "page tab", "Organisation"))
        click(tab)
        time.sleep(1)

        # A section under the unit shown: the editor makes it on "apply".
        click(wait_for(lambda: find(window, "push button", "Add _Section")))
        editor = wait_for(lambda: frame(app, "New Unit"))
        name = wait_for(lambda: find(editor, "text", "Name")) if editor else None
        if name is not None:
            name.queryEditableText().setTextContents("测试组")
            apply = wait_for(lambda: find(name, "push button", None))
            click(apply)
        added = wait_for(lambda: query(db, "SELECT u.name FROM units u JOIN units p"
                                           " ON u.parent_id = p.id WHERE p.name = '信息部'"))
        report(added == [("测试组",)], "a section is added through the unit editor")
        if editor is not None:
            click(find(editor, "push button", "Close"))
            time.sleep(0.5)

        # 张伟 is the security administrator; making him network
        # administrator breaks art. 7: the editor asks first.
        click(wait_for(lambda: find(window, "push button", "Edit 网络管理员")))
        editor = wait_for(lambda: frame(app, "Post"))
        report(editor is not None, "the post's editor opens from its row")
        search = wait_for(lambda: find(editor, "text", "Find Person to Add")) if editor else None
        if search is not None:
            search.queryEditableText().setTextContents("张伟")
        add = wait_for(lambda: find(editor, "push button", "Add 张伟")) if editor else None
        if add is not None:
            click(add)

        def warning():
            for i in range(app.childCount):
                child = app.getChildAtIndex(i)
                button = find(child, "push button", "_Keep on Record")
                if button is not None:
                    return button
            return None
        keep = wait_for(warning)
        stored = query(db, "SELECT count(*) FROM post_holders h JOIN posts p ON h.post_id = p.id"
                           " JOIN people n ON h.person_id = n.id"
                           " WHERE p.name = '网络管理员' AND n.name = '张伟'")
        report(keep is not None and stored == [(0,)],
               "a warning comes before the conflicting holder is stored")
        if keep is not None:
            click(keep)
        stored = wait_for(lambda: query(db, "SELECT count(*) FROM post_holders h"
                                            " JOIN posts p ON h.post_id = p.id"
                                            " JOIN people n ON h.person_id = n.id"
                                            " WHERE p.name = '网络管理员' AND n.name = '张伟'"
                                            ) == [(1,)])
        report(bool(stored), "“Keep on Record” stores the holder")
        if editor is not None:
            click(find(editor, "push button", "Close"))
            time.sleep(0.5)

        count = wait_for(lambda: find(window, "label", "1 problem"))
        report(count is not None, "the page counts the new problem")
        check = subprocess.run([binary, "--database", db, "--check"], env=env,
                               capture_output=True, text=True)
        report(check.returncode == 1 and
               check.stdout.startswith("incompatible-posts\t张伟\t"),
               "--check names the same problem")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
