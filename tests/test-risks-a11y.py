#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-risks-a11y.py SECURITY-DUTIES
#
# Re-rates a risk from the keyboard, as a screen-reader user would: the
# heat map is found in the accessibility tree, focused with a click, and
# driven with real key presses. Arrows move the selection and the map's
# accessible label announces it; Shift+Right moves the selected risk one
# cell to the right (one level more impact), the app asks for the reason,
# and the database then holds the new rating and exactly one assessment
# with that reason.

import subprocess
import sys

import pyatspi

from sd_a11y import (click_at, exit_code, find, find_anywhere, find_app, key, make_database,
                     plan, press, query, report, type_text, wait_for)

UNITS = "name,parent,kind,head,staff_count\n信息部,,department,,20\n"
RISKS = ("code,title,category,owner_unit,likelihood,impact,residual_likelihood,"
         "residual_impact,target_likelihood,target_impact,treatment,status,description\n"
         "R-1,客户信息泄露,data,信息部,3,2,2,2,1,2,reduce,open,\n")
REASON = "agreed in the workshop"


def rating(db):
    return query(db, "SELECT inherent_likelihood, inherent_impact FROM risks WHERE code = 'R-1'")


def assessments(db):
    return query(db, "SELECT level, old_likelihood, old_impact, new_likelihood, new_impact,"
                     " reason FROM risk_assessments")


def main():
    binary = sys.argv[1]
    work, db, env = make_database(binary, "risks.db", (("units", UNITS), ("risks", RISKS)))

    plan(7)
    proc = subprocess.Popen([binary, "--database", db], env=env)
    try:
        app = find_app()
        if not report(app is not None, "the app appears on the accessibility bus"):
            return 1
        window = app.getChildAtIndex(0)
        tab = wait_for(lambda: find(window, "page tab", "Risks"))
        press(tab)
        heatmap = wait_for(lambda: find(window, "table", "Risk heat map"))
        if not report(heatmap is not None, "the heat map is in the tree, named"):
            return 1

        def label():
            return heatmap.name or ""

        report("1 risks" in label() or "1 risk" in label(),
               "its label summarises the map: " + label())

        # A click gives the map the focus; from the lowest, leftmost cell the
        # arrows walk the rows until the label announces the risk.
        ext = heatmap.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        click_at(heatmap, ext.width // 2, ext.height // 2)
        key(*(["Left"] * 5 + ["Down"] * 5))
        for row in range(5):
            if "R-1" in label():
                break
            for _ in range(4):
                key("Right" if row % 2 == 0 else "Left")
                if "R-1" in label():
                    break
            else:
                key("Up")
        report("R-1" in label(), "arrow keys select the cell of R-1: " + label())

        key("shift+Right")
        # The question comes in a dialog of its own, a second toplevel.
        entry = wait_for(lambda: find_anywhere(app, "text", skip=window))
        report(entry is not None, "Shift+Right asks for the reason")
        type_text(REASON)
        key("Return")
        ok = wait_for(lambda: rating(db) == [(3, 3)])
        report(ok and assessments(db) == [("inherent", 3, 2, 3, 3, REASON)],
               "the risk moved one cell right, with exactly one assessment: %s %s"
               % (rating(db), assessments(db)))
        report(wait_for(lambda: "R-1" in label()), "the selection follows the risk: " + label())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
