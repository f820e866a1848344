#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Security Duties authors
#
# No SQL built from values (issue 8, "No injection"):
#
#   test-sql-injection.sh SRC_DIR BAD_FIXTURE GOOD_FIXTURE
#
# Reads the C files of SRC_DIR and fails on any SQL text that could hold a
# value; every value must go to SQLite as a bound parameter. Then proves
# itself: it must report every line marked BAD in BAD_FIXTURE (and no
# other), and nothing in GOOD_FIXTURE. TAP output.
#
# The rules. SQL text is a string literal that holds SQL (the keywords in
# capitals, as the app writes them, or a few unmistakable lower-case
# phrases). Every C file of SRC_DIR, comments left out:
#
#  1. No printf-style call (g_strdup_printf, g_string_printf,
#     g_string_append_printf, g_snprintf, snprintf, sprintf, ...) has a
#     format that holds SQL and a conversion (%s, %d, G_GINT64_FORMAT, ...).
#     (The project builds with -Wformat=2, so a format is always a literal
#     the script can read.)
#  2. No use of SQLite's own text builders (sqlite3_mprintf,
#     sqlite3_snprintf, sqlite3_str_*): they exist to put values into SQL.
#  3. No g_strconcat or g_strjoin of SQL with anything but literals.
#  4. A GString that holds SQL (made from, or given, SQL text; or whose
#     ->str goes to SQLite) gets literal text only: no other text, no
#     formatted conversion, no character that is not a literal.
#  5. The SQL argument of sqlite3_exec() and sqlite3_prepare*() is a
#     literal (or a choice between literals), a statement of sd-store-sql.h,
#     a migration of the schema (sd_store_migrations[], literals), or a
#     variable of the function assigned only from those. A function that
#     passes a parameter of its own on as that argument (a wrapper such as
#     exec_sql() or sd_store_get_statement()) is held to the same rule at
#     every call, found by the script, however many wrappers deep.
#  6. SQLite is used in src/store/ only (DESIGN.md: the store is the one
#     place with SQL).
#
# Identifiers are not values, but they are text too: the one place that
# may compose SQL from anything but literals is src/store/sd-store-sql.c,
# which builds the store's statements from a table's description (SdTable:
# the item classes' static tables of names). Rules 1, 3 and 4 do not apply
# there. What keeps values out of it is its interface: every function of
# src/store/sd-store-sql.h takes only an SdTable, column numbers, a mask
# of booleans or nothing, never text (rule 7, checked here: no char,
# GString, GValue, GVariant, pointer to void or variadic parameter in that
# header), and sd-store-sql.c refuses any name that is not a plain
# identifier.

set -u

if [ $# -ne 3 ]; then
  echo "Usage: $0 SRC_DIR BAD_FIXTURE GOOD_FIXTURE" >&2
  exit 2
fi

# perl-base, essential in Debian, is enough: no modules.
exec perl -w - "$@" <<'PERL'
use strict;
use warnings;

my ($src, $bad_fixture, $good_fixture) = @ARGV;
my $helper_c = 'store/sd-store-sql.c';
my $helper_h = 'store/sd-store-sql.h';

my $SQL = qr/\b(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|UPSERT|PRAGMA|CREATE|DROP|ALTER|ATTACH
                |DETACH|VACUUM|REINDEX|ANALYZE|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|FROM
                |WHERE|VALUES|INTO|SET|JOIN|LIMIT|OFFSET|HAVING|UNION|ORDER\s+BY|GROUP\s+BY)\b
             |(?i:\bselect\b.*\bfrom\b|\binsert\s+into\b|\bdelete\s+from\b
                |\bupdate\s+\w+\s+set\b|\bpragma\s+\w)/x;
my $CONVERSION = qr/%[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?
                    [diouxXeEfFgGaAcspnQqwz]/x;
my $FORMAT_MACRO = qr/\b(?:G_G(?:U?INT(?:16|32|64)|SIZE|SSIZE|OFFSET|INTPTR|UINTPTR)
                          _(?:FORMAT|MODIFIER)
                        |PRI[diouxX]\w*)\b/x;
my $STRING = qr/"(?:\\.|[^"\\\n])*"/;
my $CHAR = qr/'(?:\\.|[^'\\\n])*'/;

# printf-style functions and the index of their format argument.
my %printf_format = (
  g_strdup_printf => 0, g_strdup_vprintf => 0,
  g_string_printf => 1, g_string_append_printf => 1,
  g_string_vprintf => 1, g_string_append_vprintf => 1,
  g_snprintf => 2, g_vsnprintf => 2, snprintf => 2, vsnprintf => 2,
  sprintf => 1, vsprintf => 1, asprintf => 1, vasprintf => 1,
  g_sprintf => 1, g_vsprintf => 1, g_vasprintf => 1,
);
my %sqlite_builders = map { $_ => 1 } qw(
  sqlite3_mprintf sqlite3_vmprintf sqlite3_snprintf sqlite3_vsnprintf
  sqlite3_str_new sqlite3_str_appendf sqlite3_str_vappendf sqlite3_str_append
  sqlite3_str_appendall sqlite3_str_appendchar
);
# GString functions and the index of the text they add.
my %gstring_text = (
  g_string_append => 1, g_string_append_len => 1, g_string_prepend => 1,
  g_string_prepend_len => 1, g_string_assign => 1, g_string_insert => 2,
  g_string_insert_len => 2, g_string_overwrite => 2, g_string_overwrite_len => 2,
  g_string_append_c => 1, g_string_prepend_c => 1, g_string_insert_c => 2,
  g_string_append_unichar => 1, g_string_prepend_unichar => 1,
  g_string_insert_unichar => 2, g_string_append_uri_escaped => 1,
  g_string_replace => 2,
);
# The SQL argument of SQLite's entry points; wrappers are added below.
my %sinks = map { $_ => 1 } qw(sqlite3_exec sqlite3_prepare sqlite3_prepare_v2
                                sqlite3_prepare_v3 sqlite3_prepare16 sqlite3_prepare16_v2
                                sqlite3_prepare16_v3);

my @findings;

sub blank { my ($s) = @_; $s =~ s/[^\n]/ /g; return $s }

# The file with comments blanked out (same length, same lines).
sub read_clean {
  my ($path) = @_;
  open my $fh, '<', $path or die "$path: $!\n";
  local $/;
  my $text = <$fh>;
  close $fh;
  (my $clean = $text) =~ s{(/\*.*?\*/)|(//[^\n]*)|($STRING)|($CHAR)}
                          {defined $1 || defined $2 ? blank ($&) : $&}gse;
  return ($text, $clean);
}

sub line_of { my ($text, $pos) = @_; return 1 + (substr ($text, 0, $pos) =~ tr/\n//) }

sub trim { my ($s) = @_; $s =~ s/^\s+|\s+$//g; return $s }

# The arguments of the call whose "(" is at $open, and the position after ")".
sub split_args {
  my ($text, $open) = @_;
  my ($depth, $start, @args) = (0, $open + 1);
  pos ($text) = $open;
  while ($text =~ /\G(?:($STRING|$CHAR)|([(\[{])|([)\]}])|(,)|[^"'()\[\]{},]+|.)/gcs) {
    if (defined $2) { $depth++ }
    elsif (defined $3) {
      $depth--;
      if ($depth == 0) {
        my $last = substr ($text, $start, pos ($text) - 1 - $start);
        push @args, $last if @args || $last =~ /\S/;
        return (\@args, pos ($text));
      }
    }
    elsif (defined $4 && $depth == 1) {
      push @args, substr ($text, $start, pos ($text) - 1 - $start);
      $start = pos ($text);
    }
  }
  return (\@args, length $text);
}

# The text of the string literals of $arg, and whether the argument is
# made of literals only (with format macros between them if $macros).
sub literal {
  my ($arg, $macros) = @_;
  my $text = '';
  my $rest = $arg;
  while ($rest =~ /($STRING)/g) { $text .= substr ($1, 1, -1) }
  $text .= ' %MACRO' if $macros && $rest =~ $FORMAT_MACRO;
  (my $left = $rest) =~ s/$STRING//g;
  $left =~ s/$FORMAT_MACRO//g if $macros;
  $left =~ s/\b[A-Z][A-Z0-9_]*\b//g;        # macros of constant text
  return ($text, $left !~ /\S/ && $rest =~ /"/);
}

# A literal, or a choice between literals (cond ? "a" : "b").
sub is_literal_choice {
  my ($arg) = @_;
  my (undef, $pure) = literal ($arg, 0);
  return 1 if $pure;
  if ($arg =~ /^(.*?)\?\s*($STRING(?:\s*$STRING)*)\s*:\s*($STRING(?:\s*$STRING)*)\s*$/s) {
    return 1;
  }
  return 0;
}

sub is_sql_literal { my ($arg) = @_; my ($text) = literal ($arg, 1); return $text =~ $SQL }

# The functions of a file: name, parameters, body range (GNU style: the
# body's braces in the first column, the name at the start of its line).
sub functions {
  my ($clean) = @_;
  my @functions;
  while ($clean =~ /^\{[ \t]*$/mg) {
    my $body_start = pos ($clean) - 1;
    my $before = substr ($clean, 0, $body_start);
    next unless $before =~ /\)\s*(?:G_GNUC_\w+\s*)*\s*$/;
    next unless $before =~ /^([A-Za-z_]\w*)\s*\((?=[^;{}]*\z)/mg;
    my ($name, $paren) = ($1, pos ($before) - 1);
    my ($params) = split_args ($clean, $paren);
    my @names = map { /(\w+)\s*(?:\[[^\]]*\])?\s*$/ ? $1 : '' } @$params;
    my $body_end = $clean =~ /^\}/mg ? pos ($clean) : length $clean;
    pos ($clean) = $body_end;
    push @functions, { name => $name, params => \@names,
                       start => $body_start, end => $body_end };
  }
  return @functions;
}

sub calls {
  my ($clean, $from, $to) = @_;
  my @calls;
  my $body = substr ($clean, 0, $to);
  pos ($body) = $from;
  while ($body =~ /\b([A-Za-z_]\w*)\s*\(|$STRING|$CHAR/g) {
    next unless defined $1;
    my ($name, $open) = ($1, pos ($body) - 1);
    my ($args) = split_args ($clean, $open);
    push @calls, { name => $name, args => [map { trim ($_) } @$args], pos => $open };
  }
  return @calls;
}

sub c_files {
  my ($dir) = @_;
  opendir (my $dh, $dir) or die "$dir: $!\n";
  my @names = sort grep { !/^\./ } readdir $dh;
  closedir $dh;
  return map { -d "$dir/$_" ? c_files ("$dir/$_") : /\.[ch]$/ ? ("$dir/$_") : () } @names;
}
my @files = (c_files ($src), $bad_fixture, $good_fixture);

# The statements of sd-store-sql.h, and rule 7.
my %helpers;
{
  my $header = "$src/$helper_h";
  if (-f $header) {
    my (undef, $clean) = read_clean ($header);
    while ($clean =~ /\b(sd_sql_\w+)\s*\(/g) {
      my ($name, $open) = ($1, pos ($clean) - 1);
      my ($params) = split_args ($clean, $open);
      $helpers{$name} = 1;
      for my $param (@$params) {
        if ($param =~ /\b(?:char|gchar|GString|GValue|GVariant|gpointer|gconstpointer|va_list)\b
                      |\.\.\.|\bvoid\s*\*/x) {
          push @findings, [$header, line_of ($clean, $open),
                           "$name takes “" . trim ($param) . "”: the statements of " .
                           "sd-store-sql.h may take no text (rule 7)"];
        }
      }
    }
  }
}

# Read everything, then find the wrappers (rule 5).
my %parsed;
for my $file (@files) {
  my ($text, $clean) = read_clean ($file);
  my @functions = functions ($clean);
  for my $function (@functions) {
    $function->{calls} = [calls ($clean, $function->{start}, $function->{end})];
  }
  $parsed{$file} = { text => $text, clean => $clean, functions => \@functions };
}
for (my $changed = 1; $changed;) {
  $changed = 0;
  for my $file (@files) {
    for my $function (@{$parsed{$file}{functions}}) {
      next if exists $sinks{$function->{name}};
      for my $call (@{$function->{calls}}) {
        next unless exists $sinks{$call->{name}};
        my $arg = $call->{args}[$sinks{$call->{name}}] // '';
        for my $p (0 .. $#{$function->{params}}) {
          if ($arg eq $function->{params}[$p]) {
            $sinks{$function->{name}} = $p;
            $changed = 1;
          }
        }
      }
    }
  }
}

sub report {
  my ($file, $clean, $pos, $message) = @_;
  push @findings, [$file, line_of ($clean, $pos), $message];
}

for my $file (@files) {
  my ($clean, $functions) = @{$parsed{$file}}{qw(clean functions)};
  my $relative = $file =~ m{^\Q$src\E/(.*)$} ? $1 : '';
  my $is_helper = $relative eq $helper_c;

  for my $function (@$functions) {
    my %params = map { $_ => 1 } grep { $_ ne '' } @{$function->{params}};
    my $body = substr ($clean, $function->{start}, $function->{end} - $function->{start});
    my (%sql_gstring, %dirty);

    # The GStrings that hold SQL (rule 4).
    for my $call (@{$function->{calls}}) {
      my ($name, $args) = ($call->{name}, $call->{args});
      if (exists $gstring_text{$name} && $name !~ /_c$|unichar|uri_escaped/ &&
          is_sql_literal ($args->[$gstring_text{$name}] // '')) {
        $sql_gstring{$args->[0]} = 1;
      }
      if (exists $sinks{$name} && ($args->[$sinks{$name}] // '') =~ /^(\w+(?:->\w+)*)->str$/) {
        $sql_gstring{$1} = 1;
      }
    }
    while ($body =~ /([\w>.-]+)\s*=\s*g_string_new(?:_len)?\s*\(/g) {
      my ($var, $open) = ($1, $function->{start} + pos ($body) - 1);
      my ($args) = split_args ($clean, $open);
      $sql_gstring{$var} = 1 if is_sql_literal ($args->[0] // '');
    }

    for my $call (@{$function->{calls}}) {
      my ($name, $args, $pos) = @{$call}{qw(name args pos)};

      # Rule 6.
      if ($name =~ /^sqlite3_/ && $relative !~ m{^store/} && $relative ne '') {
        report ($file, $clean, $pos, "$name outside src/store (rule 6)");
      }
      # Rule 2.
      if (exists $sqlite_builders{$name}) {
        report ($file, $clean, $pos, "$name builds SQL text from values (rule 2)");
        next;
      }
      next if $is_helper;

      # Rule 1.
      if (exists $printf_format{$name}) {
        my ($format) = literal ($args->[$printf_format{$name}] // '', 1);
        (my $bare = $format) =~ s/%%//g;
        if ($format =~ $SQL && ($bare =~ $CONVERSION || $bare =~ /%MACRO/)) {
          report ($file, $clean, $pos, "$name formats a value into SQL text (rule 1)");
          next;
        }
      }
      # Rule 3.
      if ($name =~ /^g_str(?:concat|join)$/ && grep { is_sql_literal ($_) } @$args) {
        my @others = grep { $_ ne 'NULL' && !is_literal_choice ($_) } @$args;
        if (@others) {
          report ($file, $clean, $pos, "$name joins SQL text with “$others[0]” (rule 3)");
          next;
        }
      }
      # Rule 4.
      my $target = $args->[0] // '';
      if (exists $sql_gstring{$target}) {
        if (exists $gstring_text{$name}) {
          my $arg = $args->[$gstring_text{$name}] // '';
          my $ok = $name =~ /_c$/ ? $arg =~ /^$CHAR$/
                 : $name =~ /unichar|uri_escaped|replace/ ? 0
                 : is_literal_choice ($arg);
          if (!$ok) {
            report ($file, $clean, $pos, "$name adds “$arg” to the SQL in $target (rule 4)");
            $dirty{$target} = 1;
          }
        }
        elsif ($name =~ /^g_string_(?:append_)?v?printf$/) {
          my ($format) = literal ($args->[1] // '', 1);
          (my $bare = $format) =~ s/%%//g;
          if ($bare =~ $CONVERSION || $bare =~ /%MACRO/) {
            report ($file, $clean, $pos, "$name formats a value into the SQL in $target (rule 4)");
            $dirty{$target} = 1;
          }
        }
      }
      # Rule 5.
      if (exists $sinks{$name}) {
        my $arg = $args->[$sinks{$name}] // '';
        next if is_literal_choice ($arg);
        next if $arg =~ /^(\w+)\s*\(/ && exists $helpers{$1};
        next if $arg =~ /^sd_store_migrations\s*\[[^\]]*\]$/;
        next if exists $params{$arg};
        if ($arg =~ /^(\w+(?:->\w+)*)->str$/) {
          my $var = $1;
          my $made = 1;
          while ($body =~ /\Q$var\E\s*=\s*(g_string_new(?:_len)?\s*\(([^;]*)\))\s*;/g) {
            my $init = trim ($2);
            $init =~ s/,.*//s;
            $made = 0 unless $init eq 'NULL' || is_literal_choice ($init);
          }
          next if $made && !$dirty{$var};
        }
        elsif ($arg =~ /^\w+$/) {
          my ($assigned, $ok) = (0, 1);
          while ($body =~ /(?<![\w>.])\Q$arg\E\s*=(?!=)\s*([^;]+);/g) {
            my $value = trim ($1);
            $assigned = 1;
            $ok = 0 unless $value eq 'NULL' || is_literal_choice ($value) ||
                           ($value =~ /^(\w+)\s*\(/ && exists $helpers{$1}) ||
                           $value =~ /^sd_store_migrations\s*\[[^\]]*\]$/;
          }
          next if $assigned && $ok;
        }
        report ($file, $clean, $pos,
                "$name gets SQL text “$arg” that is not a literal or a statement of " .
                "sd-store-sql.h (rule 5)");
      }
    }
  }
}

# Results.
my (%in_src, %reported);
for my $finding (@findings) {
  my ($file, $line, $message) = @$finding;
  push @{$reported{$file}}, $line;
  $in_src{"$file:$line: $message"} = 1 if $file ne $bad_fixture && $file ne $good_fixture;
}

print "1..4\n";
my @src_findings = sort grep { !m{\Q$helper_h\E:} } keys %in_src;
my @header_findings = sort grep { m{\Q$helper_h\E:} } keys %in_src;
if (@src_findings) {
  print "not ok 1 - $src builds no SQL text from values\n";
  print "# $_\n" for @src_findings;
} else {
  print "ok 1 - $src builds no SQL text from values\n";
}
if (!-f "$src/$helper_h") {
  print "not ok 2 - $helper_h is missing\n";
} elsif (@header_findings) {
  print "not ok 2 - the statements of $helper_h take no text\n";
  print "# $_\n" for @header_findings;
} else {
  print "ok 2 - the statements of $helper_h take no text\n";
}

my %marked;
{
  my $line = 0;
  for (split /\n/, $parsed{$bad_fixture}{text}) {
    $line++;
    $marked{$line} = 1 if /\bBAD\b/ && !/^\s*(?:\*|\/\*)/;
  }
}
my %found = map { $_ => 1 } @{$reported{$bad_fixture} // []};
my @missed = grep { !$found{$_} } sort { $a <=> $b } keys %marked;
my @extra = grep { !$marked{$_} } sort { $a <=> $b } keys %found;
if (%marked && !@missed && !@extra) {
  printf "ok 3 - the bad fixture is refused on each of its %d marked lines\n",
         scalar keys %marked;
} else {
  print "not ok 3 - the bad fixture is refused on each of its marked lines, and no other\n";
  print "# not reported: line $_\n" for @missed;
  print "# reported but not marked: line $_\n" for @extra;
}
my @good = @{$reported{$good_fixture} // []};
if (!@good) {
  print "ok 4 - the good fixture passes\n";
} else {
  print "not ok 4 - the good fixture passes\n";
  print "# reported: line $_\n" for sort { $a <=> $b } @good;
}
exit 0;
PERL
