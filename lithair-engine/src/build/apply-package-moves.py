#!/usr/bin/env python3
"""Moves Java classes to new packages across a source tree, driven by a mapping file.

Usage: apply-package-moves.py MAPPING.tsv [ROOT]   (ROOT defaults to the current directory)

Each non-comment line of the mapping is ``old<TAB>new``:
  - a class: ``dev.lithair.log.Frame<TAB>dev.lithair.internal.log.Frame``. Its source file moves
    (wherever it is: main or test, any module), its package line changes, and every reference to the
    old fully-qualified name anywhere in the tree changes: imports, static imports, fully-qualified
    uses, strings, javadoc, META-INF/services files (content and file names), Markdown, XML, YAML,
    properties. Path forms (``dev/lithair/log/Frame``) change too.
  - a package that moves whole: ``dev.lithair.lifecycle<TAB>dev.lithair.internal.history``. Used for
    what is left once the class lines are applied: mentions of the package itself (javadoc, prose) and
    its package-info.java. Class lines still list every class.

Classes that referred to each other without an import (same package, or a wildcard import) and are
now in different packages get the import they need; imports of a class now in the importing file's
own package are removed. The script is idempotent: a second run changes nothing. It prints what it
moved and changed, and warns about what it cannot decide (a wildcard import of a package that lost
classes, for instance); compile afterwards.
"""

import os
import re
import sys

TEXT_SUFFIXES = ('.java', '.kt', '.md', '.xml', '.yml', '.yaml', '.properties', '.json', '.txt', '.imports',
                 '.factories', '.adoc', '.sh', '.py', '.gradle', '.kts', '.html')
SKIPPED_DIRS = {'.git', 'target', 'node_modules', '.idea', '.mvn'}


def read_mapping(path):
    classes, packages = {}, {}
    with open(path, encoding='utf-8') as mapping:
        for number, line in enumerate(mapping, 1):
            line = line.rstrip('\n')
            if not line.strip() or line.lstrip().startswith('#'):
                continue
            parts = line.split('\t')
            if len(parts) != 2:
                sys.exit(f'{path}:{number}: expected "old<TAB>new", found {line!r}')
            old, new = parts[0].strip(), parts[1].strip()
            simple = old.rsplit('.', 1)[-1]
            if simple[:1].isupper():
                if new.rsplit('.', 1)[-1] != simple:
                    sys.exit(f'{path}:{number}: a move keeps the simple name ({old} -> {new})')
                classes[old] = new
            else:
                packages[old] = new
    return classes, packages


def package_of(fqn):
    return fqn.rsplit('.', 1)[0]


def walk(root, skipped_files):
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in files:
            path = os.path.join(directory, name)
            if os.path.abspath(path) in skipped_files:
                continue
            yield path


def is_text(path):
    return path.endswith(TEXT_SUFFIXES) or f'{os.sep}META-INF{os.sep}services{os.sep}' in path


PACKAGE_LINE = re.compile(r'^(\s*package\s+)([\w.]+)(\s*;)', re.M)
IMPORT_LINE = re.compile(r'^import\s+(static\s+)?([\w.]+)(\.\*)?\s*;[ \t]*\n', re.M)


def strip_comments_and_strings(source):
    """The code without comments, strings and character literals (replaced by spaces)."""
    pattern = re.compile(r'"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|//[^\n]*|/\*[\s\S]*?\*/')
    return pattern.sub(lambda m: ' ' * len(m.group(0)), source)


def comments_of(source):
    return ' '.join(re.findall(r'/\*[\s\S]*?\*/|//[^\n]*', source))


def referenced_names(source):
    """Simple type names used in code, or named by javadoc tags, not as the tail of a qualified name."""
    code = strip_comments_and_strings(source)
    code = IMPORT_LINE.sub('', code)
    code = PACKAGE_LINE.sub('', code)
    names = set(re.findall(r'(?<![\w.$])([A-Z]\w*)', code))
    docs = comments_of(source)
    names |= set(re.findall(r'(?:\{@link(?:plain)?|@throws|@exception|@see)\s+([A-Z]\w*)', docs))
    return names


def replace_names(text, classes, packages):
    """Old fully-qualified class names, their path forms, then moved packages, by their new names."""
    for old in sorted(classes, key=len, reverse=True):
        new = classes[old]
        if old in text:
            text = re.sub(r'(?<![\w.$])' + re.escape(old) + r'(?![\w$])', new, text)
        old_path, new_path = old.replace('.', '/'), new.replace('.', '/')
        if old_path in text:
            text = re.sub(r'(?<![\w$])' + re.escape(old_path) + r'(?![\w$])', new_path, text)
    for old in sorted(packages, key=len, reverse=True):
        new = packages[old]
        if old in text:
            # The package itself, not a longer package or a class in it (class lines took those).
            text = re.sub(r'(?<![\w.$])' + re.escape(old) + r'(?![\w$])(?!\.[A-Za-z_$])', new, text)
        old_path, new_path = old.replace('.', '/'), new.replace('.', '/')
        if old_path in text:
            text = re.sub(r'(?<![\w$])' + re.escape(old_path) + r'(?![\w$])(?!/[A-Za-z_$])', new_path, text)
    return text


class JavaFile:
    def __init__(self, path, source):
        self.path = path
        self.source = source
        match = PACKAGE_LINE.search(source)
        self.package = match.group(2) if match else ''
        self.name = os.path.basename(path)[:-len('.java')]
        self.fqn = f'{self.package}.{self.name}' if self.package else self.name
        package_path = self.package.replace('.', os.sep)
        directory = os.path.dirname(path)
        if package_path and directory.endswith(os.sep + package_path):
            self.source_root = directory[:-len(package_path) - 1]
        elif not package_path:
            self.source_root = directory
        else:
            self.source_root = None


def sort_lithair_imports(source, roots):
    """Sorts each run of consecutive non-static imports under one of ``roots`` (``dev.lithair``)."""
    lines = source.split('\n')
    out, run, run_key = [], [], None

    def flush():
        nonlocal run
        out.extend(sorted(set(run), key=lambda l: l.rstrip(';')))
        run = []

    for line in lines:
        match = re.match(r'^import\s+(?!static)([\w]+\.[\w]+)[\w.]*(\.\*)?;\s*$', line)
        key = match.group(1) if match and match.group(1) in roots else None
        if key is not None and key == run_key:
            run.append(line)
            continue
        flush()
        run_key = key
        if key is not None:
            run.append(line)
        else:
            out.append(line)
    flush()
    return '\n'.join(out)


def tidy_header(source):
    """Collapses the blank lines left where imports were removed, before the first type."""
    first_type = re.search(r'^(?:/\*\*|@|public |final |abstract |sealed |non-sealed |class |interface |record |enum )',
                           source, re.M)
    end = first_type.start() if first_type else len(source)
    return re.sub(r'\n{3,}', '\n\n', source[:end]) + source[end:]


def add_imports(source, fqns, roots):
    """Adds single-type imports, next to the imports of the same root (dev.lithair...), sorted."""
    if not fqns:
        return source
    imports = list(IMPORT_LINE.finditer(source))
    new_lines = ''.join(f'import {fqn};\n' for fqn in sorted(fqns))
    if imports:
        root = '.'.join(sorted(fqns)[0].split('.')[:2])
        same_root = [m for m in imports if not m.group(1) and m.group(2).startswith(root + '.')]
        if same_root:
            at = same_root[-1].end()
            return sort_lithair_imports(source[:at] + new_lines + source[at:], roots)
        non_static = [m for m in imports if not m.group(1)]
        anchor = non_static[-1] if non_static else imports[-1]
        at = anchor.end()
        return source[:at] + '\n' + new_lines + source[at:]
    package = PACKAGE_LINE.search(source)
    at = package.end() if package else 0
    return source[:at] + '\n\n' + new_lines.rstrip('\n') + source[at:]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    mapping_path = os.path.abspath(sys.argv[1])
    root = os.path.abspath(sys.argv[2] if len(sys.argv) == 3 else '.')
    classes, packages = read_mapping(mapping_path)
    skipped = {mapping_path, os.path.abspath(__file__)}
    roots = {'.'.join(name.split('.')[:2]) for name in list(classes.values()) + list(packages.values())}

    paths = list(walk(root, skipped))
    java = {}
    by_package = {}
    for path in paths:
        if path.endswith('.java'):
            with open(path, encoding='utf-8') as f:
                jf = JavaFile(path, f.read())
            java[path] = jf
            by_package.setdefault(jf.package, set()).add(jf.name)

    def new_fqn(fqn):
        return classes.get(fqn, fqn)

    changed, moved, warnings = [], [], []
    for path in paths:
        if not is_text(path):
            continue
        if path in java:
            jf = java[path]
            source = jf.source
            if jf.fqn in classes:
                target_package = package_of(classes[jf.fqn])
            elif jf.name == 'package-info':
                target_package = packages.get(jf.package, jf.package)
            else:
                target_package = jf.package
                if jf.package in packages:
                    warnings.append(f'{path}: its package moves whole but the class is not listed; not moved')
            own_nested = set(re.findall(r'\b(?:class|interface|record|enum)\s+([A-Z]\w*)', source))
            explicit = {m.group(2).rsplit('.', 1)[-1] for m in IMPORT_LINE.finditer(source)
                        if not m.group(1) and not m.group(3)}
            wildcards = [m.group(2) for m in IMPORT_LINE.finditer(source) if not m.group(1) and m.group(3)]
            visible = [jf.package] + wildcards
            needed = set()
            for name in referenced_names(source) - own_nested - explicit:
                for package in visible:
                    if name not in by_package.get(package, ()):
                        continue
                    now = new_fqn(f'{package}.{name}')
                    if package_of(now) != target_package and not (package in wildcards and now == f'{package}.{name}'):
                        needed.add(now)
                    break
            for package in wildcards:
                if any(package_of(old) == package for old in classes):
                    warnings.append(f'{path}: wildcard import of {package}, which lost classes: imports were added '
                                    f'for the moved classes it uses; check it compiles')
            updated = replace_names(source, classes, packages)
            if target_package != jf.package:
                updated = PACKAGE_LINE.sub(lambda m: m.group(1) + target_package + m.group(3), updated, count=1)
            # Imports of classes now in this file's own package are dropped.
            updated = re.sub(r'^import\s+' + re.escape(target_package) + r'\.([A-Z]\w*)\s*;[ \t]*\n', '', updated,
                             flags=re.M)
            if updated != source:
                updated = tidy_header(updated)
            already = {m.group(2) for m in IMPORT_LINE.finditer(updated) if not m.group(1)}
            updated = add_imports(updated, needed - already, roots)
            if updated != source:
                updated = sort_lithair_imports(updated, roots)
            target = path
            if target_package != jf.package:
                if jf.source_root is None:
                    warnings.append(f'{path}: its directory does not match its package; not moved')
                else:
                    target = os.path.join(jf.source_root, target_package.replace('.', os.sep), jf.name + '.java')
            if updated != source or target != path:
                if target != path:
                    if os.path.exists(target):
                        sys.exit(f'{target} exists already; refusing to overwrite it with {path}')
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    os.remove(path)
                    moved.append((path, target))
                with open(target, 'w', encoding='utf-8') as f:
                    f.write(updated)
                if target == path:
                    changed.append(path)
        else:
            with open(path, encoding='utf-8', errors='surrogateescape') as f:
                source = f.read()
            updated = replace_names(source, classes, packages)
            target = path
            name = os.path.basename(path)
            if f'{os.sep}META-INF{os.sep}services{os.sep}' in path and name in classes:
                target = os.path.join(os.path.dirname(path), classes[name])
            if updated != source or target != path:
                with open(target, 'w', encoding='utf-8', errors='surrogateescape') as f:
                    f.write(updated)
                if target != path:
                    os.remove(path)
                    moved.append((path, target))
                else:
                    changed.append(path)

    # Directories left empty by the moves go too.
    for old, _ in moved:
        directory = os.path.dirname(old)
        while directory.startswith(root) and directory != root and os.path.isdir(directory) \
                and not os.listdir(directory):
            os.rmdir(directory)
            directory = os.path.dirname(directory)

    for old, new in moved:
        print(f'moved   {os.path.relpath(old, root)} -> {os.path.relpath(new, root)}')
    for path in changed:
        print(f'changed {os.path.relpath(path, root)}')
    for warning in warnings:
        print(f'warning {warning}', file=sys.stderr)
    print(f'{len(moved)} moved, {len(changed)} changed in place', file=sys.stderr)


if __name__ == '__main__':
    main()
