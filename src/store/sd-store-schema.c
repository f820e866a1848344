/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 */

#include "config.h"

#include "sd-store-schema.h"

/*
 * The schema, one migration per schema version. Never edit a migration
 * that has shipped: add a new one. Each runs inside one transaction
 * together with the PRAGMA user_version bump (see sd-store.c).
 *
 * Foreign keys are declared without ON DELETE actions on purpose: the
 * store performs cascades itself, item by item, so that every deleted
 * row gets its audit entry and leaves the in-memory models. SQLite then
 * refuses anything the store did not clean up.
 */
static const char migration_1[] =
  "CREATE TABLE units ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  kind TEXT NOT NULL DEFAULT 'department'"
  "    CHECK (kind IN ('company', 'department', 'section', 'other')),"
  "  parent_id INTEGER REFERENCES units (id),"
  "  head_id INTEGER REFERENCES people (id),"
  "  staff_count INTEGER NOT NULL DEFAULT 0 CHECK (staff_count >= 0),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  CHECK (parent_id IS NULL OR parent_id <> id));"

  "CREATE TABLE people ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  unit_id INTEGER REFERENCES units (id),"
  "  job_title TEXT,"
  "  full_time INTEGER NOT NULL DEFAULT 1 CHECK (full_time IN (0, 1)),"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));"

  "CREATE TABLE posts ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  unit_id INTEGER REFERENCES units (id),"
  "  post_type TEXT NOT NULL DEFAULT 'other'"
  "    CHECK (post_type IN ('security-director', 'security-admin', 'security-auditor',"
  "                         'network-admin', 'system-admin', 'machine-room-admin',"
  "                         'security-liaison', 'other')),"
  "  description TEXT,"
  "  key_post INTEGER NOT NULL DEFAULT 0 CHECK (key_post IN (0, 1)),"
  "  full_time_required INTEGER NOT NULL DEFAULT 0 CHECK (full_time_required IN (0, 1)),"
  "  position INTEGER NOT NULL DEFAULT 0);"

  "CREATE TABLE post_holders ("
  "  id INTEGER PRIMARY KEY,"
  "  post_id INTEGER NOT NULL REFERENCES posts (id),"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  is_primary INTEGER NOT NULL DEFAULT 1 CHECK (is_primary IN (0, 1)),"
  "  since TEXT,"
  "  UNIQUE (post_id, person_id));"

  "CREATE TABLE bodies ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  kind TEXT NOT NULL DEFAULT 'other'"
  "    CHECK (kind IN ('leadership', 'working', 'emergency', 'inspection', 'execution',"
  "                    'other')),"
  "  led_by_id INTEGER REFERENCES bodies (id),"
  "  description TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  CHECK (led_by_id IS NULL OR led_by_id <> id));"

  "CREATE TABLE body_members ("
  "  id INTEGER PRIMARY KEY,"
  "  body_id INTEGER NOT NULL REFERENCES bodies (id),"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('leader', 'deputy', 'member')),"
  "  UNIQUE (body_id, person_id));"

  "CREATE TABLE incompatibility_rules ("
  "  id INTEGER PRIMARY KEY,"
  "  post_type_a TEXT,"
  "  post_type_b TEXT,"
  "  post_a_id INTEGER REFERENCES posts (id),"
  "  post_b_id INTEGER REFERENCES posts (id),"
  "  reason TEXT,"
  "  source TEXT,"
  "  CHECK ((post_type_a IS NOT NULL AND post_type_b IS NOT NULL"
  "          AND post_a_id IS NULL AND post_b_id IS NULL)"
  "      OR (post_a_id IS NOT NULL AND post_b_id IS NOT NULL"
  "          AND post_type_a IS NULL AND post_type_b IS NULL)));"

  "CREATE TABLE duties ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (code <> ''),"
  "  area TEXT,"
  "  text TEXT NOT NULL CHECK (text <> ''),"
  "  source TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0);"

  "CREATE TABLE assignments ("
  "  id INTEGER PRIMARY KEY,"
  "  duty_id INTEGER NOT NULL REFERENCES duties (id),"
  "  post_id INTEGER REFERENCES posts (id),"
  "  unit_id INTEGER REFERENCES units (id),"
  "  body_id INTEGER REFERENCES bodies (id),"
  "  role TEXT NOT NULL CHECK (role IN ('R', 'A', 'C', 'I')),"
  "  CHECK ((post_id IS NOT NULL) + (unit_id IS NOT NULL) + (body_id IS NOT NULL) = 1));"
  "CREATE UNIQUE INDEX assignments_party ON assignments"
  "  (duty_id, ifnull (post_id, 0), ifnull (unit_id, 0), ifnull (body_id, 0));"

  "CREATE TABLE signoffs ("
  "  id INTEGER PRIMARY KEY,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  signer_person_id INTEGER REFERENCES people (id),"
  "  signer_name TEXT NOT NULL CHECK (signer_name <> ''),"
  "  meaning TEXT NOT NULL,"
  "  signed_at TEXT NOT NULL,"
  "  canonical_text TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  signature BLOB);"

  "CREATE TABLE risk_matrix ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  size INTEGER NOT NULL DEFAULT 5 CHECK (size BETWEEN 3 AND 5),"
  "  likelihood_title TEXT,"
  "  impact_title TEXT,"
  "  likelihood_labels TEXT,"
  "  impact_labels TEXT);"
  "INSERT INTO risk_matrix (id, size) VALUES (1, 5);"

  "CREATE TABLE risk_matrix_cells ("
  "  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),"
  "  impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),"
  "  zone TEXT NOT NULL CHECK (zone IN ('low', 'medium', 'high', 'major')),"
  "  PRIMARY KEY (likelihood, impact));"
  /* The default zones by score s = likelihood × impact. */
  "WITH RECURSIVE n (v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 5)"
  "INSERT INTO risk_matrix_cells (likelihood, impact, zone)"
  "  SELECT l.v, i.v, CASE WHEN l.v * i.v >= 15 THEN 'major'"
  "                        WHEN l.v * i.v >= 10 THEN 'high'"
  "                        WHEN l.v * i.v >= 5 THEN 'medium'"
  "                        ELSE 'low' END"
  "  FROM n AS l, n AS i;"

  "CREATE TABLE risk_categories ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (code <> ''),"
  "  name TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0);"
  /* Built-in categories have no name: the UI shows their translated label. */
  "INSERT INTO risk_categories (code, position) VALUES"
  "  ('personal', 1), ('data', 2), ('operational', 3);"

  "CREATE TABLE risks ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (code <> ''),"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  category_id INTEGER REFERENCES risk_categories (id),"
  "  description TEXT,"
  "  cause TEXT,"
  "  consequence TEXT,"
  "  owner_unit_id INTEGER REFERENCES units (id),"
  "  owner_person_id INTEGER REFERENCES people (id),"
  "  inherent_likelihood INTEGER NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 5),"
  "  inherent_impact INTEGER NOT NULL CHECK (inherent_impact BETWEEN 1 AND 5),"
  "  residual_likelihood INTEGER NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),"
  "  residual_impact INTEGER NOT NULL CHECK (residual_impact BETWEEN 1 AND 5),"
  "  target_likelihood INTEGER NOT NULL CHECK (target_likelihood BETWEEN 1 AND 5),"
  "  target_impact INTEGER NOT NULL CHECK (target_impact BETWEEN 1 AND 5),"
  "  treatment TEXT CHECK (treatment IN ('avoid', 'reduce', 'transfer', 'accept')),"
  "  measures TEXT,"
  "  status TEXT NOT NULL DEFAULT 'open'"
  "    CHECK (status IN ('open', 'treating', 'accepted', 'closed')),"
  "  next_review TEXT);"

  "CREATE TABLE risk_assessments ("
  "  id INTEGER PRIMARY KEY,"
  "  risk_id INTEGER NOT NULL REFERENCES risks (id),"
  "  at TEXT NOT NULL,"
  "  level TEXT NOT NULL CHECK (level IN ('inherent', 'residual', 'target')),"
  "  old_likelihood INTEGER CHECK (old_likelihood BETWEEN 1 AND 5),"
  "  old_impact INTEGER CHECK (old_impact BETWEEN 1 AND 5),"
  "  new_likelihood INTEGER NOT NULL CHECK (new_likelihood BETWEEN 1 AND 5),"
  "  new_impact INTEGER NOT NULL CHECK (new_impact BETWEEN 1 AND 5),"
  "  reason TEXT,"
  "  workshop TEXT);"

  "CREATE TABLE plans ("
  "  id INTEGER PRIMARY KEY,"
  "  year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1900 AND 9999),"
  "  goal TEXT,"
  "  policy TEXT);"

  "CREATE TABLE plan_streams ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id),"
  "  name TEXT NOT NULL CHECK (name <> ''),"
  "  position INTEGER NOT NULL DEFAULT 0);"

  "CREATE TABLE plan_tasks ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id),"
  "  stream_id INTEGER REFERENCES plan_streams (id),"
  "  title TEXT NOT NULL CHECK (title <> ''),"
  "  owner_unit_id INTEGER REFERENCES units (id),"
  "  owner_person_id INTEGER REFERENCES people (id),"
  "  start_month INTEGER NOT NULL CHECK (start_month BETWEEN 1 AND 12),"
  "  end_month INTEGER NOT NULL CHECK (end_month BETWEEN 1 AND 12),"
  "  start_date TEXT,"
  "  end_date TEXT,"
  "  status TEXT NOT NULL DEFAULT 'planned'"
  "    CHECK (status IN ('planned', 'in-progress', 'done', 'cancelled')),"
  "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
  "  evidence TEXT,"
  "  carried_over INTEGER NOT NULL DEFAULT 0 CHECK (carried_over IN (0, 1)),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  CHECK (end_month >= start_month));"

  "CREATE TABLE meetings ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id),"
  "  date TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('quarterly-review', 'coordination', 'year-end')),"
  "  title TEXT,"
  "  minutes TEXT);"

  "CREATE TABLE meeting_attendees ("
  "  id INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES meetings (id),"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  UNIQUE (meeting_id, person_id));"

  "CREATE TABLE meeting_decisions ("
  "  id INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES meetings (id),"
  "  text TEXT NOT NULL CHECK (text <> ''),"
  "  task_id INTEGER REFERENCES plan_tasks (id));"

  "CREATE TABLE inspections ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id),"
  "  kind TEXT NOT NULL CHECK (kind IN ('self-check', 'spot-check', 'audit')),"
  "  title TEXT,"
  "  date TEXT NOT NULL,"
  "  unit_id INTEGER REFERENCES units (id));"

  "CREATE TABLE findings ("
  "  id INTEGER PRIMARY KEY,"
  "  inspection_id INTEGER NOT NULL REFERENCES inspections (id),"
  "  unit_id INTEGER REFERENCES units (id),"
  "  description TEXT NOT NULL CHECK (description <> ''),"
  "  severity TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high')),"
  "  responsible_person_id INTEGER REFERENCES people (id),"
  "  deadline TEXT,"
  "  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'rectifying', 'closed')),"
  "  evidence TEXT,"
  "  closed_on TEXT);"

  "CREATE TABLE trainings ("
  "  id INTEGER PRIMARY KEY,"
  "  plan_id INTEGER NOT NULL REFERENCES plans (id),"
  "  date TEXT NOT NULL,"
  "  topic TEXT NOT NULL CHECK (topic <> ''),"
  "  audience TEXT);"

  "CREATE TABLE training_attendance ("
  "  id INTEGER PRIMARY KEY,"
  "  training_id INTEGER NOT NULL REFERENCES trainings (id),"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  UNIQUE (training_id, person_id));"

  "CREATE TABLE commitments ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES people (id),"
  "  year INTEGER NOT NULL,"
  "  signed_on TEXT NOT NULL,"
  "  UNIQUE (person_id, year));"

  /* Every change, chained: hash = SHA-256 (prev_hash, canonical content). */
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  os_user TEXT NOT NULL,"
  "  operator TEXT NOT NULL,"
  "  entity TEXT NOT NULL,"
  "  entity_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),"
  "  before TEXT,"
  "  after TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL);"

  /* The regulation's defaults (003 art. 7), present in every database, in the
   * regulation's own words. */
  "INSERT INTO incompatibility_rules (post_type_a, post_type_b, reason, source) VALUES"
  "  ('security-admin', 'network-admin', '安全管理员不能兼任网络管理员',"
  "   '《网络安全组织及职责管理规定》第7条'),"
  "  ('security-admin', 'system-admin', '安全管理员不能兼任系统管理员',"
  "   '《网络安全组织及职责管理规定》第7条'),"
  "  ('security-admin', 'security-auditor', '安全管理员不能兼任安全审计员',"
  "   '《网络安全组织及职责管理规定》第7条');"

  /* Indexes for the lookups by parent that the pages and cascades make. */
  "CREATE INDEX people_unit ON people (unit_id);"
  "CREATE INDEX posts_unit ON posts (unit_id);"
  "CREATE INDEX post_holders_person ON post_holders (person_id);"
  "CREATE INDEX body_members_person ON body_members (person_id);"
  "CREATE INDEX assignments_post ON assignments (post_id);"
  "CREATE INDEX assignments_unit ON assignments (unit_id);"
  "CREATE INDEX assignments_body ON assignments (body_id);"
  "CREATE INDEX risk_assessments_risk ON risk_assessments (risk_id);"
  "CREATE INDEX plan_tasks_plan ON plan_tasks (plan_id);"
  "CREATE INDEX findings_inspection ON findings (inspection_id);";

/* The scale of an assessment's ratings: the new ones are on a matrix of
 * matrix_size, the old ones on old_matrix_size, which differs only where a
 * change of the matrix's size mapped a rating onto the new scale. Before
 * this the matrix was always 5×5, so the rows already there get 5 for both.
 * NOT NULL with a default rather than NULL for "5": the store reads a NULL
 * integer as 0, and restoring a deleted row would write that 0 back. */
static const char migration_2[] =
  "ALTER TABLE risk_assessments ADD COLUMN matrix_size INTEGER NOT NULL DEFAULT 5"
  "  CHECK (matrix_size BETWEEN 3 AND 5"
  "         AND new_likelihood <= matrix_size AND new_impact <= matrix_size);"
  "ALTER TABLE risk_assessments ADD COLUMN old_matrix_size INTEGER NOT NULL DEFAULT 5"
  "  CHECK (old_matrix_size BETWEEN 3 AND 5"
  "         AND ifnull (old_likelihood, 1) <= old_matrix_size"
  "         AND ifnull (old_impact, 1) <= old_matrix_size);";

/* The History view looks up an item's entries and the kinds of item
 * (measured on the large benchmark database, 77,000 entries: counting one
 * kind took 29 ms and finding a deleted item's last record 20 ms by
 * scanning the table, under 1 ms with the index). */
static const char migration_3[] =
  "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);";

const char * const sd_store_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
};

const guint sd_store_n_migrations = G_N_ELEMENTS (sd_store_migrations);
