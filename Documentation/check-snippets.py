#!/usr/bin/env python3
"""Compiles every Swift code block of the guides, so each guide's code builds as written.

Reads every ```swift block of Documentation/*.md, README.md and the DocC articles in
Sources/Logbook/Logbook.docc, writes them into one scratch package that depends on this
repository by path (with the SwiftLogBridge and DistributedTracing traits), and builds it once. Prints how many
blocks each guide had compiled and skipped, and exits 1 when the build fails or the code
has warnings (other than values left unused where a fragment ends); diagnostics point at
the guide's own file and line.

How a block is compiled:

- Each guide is one module (`Snippets_<Guide>`), each block one file in it.
- A block whose top-level lines are all declarations (types, functions, `let`s without
  `try` or `await`, imports) is compiled at file scope as it is. Any other block is the
  body of an `async throws` function, so statements such as `try Log.bootstrap(...)` and
  `await LogContext.with(...)` compile where a reader would put them.
- Every block file imports Logbook, plus whatever the block imports and what its guide's
  prelude imports. A module's dependencies follow its imports: LogbookTesting,
  LogbookSwiftLog, swift-log's Logging, LogbookTracing, and Checkout (the library of
  Examples/TestingWithLogbook, which the testing guide's snippets test).
- A guide's prelude, Documentation/snippet-preludes/<Guide>.swift when it exists, declares
  the reader's own code that its snippets call (`handle(request)`, a `queue`, ...). It is
  compiled with the guide's blocks and never shown to readers.
- A block preceded by the line `<!-- snippet: skip (reason) -->` is not compiled (a
  Package.swift excerpt, or code that needs a package the scratch package does not build);
  the reason is printed.

Usage: Documentation/check-snippets.py [--scratch DIR] [--list]
Standard library only; needs `swift` on the PATH.
"""

import argparse
import collections
import glob
import os
import re
import shutil
import subprocess
import sys
import time

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRELUDES = os.path.join(REPOSITORY, "Documentation", "snippet-preludes")
CHECKOUT_SOURCES = os.path.join(REPOSITORY, "Examples", "TestingWithLogbook", "Sources", "Checkout")
SKIP_MARKER = re.compile(r"^<!--\s*snippet:\s*skip\b\s*(.*?)\s*-->\s*$")
# Modules a block may import, and the product that provides each.
PRODUCTS = {
    "Logbook": ("root", "Logbook"),
    "LogbookTesting": ("root", "LogbookTesting"),
    "LogbookSwiftLog": ("root", "LogbookSwiftLog"),
    "LogbookTracing": ("root", "LogbookTracing"),
    "Logging": ("swift-log", "Logging"),
    "Checkout": ("target", "Checkout"),
}
# Modules of the toolchain: importable without a dependency.
TOOLCHAIN = {"Foundation", "Synchronization", "Dispatch", "Testing", "XCTest", "Glibc", "Darwin", "Musl"}
DECLARATION = re.compile(
    r"^(@\w+|import\s|(public|private|fileprivate|internal|package|final|open)\s|struct\s|class\s|enum\s|"
    r"actor\s|extension\s|protocol\s|func\s|typealias\s|let\s|var\s|\}|//|/\*|\*)")


class Block:
    def __init__(self, guide, line, code, skip_reason):
        self.guide = guide  # the guide's path relative to the repository
        self.line = line  # the line of the opening fence
        self.code = code
        self.skip_reason = skip_reason

    @property
    def imports(self):
        return [m.group(1) for m in re.finditer(r"^import\s+(\w+)\s*$", self.code, re.M)]

    @property
    def at_file_scope(self):
        for text in self.code.split("\n"):
            if not text.strip() or text[0] in " \t":
                continue
            if not DECLARATION.match(text):
                return False
            if re.match(r"^(let|var)\s", text) and re.search(r"\b(try|await)\b", text):
                return False
        return True


def guides():
    paths = sorted(glob.glob(os.path.join(REPOSITORY, "Documentation", "*.md")))
    paths.append(os.path.join(REPOSITORY, "README.md"))
    paths += sorted(glob.glob(os.path.join(REPOSITORY, "Sources", "Logbook", "Logbook.docc", "*.md")))
    return [os.path.relpath(path, REPOSITORY) for path in paths]


def blocks_of(guide):
    lines = open(os.path.join(REPOSITORY, guide), encoding="utf-8").read().split("\n")
    blocks = []
    index = 0
    while index < len(lines):
        fence = re.match(r"^(\s*)(```+)\s*(\S*)", lines[index])
        if not fence:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not lines[end].strip().startswith(fence.group(2)):
            end += 1
        if fence.group(3) == "swift":
            skip = SKIP_MARKER.match(lines[index - 1].strip()) if index > 0 else None
            indent = len(fence.group(1))
            code = "\n".join(text[indent:] for text in lines[index + 1:end])
            blocks.append(Block(guide, index + 1, code, skip.group(1).strip("() ") or "no reason given"
                                if skip else None))
        index = end + 1
    return blocks


def module_name(guide):
    base = os.path.splitext(os.path.basename(guide))[0]
    prefix = "DocC" if ".docc" in guide else "Guide"
    return f"Snippets_{prefix}{re.sub(r'[^A-Za-z0-9]', '', base)}"


def prelude_of(guide):
    base = os.path.splitext(os.path.basename(guide))[0]
    name = f"DocC{base}.swift" if ".docc" in guide else f"{base}.swift"
    path = os.path.join(PRELUDES, name)
    return path if os.path.exists(path) else None


def source_file(block, number, prelude_imports):
    imports = ["Logbook"] + prelude_imports + block.imports
    header = [f"// {block.guide}, the block at line {block.line}; generated by Documentation/check-snippets.py"]
    header += [f"import {name}" for name in dict.fromkeys(imports)]
    body = "\n".join("" if re.match(r"^import\s+\w+\s*$", text) else text for text in block.code.split("\n"))
    location = f'#sourceLocation(file: "{os.path.join(REPOSITORY, block.guide)}", line: {block.line + 1})'
    if block.at_file_scope:
        return "\n".join(header + [location, body, "#sourceLocation()", ""])
    return "\n".join(header + [f"func snippet{number}() async throws {{", location, body, "#sourceLocation()", "}", ""])


def write_package(scratch, modules):
    """Writes the scratch package: one target per guide; returns nothing."""
    root_name = os.path.basename(REPOSITORY)
    targets = []
    uses_checkout = any("Checkout" in deps for deps in modules.values())
    for name, deps in sorted(modules.items()):
        products = []
        for module in sorted(deps):
            package, product = PRODUCTS[module]
            if package == "root":
                products.append(f'.product(name: "{product}", package: "{root_name}")')
            elif package == "target":
                products.append(f'"{product}"')
            else:
                products.append(f'.product(name: "{product}", package: "{package}")')
        targets.append(f'        .target(name: "{name}", dependencies: [{", ".join(products)}], swiftSettings: settings),')
    if uses_checkout:
        targets.append(f'        .target(name: "Checkout", dependencies: [.product(name: "Logbook", package: "{root_name}")],'
                       ' swiftSettings: settings),')
    manifest = f'''// swift-tools-version: 6.1
// Generated by Documentation/check-snippets.py: the guides' code blocks, one module per guide.
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Snippets",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "{REPOSITORY}", traits: ["SwiftLogBridge", "DistributedTracing"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
{chr(10).join(targets)}
    ],
    swiftLanguageModes: [.v6]
)
'''
    with open(os.path.join(scratch, "Package.swift"), "w", encoding="utf-8") as handle:
        handle.write(manifest)
    if uses_checkout:
        directory = os.path.join(scratch, "Sources", "Checkout")
        os.makedirs(directory, exist_ok=True)
        for path in glob.glob(os.path.join(CHECKOUT_SOURCES, "*.swift")):
            shutil.copy(path, directory)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scratch", default=os.path.join(REPOSITORY, ".build", "snippets"),
                        help="where to write and build the scratch package (default .build/snippets)")
    parser.add_argument("--list", action="store_true", help="print each block's mode and stop")
    arguments = parser.parse_args()

    all_blocks = {guide: blocks_of(guide) for guide in guides()}
    if arguments.list:
        for guide, blocks in all_blocks.items():
            for block in blocks:
                mode = "skip" if block.skip_reason else ("file" if block.at_file_scope else "body")
                print(f"{guide}:{block.line}: {mode}")
        return 0

    scratch = arguments.scratch
    sources = os.path.join(scratch, "Sources")
    shutil.rmtree(sources, ignore_errors=True)
    modules = {}
    for guide, blocks in all_blocks.items():
        compiled = [block for block in blocks if not block.skip_reason]
        if not compiled:
            continue
        name = module_name(guide)
        directory = os.path.join(sources, name)
        os.makedirs(directory)
        prelude = prelude_of(guide)
        prelude_imports = []
        if prelude:
            text = open(prelude, encoding="utf-8").read()
            prelude_imports = re.findall(r"^import\s+(\w+)\s*$", text, re.M)
            shutil.copy(prelude, os.path.join(directory, "Prelude.swift"))
        deps = {"Logbook"}
        for number, block in enumerate(compiled, 1):
            for module in block.imports + prelude_imports:
                if module not in PRODUCTS and module not in TOOLCHAIN:
                    print(f"{guide}:{block.line}: imports {module}, which the scratch package cannot provide")
                    return 1
                if module in PRODUCTS:
                    deps.add(module)
            with open(os.path.join(directory, f"Block{number:02d}Line{block.line}.swift"), "w",
                      encoding="utf-8") as handle:
                handle.write(source_file(block, number, prelude_imports))
        modules[name] = deps
    write_package(scratch, modules)

    started = time.monotonic()
    build = subprocess.run(["swift", "build", "--package-path", scratch], capture_output=True, text=True)
    elapsed = time.monotonic() - started
    output = build.stdout + build.stderr
    lines = list(dict.fromkeys(output.split("\n")))  # each batch job repeats its file's diagnostics
    errors = [text for text in lines if ": error: " in text]
    warnings = [text for text in lines if ": warning: " in text and REPOSITORY in text]
    # Fragments are function bodies: values a reader would go on to use, and a `defer`
    # that `main` would run at exit, are unused where the block ends.
    expected = [text for text in warnings if re.search(r"was never used|is unused|'defer' statement at end", text)]
    warnings = [text for text in warnings if text not in expected]

    totals = collections.Counter()
    for guide, blocks in all_blocks.items():
        skipped = [block for block in blocks if block.skip_reason]
        compiled = len(blocks) - len(skipped)
        totals["compiled"] += compiled
        totals["skipped"] += len(skipped)
        print(f"{guide}: {compiled} compiled, {len(skipped)} skipped")
        for block in skipped:
            print(f"    line {block.line}: skipped: {block.skip_reason}")
    print(f"snippets: {totals['compiled']} blocks compiled, {totals['skipped']} skipped, in {len(modules)} modules;"
          f" scratch build {elapsed:.0f} s, {len(errors)} errors, {len(warnings)} warnings in the guides' code"
          f" (and {len(expected)} about values left unused where a fragment ends)")
    for text in warnings:
        print(f"  {text}")
    if build.returncode != 0:
        print("\n".join(errors) if errors else output)
        print("snippets: the build FAILED")
        return 1
    if warnings:
        print("snippets: FAILED: the guides' code has warnings")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
