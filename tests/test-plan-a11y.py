#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-plan-a11y.py SECURITY-DUTIES
#
# Runs the annual plan as a screen-reader user would, through the
# accessibility tree (AT-SPI): on the Plan page, adds a task with the
# "Add Task" button and its editor, then, among the inspections, closes a
# finding with the button on its row, typing the closing evidence into the
# dialog that asks for it. The database (built with the command line's CSV
# import) then holds the new task, and the finding closed today with that
# evidence. Debian's python3 with python3-pyatspi.

import datetime
import subprocess
import sys

import pyatspi

from sd_a11y import (exit_code, find, find_app, key, make_database, plan, press, query, report,
                     type_text, visible, wait_for)

YEAR = datetime.date.today().year
UNITS = "name,parent,kind,head,staff_count\n信息部,,department,张伟,20\n"
PEOPLE = "name,unit,title,employment\n张伟,信息部,主任,full-time\n"
TASKS = ("year,stream,title,owner_unit,start_month,end_month,status,progress\n"
         "%d,publicity-training,保密知识培训,信息部,1,12,in-progress,50\n" % YEAR)
FINDING = "涉密计算机未更新补丁"
FINDINGS = ("inspection_date,kind,unit,description,severity,deadline,status\n"
            "%d-01-15,self-check,信息部,%s,high,%d-01-31,open\n"
            "%d-01-15,self-check,信息部,机房出入登记不全,low,,rectifying\n"
            % (YEAR, FINDING, YEAR, YEAR))
TASK = "Check the visitor log"
EVIDENCE = "patched, see the maintenance log"


def plain(name):
    # GTK 4.8 keeps a label's mnemonic underscore in the accessible name.
    return (name or "").replace("_", "")


def find_plain(acc, role, prefix, depth=0):
    """The first visible descendant of @role whose name, without
    underscores, starts with @prefix."""
    if acc is None or depth > 60 or not visible(acc):
        return None
    if acc.getRoleName() == role and plain(acc.name).startswith(prefix):
        return acc
    for i in range(acc.childCount):
        found = find_plain(acc.getChildAtIndex(i), role, prefix, depth + 1)
        if found is not None:
            return found
    return None


def toplevel(app, name):
    for i in range(app.childCount):
        child = app.getChildAtIndex(i)
        if child is not None and child.name == name:
            return child
    return None


def add_task(app, window, db):
    button = wait_for(lambda: find_plain(window, "push button", "Add Task"))
    if not report(button is not None, "the Plan page has an Add Task button"):
        return
    press(button)
    editor = wait_for(lambda: toplevel(app, "New Task"))
    title = wait_for(lambda: find(editor, "text", "Title")) if editor is not None else None
    if not report(title is not None, "Add Task opens the task editor, with its title first"):
        return
    # The editor gives its title the focus: typed, and applied with Enter.
    type_text(TASK)
    key("Return")
    added = wait_for(lambda: query(db, "SELECT p.year, t.title FROM plan_tasks t"
                                       " JOIN plans p ON p.id = t.plan_id WHERE t.title = ?",
                                   (TASK,)))
    report(added == [(YEAR, TASK)], "the task is in the plan of %d: %s" % (YEAR, added))
    key("Escape")
    wait_for(lambda: toplevel(app, "New Task") is None and toplevel(app, "Task") is None)


def close_finding(app, window, db):
    tab = wait_for(lambda: find(window, "page tab", "Inspections"))
    if not report(tab is not None, "the Plan page has an Inspections tab"):
        return
    press(tab)
    button = wait_for(lambda: find_plain(window, "push button", "Close finding “%s”" % FINDING))
    if not report(button is not None, "the open finding's row has a Close Finding button"):
        return
    press(button)
    dialog = wait_for(lambda: toplevel(app, "Close Finding"))
    entry = wait_for(lambda: find(dialog, "text")) if dialog is not None else None
    if not report(entry is not None, "the button asks for the closing evidence"):
        return
    # Nothing typed: the dialog cannot close the finding yet.
    close = find_plain(dialog, "push button", "Close Finding")
    report(close is not None and not close.getState().contains(pyatspi.STATE_SENSITIVE),
           "without evidence the finding cannot be closed")
    type_text(EVIDENCE)
    key("Return")
    today = datetime.date.today().isoformat()
    closed = wait_for(lambda: query(db, "SELECT status, evidence, closed_on FROM findings"
                                        " WHERE description = ? AND status = 'closed'",
                                    (FINDING,)))
    report(closed == [("closed", EVIDENCE, today)],
           "the finding is closed today with its evidence: %s" % closed)
    other = query(db, "SELECT status FROM findings WHERE description <> ?", (FINDING,))
    report(other == [("rectifying",)], "the other finding is untouched: %s" % other)


def main():
    binary = sys.argv[1]
    work, db, env = make_database(binary, "plan.db", (("units", UNITS), ("people", PEOPLE),
                                                       ("tasks", TASKS),
                                                       ("findings", FINDINGS)))

    plan(11)
    proc = subprocess.Popen([binary, "--database", db], env=env)
    try:
        app = find_app()
        if not report(app is not None, "the app appears on the accessibility bus"):
            return 1
        window = app.getChildAtIndex(0)
        tab = wait_for(lambda: find(window, "page tab", "Plan"))
        if not report(tab is not None, "the window has a Plan page"):
            return 1
        press(tab)
        add_task(app, window, db)
        close_finding(app, window, db)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
