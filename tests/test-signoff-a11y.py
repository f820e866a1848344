#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-signoff-a11y.py SECURITY-DUTIES
#
# Signs a unit's responsibility statement as a screen-reader user would,
# through the accessibility tree (AT-SPI): goes to the Duties page and its
# sign-off view, selects the unit, which is listed as never signed, opens
# "Review and Sign…", checks the signer and the meaning, presses "Sign",
# and finds the unit listed as signed, and the sign-off in the database.
# The database is built with the command line's CSV import. Debian's
# python3 with python3-pyatspi, inside a D-Bus session on a display
# (build-aux/test does both).

import os
import subprocess
import sys
import tempfile
import time

from sd_a11y import exit_code, find, find_app, query, report, wait_for

UNITS = "name,parent,kind,head,staff_count\n信息部,,department,张伟,20\n"
PEOPLE = ("name,unit,title,employment\n"
          "张伟,信息部,主任,full-time\n"
          "李娜,信息部,工程师,full-time\n")
POSTS = ("name,unit,type,key_post,full_time_required,holders\n"
         "安全管理员,信息部,security-admin,no,yes,李娜\n")
DUTIES = ("code,area,text,source\n"
          "001,部门职责,落实本单位网络安全工作。,\n"
          "002,安全管理员职责,监测网络安全事件。,\n")
ASSIGNMENTS = ("duty_code,party_kind,party,role\n"
               "001,unit,信息部,R\n"
               "002,post,安全管理员,R\n")

UNIT = "信息部"


def frame(app, prefix):
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and (child.name or "").startswith(prefix):
            return child
    return None


def click(acc):
    acc.queryAction().doAction(0)


def select(acc):
    """Selects a list row through its list's Selection interface."""
    parent = acc.parent
    parent.querySelection().selectChild(acc.getIndexInParent())


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp()
    db = os.path.join(work, "signoff.db")
    env = dict(os.environ, XDG_DATA_HOME=work, GTK_A11Y="atspi", LANGUAGE="en")
    env.pop("NO_AT_BRIDGE", None)

    print("1..8", flush=True)
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

        # The Duties page, then its sign-off view.
        tab = wait_for(lambda: find(window, "page tab", "Duties"))
        if tab is not None:
            click(tab)
        switch = wait_for(lambda: find(window, ("page tab", "toggle button", "push button",
                                                "list item"), "Sign-off"))
        if switch is not None:
            click(switch)
        units = wait_for(lambda: find(window, "list", "Units to sign"))
        report(units is not None, "the Duties page shows the units to sign")

        row = wait_for(lambda: find(units, "list item", UNIT + ":")) if units else None
        report(row is not None and "Never signed" in (row.name or ""),
               "the unit is listed as never signed: %r" % (row.name if row else None))
        if row is not None:
            select(row)
            time.sleep(0.5)

        review = wait_for(lambda: find(window, "push button", "Review and Sign…"))
        if review is not None:
            click(review)
        dialog = wait_for(lambda: frame(app, "Sign Responsibility Statement"))
        report(dialog is not None, "“Review and Sign…” opens the sign dialog")

        signer = wait_for(lambda: find(dialog, ("text", "list item", "entry"), "Signer")) \
            if dialog else None
        meaning = wait_for(lambda: find(dialog, ("text", "list item", "entry"),
                                        "Meaning of the Signature")) if dialog else None
        pad = find(dialog, "image", "Handwritten signature") if dialog else None
        report(signer is not None and meaning is not None and pad is not None,
               "the signer, the meaning and the signature pad are named")

        sign = wait_for(lambda: find(dialog, "push button", "Sign")) if dialog else None
        if sign is not None:
            click(sign)
        stored = wait_for(lambda: query(db, "SELECT s.signer_name FROM signoffs s"
                                            " JOIN units u ON s.unit_id = u.id"
                                            " WHERE u.name = '%s'" % UNIT))
        report(stored == [("张伟",)], "“Sign” records the head's sign-off: %r" % (stored,))
        closed = wait_for(lambda: frame(app, "Sign Responsibility Statement") is None)
        report(bool(closed), "the dialog closes after signing")

        def signed_row():
            found = find(window, "list item", UNIT + ":")
            return found if found is not None and ": Signed" in (found.name or "") else None
        row = wait_for(signed_row)
        report(row is not None, "the unit is listed as signed and current")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
