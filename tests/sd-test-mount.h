/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Security Duties authors
 *
 * What the full-disk and read-only tests share: a small tmpfs of their own,
 * mounted in a private mount namespace so that nothing shows outside the
 * test process, a filler file that uses up its space, and remounting it
 * read-only. Header-only, each test is one program.
 *
 * Call sd_test_mount_init() first thing in main(), while the process has
 * one thread: both unshare() calls refuse a process with threads. As root
 * it takes a new mount namespace; otherwise a user namespace too, in which
 * the test is root of its own mounts. Where neither is possible the tests
 * must fail with the reason (sd_test_mount_require()), unless the developer
 * set SD_TEST_NO_MOUNT=1, which skips them.
 */

#pragma once

/* unshare() and the CLONE_* flags; include this header before any other. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

/* Why no tmpfs can be mounted, or NULL when it can. */
static char *sd_test_mount_unavailable = NULL;
/* The test is root of a user namespace only: it cannot give a file to
 * another user, and may write any file it owns, whatever its mode. */
static gboolean sd_test_mount_user_ns = FALSE;

static inline gboolean
sd_test_mount_write_file (const char *path,
                          const char *text)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, strlen (text)) == (ssize_t) strlen (text);
  close (fd);
  return ok;
}

static inline void
sd_test_mount_init (void)
{
  int ns_errno;

  if (unshare (CLONE_NEWNS) != 0)
    {
      uid_t uid = getuid ();
      gid_t gid = getgid ();
      char map[64];

      ns_errno = errno;
      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        {
          sd_test_mount_unavailable =
            g_strdup_printf ("neither a mount namespace (%s) nor a user namespace (%s) "
                             "could be entered", g_strerror (ns_errno), g_strerror (errno));
          return;
        }
      g_snprintf (map, sizeof map, "0 %u 1", (guint) uid);
      if (!sd_test_mount_write_file ("/proc/self/setgroups", "deny") ||
          !sd_test_mount_write_file ("/proc/self/uid_map", map))
        {
          sd_test_mount_unavailable =
            g_strdup_printf ("the user namespace's ids could not be mapped: %s",
                             g_strerror (errno));
          return;
        }
      g_snprintf (map, sizeof map, "0 %u 1", (guint) gid);
      sd_test_mount_write_file ("/proc/self/gid_map", map);
      sd_test_mount_user_ns = TRUE;
    }

  /* Nothing mounted here may propagate back to the machine's namespace.
   * (The kernel ignores the source and type here; valgrind wants them.) */
  if (mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0)
    sd_test_mount_unavailable =
      g_strdup_printf ("the mounts could not be made private: %s", g_strerror (errno));
}

/* Call at the start of each test: FALSE if the test cannot run, after
 * failing it (or, with SD_TEST_NO_MOUNT=1, skipping it). */
static inline gboolean
sd_test_mount_require (void)
{
  if (sd_test_mount_unavailable == NULL)
    return TRUE;
  if (g_strcmp0 (g_getenv ("SD_TEST_NO_MOUNT"), "1") == 0)
    {
      g_test_skip_printf ("SD_TEST_NO_MOUNT=1, and no tmpfs can be mounted: %s",
                          sd_test_mount_unavailable);
      return FALSE;
    }
  g_test_fail_printf ("A tmpfs is needed to test a full or read-only file system, but %s. "
                      "Run the test as root or where user namespaces are allowed "
                      "(or set SD_TEST_NO_MOUNT=1 to skip it).",
                      sd_test_mount_unavailable);
  return FALSE;
}

/* A new folder with a tmpfs of @size (as mount(8) takes it: "1m") mounted
 * on it (transfer full). */
static inline char *
sd_test_mount_tmpfs (const char *size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0755", size);
  char *dir = g_dir_make_tmp ("sd-test-tmpfs-XXXXXX", &error);

  g_assert_no_error (error);
  if (mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
    g_error ("Could not mount a tmpfs on %s: %s", dir, g_strerror (errno));
  return dir;
}

static inline void
sd_test_mount_set_read_only (const char *dir,
                             gboolean    read_only)
{
  unsigned long flags = MS_REMOUNT | MS_NOSUID | MS_NODEV | (read_only ? MS_RDONLY : 0);

  /* A remount ignores the source and type. */
  if (mount ("none", dir, "none", flags, NULL) != 0)
    g_error ("Could not remount %s %s: %s", dir, read_only ? "read-only" : "read-write",
             g_strerror (errno));
}

/* Unmounts and removes @dir (with what the tmpfs held). */
static inline void
sd_test_mount_remove (const char *dir)
{
  if (umount2 (dir, MNT_DETACH) != 0)
    g_error ("Could not unmount %s: %s", dir, g_strerror (errno));
  g_rmdir (dir);
}

/* Bytes an unprivileged writer can still write on the file system of @dir. */
static inline guint64
sd_test_mount_free_space (const char *dir)
{
  struct statvfs st;

  g_assert_cmpint (statvfs (dir, &st), ==, 0);
  return (guint64) st.f_bavail * st.f_frsize;
}

/* Writes @path until the file system is full, or until it holds @limit
 * bytes (0: no limit); returns its size. */
static inline guint64
sd_test_mount_fill (const char *path,
                    guint64     limit)
{
  static const char zeros[65536];
  int fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  struct stat st;

  g_assert_cmpint (fd, >=, 0);
  /* Smaller and smaller writes: the last blocks are taken too. */
  for (gsize chunk = sizeof zeros; chunk > 0; chunk /= 2)
    {
      for (;;)
        {
          gsize n = chunk;
          ssize_t written;

          g_assert_cmpint (fstat (fd, &st), ==, 0);
          if (limit > 0 && (guint64) st.st_size >= limit)
            break;
          if (limit > 0)
            n = MIN (n, limit - st.st_size);
          written = write (fd, zeros, n);
          if (written < 0)
            {
              g_assert_cmpint (errno, ==, ENOSPC);
              break;
            }
          if ((gsize) written < n)
            break;
        }
    }
  g_assert_cmpint (fstat (fd, &st), ==, 0);
  close (fd);
  return st.st_size;
}

/* Gives @bytes of the filler @path back to the file system (all of it
 * with G_MAXUINT64). */
static inline void
sd_test_mount_release (const char *path,
                       guint64     bytes)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, bytes >= (guint64) st.st_size ? 0 : st.st_size - bytes),
                   ==, 0);
}
