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
import subprocess
import sys
import tempfile
import time

from sd_a11y import exit_code, find, find_app, query, report, wait_for

UNITS = "name,parent,kind,head,staff_count\n信息部,,department,,20\n"
PEOPLE = ("name,unit,title,employment\n"
          "张伟,信息部,工程师,full-time\n"
          "李娜,信息部,工程师,full-time\n")
POSTS = ("name,unit,type,key_post,full_time_required,holders\n"
         "安全管理员,信息部,security-admin,no,yes,张伟\n"
         "网络管理员,信息部,network-admin,no,no,李娜\n"
         "安全联络员,信息部,security-liaison,no,no,李娜\n")


def frame(app, name):
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == name:
            return child
    return None


def click(acc):
    acc.queryAction().doAction(0)


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
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
