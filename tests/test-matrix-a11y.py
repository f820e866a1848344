#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-matrix-a11y.py SECURITY-DUTIES
#
# Sets roles in the duty matrix from the keyboard, as a screen-reader user
# would: the grid is found in the accessibility tree (AT-SPI), focused with
# a click, and driven with real key presses (xdotool, through the X
# server); after each key the grid's accessible label must announce the
# cell and its role, and the database must hold it. The database is built
# with the command line's CSV import. Debian's python3 with
# python3-pyatspi, inside a D-Bus session on a display (build-aux/test
# does both).

import os
import subprocess
import sys
import tempfile
import time

import pyatspi

from sd_a11y import exit_code, find, find_app, key, query, report, wait_for

UNITS = "name,parent,kind,head,staff_count\n信息部,,department,张伟,20\n"
PEOPLE = ("name,unit,title,employment\n"
          "张伟,信息部,主任,full-time\n"
          "李娜,信息部,工程师,full-time\n")
POSTS = ("name,unit,type,key_post,full_time_required,holders\n"
         "安全管理员,信息部,security-admin,no,yes,李娜\n")
DUTIES = ("code,area,text,source\n"
          "D-1,部门职责,落实本单位网络安全工作。,\n"
          "D-2,部门职责,监测网络安全事件。,\n")
ASSIGNMENTS = ("duty_code,party_kind,party,role\n"
               "D-1,unit,信息部,A\n")

POST = "安全管理员"


def post_roles(db):
    return query(db, "SELECT d.code, a.role FROM assignments a JOIN duties d ON a.duty_id = d.id"
                     " JOIN posts p ON a.post_id = p.id WHERE p.name = '%s'"
                     " ORDER BY d.code" % POST)


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp()
    db = os.path.join(work, "matrix.db")
    env = dict(os.environ, XDG_DATA_HOME=work, GTK_A11Y="atspi", LANGUAGE="en")
    env.pop("NO_AT_BRIDGE", None)

    print("1..9", flush=True)
    for kind, text in (("units", UNITS), ("people", PEOPLE), ("posts", POSTS),
                       ("duties", DUTIES), ("assignments", ASSIGNMENTS)):
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
        tab = wait_for(lambda: find(window, "page tab", "Duties"))
        tab.queryAction().doAction(0)
        grid = wait_for(lambda: find(window, "table", None))
        if not report(grid is not None, "the duty matrix is in the tree as a grid"):
            return 1

        # A click on the first cells gives the grid the focus and a cursor;
        # the rest is the keyboard. The label says where the cursor is.
        ext = grid.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        subprocess.run(["xdotool", "mousemove", str(ext.x + 470),
                        str(ext.y + 125), "click", "1"], check=True)
        time.sleep(0.5)

        def label():
            return grid.name or ""

        # Walk to duty D-1, column of the post.
        for _ in range(12):
            text = label()
            if "D-2" in text or "Duty" not in text:
                key("Up")
            elif "D-1" not in text:
                key("Down")
            elif POST not in text:
                key("Right" if "信息部" in text else "Left")
            else:
                break
        text = label()
        report("D-1" in text and POST in text and ": no role" in text,
               "arrow keys move the cursor and the label follows: " + text)

        key("r")
        report(wait_for(lambda: post_roles(db) == [("D-1", "R")]) and
               ": Responsible" in label(), "R makes the post responsible")

        key("a")
        report(wait_for(lambda: post_roles(db) == [("D-1", "A")]) and
               ": Accountable" in label(), "A makes it accountable instead")

        # A range: Shift+Down takes D-2 too; C sets both in one step.
        key("shift+Down", "c")
        report(wait_for(lambda: post_roles(db) == [("D-1", "C"), ("D-2", "C")]),
               "Shift+Down then C sets both cells")
        toast = wait_for(lambda: find(window, "label", "2 cells changed"))
        report(toast is not None, "a toast offers to undo the change of two cells")

        key("Delete")
        report(wait_for(lambda: post_roles(db) == []), "Delete clears the selected cells")

        # The popover: Return opens it; its buttons are named.
        key("Escape", "Return")

        def accountable_button():
            for i in range(app.childCount):
                found = find(app.getChildAtIndex(i), "push button", "Accountable")
                if found is not None:
                    return found
            return None
        button = wait_for(accountable_button)
        if button is not None:
            button.queryAction().doAction(0)
        report(wait_for(lambda: len(post_roles(db)) == 1 and post_roles(db)[0][1] == "A"),
               "the role menu's “Accountable” button sets the role")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
