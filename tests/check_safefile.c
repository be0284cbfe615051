/* check_safefile.c - unit tests of safefile.c: temporaries, commits, targets, locks. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "safefile.h"

/* safefile: a temporary is a new regular file beside its target (mkostemp's random name cannot be
 * planted in advance: tests/files.sh plants the predictable names of earlier versions), a full
 * device is an error, targets and same-file checks by device and inode, the lock. */
START_TEST(test_safefile)
{
    char dir[] = "/tmp/mcpi-units.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[300], other[300], link[300];
    snprintf(path, sizeof path, "%s/target", dir);
    snprintf(other, sizeof other, "%s/sub/../target", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    char sub[300];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    ck_assert_int_eq(safefile_target_ok(path), 0); /* absent */
    ck_assert(safefile_same(path, other));         /* absent, one resolved name */
    char *tmp;
    int fd;
    ck_assert_int_eq(safefile_temp(path, &tmp, &fd), 0);
    ck_assert(strncmp(tmp, path, strlen(path)) == 0 && strstr(tmp, ".mcpi-") != NULL);
    struct stat sb;
    ck_assert_int_eq(lstat(tmp, &sb), 0);
    ck_assert(S_ISREG(sb.st_mode));
    ck_assert_int_eq(safefile_write(fd, "hello\n", 6, -1), 0);
    ck_assert_int_eq(safefile_commit(fd, tmp, path), 0);
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_eq(sb.st_size, 6);
    ck_assert_int_eq(symlink(path, link), 0);
    ck_assert(safefile_same(path, link)); /* same inode */
    ck_assert_int_eq(safefile_target_ok(link), 0);
    ck_assert_int_eq(safefile_target_ok(dir), -1); /* a directory */
    /* /dev/full: every write fails with ENOSPC, and it is reported. */
    int full = open("/dev/full", O_WRONLY);
    if (full >= 0) {
        ck_assert_int_eq(safefile_write(full, "x", 1, -1), ENOSPC);
        close(full);
    }
    /* The lock: taken, refused to a second taker, removed on release. */
    safefile_lock a, b;
    ck_assert_int_eq(safefile_lock_take(path, &a), 0);
    ck_assert_int_eq(safefile_lock_take(path, &b), SAFEFILE_LOCK_HELD);
    safefile_lock_release(&a);
    char lockname[320];
    snprintf(lockname, sizeof lockname, "%s.lock", path);
    ck_assert_int_ne(access(lockname, F_OK), 0);
    ck_assert_int_eq(symlink(path, lockname), 0); /* a planted symlink is refused, not followed */
    ck_assert_int_eq(safefile_lock_take(path, &b), ELOOP);
    unlink(lockname);
    unlink(link);
    unlink(path);
    rmdir(sub);
    rmdir(dir);
}
END_TEST

CHECK_MAIN("safefile", test_safefile)
