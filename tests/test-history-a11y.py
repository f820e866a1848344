#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-history-a11y.py SECURITY-DUTIES
#
# The History window as a screen-reader user meets it, through the
# accessibility tree (AT-SPI): opened from the primary menu, every control
# has a name, the rows read as "time, who, kind item, action"; a search
# typed into it narrows the list to one unit's changes, whose row and
# before/after values can be read; Escape closes it and Ctrl+H opens it
# again. The database is built with the command line's CSV import, which
# writes the audit log as any edit does. Debian's python3 with
# python3-pyatspi.

import sys
import time

import pyatspi

from sd_a11y import (click_at, exit_code, find, find_app, key, make_database, plan, press,
                     report, type_text, visible, wait_for)

UNITS = ("name,parent,kind,head,staff_count\n"
         "示例集团,,company,,100\n"
         "Archive Room,示例集团,department,,20\n"
         "保密办公室,示例集团,department,,5\n")
PEOPLE = "name,unit,title,employment\n张伟,Archive Room,主任,full-time\n"

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_LIST,
    pyatspi.ROLE_LIST_BOX,
}
CONTAINERS = {pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX}


def plain(name):
    # GTK 4.8 keeps a label's mnemonic underscore in the accessible name.
    return (name or "").replace("_", "")


def find_plain(acc, roles, prefix, depth=0):
    """The first visible descendant with one of @roles whose name, without
    underscores, starts with @prefix."""
    if acc is None or depth > 60 or not visible(acc):
        return None
    if acc.getRoleName() in roles and plain(acc.name).startswith(prefix):
        return acc
    for i in range(acc.childCount):
        found = find_plain(acc.getChildAtIndex(i), roles, prefix, depth + 1)
        if found is not None:
            return found
    return None


def toplevel(app, name):
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == name and visible(child):
            return child
    return None


def unnamed_controls(acc, path, problems, depth=0):
    if acc is None or depth > 40 or not visible(acc):
        return 0
    n = 0
    if acc.getRole() in CONTROLS:
        n = 1
        if not (acc.name or "").strip():
            problems.append("%s: a %s without a name" % (path, acc.getRoleName()))
    if acc.getRole() in CONTAINERS:
        return n
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        n += unnamed_controls(child, "%s/%s" % (path, child.getRoleName() if child else "?"),
                              problems, depth + 1)
    return n


def rows(history):
    """The texts of the rows of the list of changes."""
    changes = find(history, "list", "Changes")
    if changes is None:
        return None
    texts = []
    for i in range(changes.childCount):
        item = changes.getChildAtIndex(i)
        if item is None or not visible(item):
            continue
        row = find(item, "label")
        texts.append(row.name if row is not None else item.name)
    return texts


def open_from_menu(app, window):
    # GTK 4.8 names a menu button by its type, not its tooltip: the
    # primary menu is the first, in the header bar; its inner button
    # takes the click.
    menu = wait_for(lambda: find(window, "push button", "GtkMenuButton"))
    if not report(menu is not None and menu.childCount > 0, "the window has its primary menu"):
        return None
    press(menu.getChildAtIndex(0))
    item = wait_for(lambda: find_plain(window, ("menu item",), "History"))
    if not report(item is not None, "the primary menu has History"):
        return None
    press(item)
    return wait_for(lambda: toplevel(app, "History"))


def main():
    binary = sys.argv[1]
    work, db, env = make_database(binary, "history.db", (("units", UNITS), ("people", PEOPLE)))

    plan(14)
    proc = __import__("subprocess").Popen([binary, "--database", db], env=env)
    try:
        app = find_app()
        if not report(app is not None, "the app appears on the accessibility bus"):
            return 1
        window = wait_for(lambda: app.getChildAtIndex(0))
        history = open_from_menu(app, window)
        if not report(history is not None, "History opens from the primary menu"):
            return exit_code()

        problems = []
        n = unnamed_controls(history, "history", problems)
        report(n >= 5 and not problems,
               "every control of the History window has a name (%d): %s" % (n, problems[:5]))

        # Three units, a person: four additions, the newest first.
        shown = wait_for(lambda: rows(history))
        report(shown is not None and len(shown) == 4 and "张伟" in shown[0] and
               "Added" in shown[0] and "Person" in shown[0],
               "the rows read as time, who, kind item, action: %s" % shown)

        # The search, typed: only the unit Archive Room (the person in it
        # is not among them: their row does not name it).
        search = find(history, ("entry", "text"), "Search")
        if report(search is not None, "the search has a name"):
            # GTK 4.8 takes no focus through AT-SPI: a click, as a user would.
            click_at(search, 40, 12)
            type_text("Archive")
            narrowed = wait_for(lambda: (lambda r: r if r is not None and len(r) == 1 else None)
                                (rows(history)))
            report(narrowed is not None and "Archive Room" in narrowed[0] and
                   "Unit" in narrowed[0],
                   "the search narrows the list to the unit: %s" % (narrowed or rows(history)))

        # The selected change, in words.
        detail = wait_for(lambda: find(history, "label", "After: Archive Room"))
        report(detail is not None, "the selected change reads “After: Archive Room”")
        fields = wait_for(lambda: find(history, "list", "Changed fields"))
        report(fields is not None and fields.childCount >= 2,
               "the changed fields are a list a screen reader can walk")
        name_row = wait_for(lambda: find_plain(find(history, "list", "Changed fields"),
                                               ("list item",), "Name: After: Archive Room"))
        report(name_row is not None,
               "a field's row reads as its label and value: %s"
               % (name_row.name if name_row else None))

        # Escape closes it (twice: the first clears the search); Ctrl+H
        # opens it again.
        key("Escape")
        key("Escape")
        closed = wait_for(lambda: toplevel(app, "History") is None)
        report(closed, "Escape closes the History window")
        key("ctrl+h")
        again = wait_for(lambda: toplevel(app, "History"))
        report(again is not None, "Ctrl+H opens the History window")
        shown = wait_for(lambda: rows(again)) if again is not None else None
        report(shown is not None and len(shown) == 4, "with the whole history again: %s" % shown)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
