#!/usr/bin/env python3
"""Checks run by Documentation/build-docs.sh after DocC built the archive.

1. Curation: every symbol appears in a topic group written in the catalog. DocC marks the
   groups it makes up for uncurated symbols ("Instance Properties", "Initializers", ...)
   as generated; a symbol listed only in such groups is reported. Two kinds of generated
   groups are deliberate: DocC's per-protocol listings ("Equatable Implementations"),
   whose members are all curated in written groups as well, and the pages of standard
   library types that Logbook extends (`Swift/Int` and so on), where DocC lists the single
   `logValue` conformance itself.
2. Articles: every guide in Documentation/ has a DocC article of the same name, and the
   landing page lists it.
3. Coverage: every public symbol in the symbol graphs of Logbook, LogbookTesting,
   LogbookSwiftLog and LogbookTracing has a doc comment written in that module. The only exceptions are the
   `init(rawValue:)` initializers the compiler synthesizes for raw-value enums, whose
   documentation comes from the standard library.

Prints counts; exits 1 on any violation. Standard library only.
"""

import argparse
import glob
import json
import os
import sys

MODULES = ("Logbook", "LogbookTesting", "LogbookSwiftLog", "LogbookTracing")
# Pages of types Logbook extends but does not own: DocC curates their members itself.
EXTENDED_MODULE_PAGES = "/documentation/logbook/swift/"
SYNTHESIZED = {"init(rawValue:)"}


def check_curation(archive):
    written = set()
    generated = []  # (page URL, group title, identifiers)
    pages = 0
    root = os.path.join(archive, "data", "documentation")
    for directory, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".json"):
                continue
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                page = json.load(handle)
            pages += 1
            # doc://<bundle>/documentation/Logbook/... -> /documentation/Logbook/...
            url = "/documentation/" + page["identifier"]["url"].split("/documentation/", 1)[-1]
            for section in page.get("topicSections", []):
                if section.get("generated"):
                    generated.append((url, section.get("title"), section["identifiers"]))
                else:
                    written.update(section["identifiers"])
    violations = []
    repeated = extended = 0
    for url, title, identifiers in generated:
        if url.lower().startswith(EXTENDED_MODULE_PAGES):
            extended += len(identifiers)
            continue
        for identifier in identifiers:
            if identifier.endswith("-Implementations") or identifier in written:
                # DocC also lists a type's members by the protocol they implement
                # ("Equatable Implementations"); each of them is in a written group too.
                repeated += 1
            else:
                violations.append(f"{url}: in no written topic group; DocC put it under '{title}':"
                                  f" {identifier.rsplit('/', 1)[-1]}")
    print(f"curation: {pages} pages; {len(written)} symbols and articles in written topic groups;"
          f" {repeated} entries DocC repeats under protocol conformances, all in written groups too;"
          f" {extended} on the pages of extended standard library types, left to DocC;"
          f" {len(violations)} symbols in no written group")
    return violations


def check_articles(catalog, guides):
    violations = []
    landing = open(os.path.join(catalog, "Logbook.md"), encoding="utf-8").read()
    names = sorted(os.path.splitext(os.path.basename(path))[0] for path in glob.glob(os.path.join(guides, "*.md")))
    for name in names:
        if not os.path.exists(os.path.join(catalog, f"{name}.md")):
            violations.append(f"Documentation/{name}.md has no DocC article {name}.md")
        elif f"<doc:{name}>" not in landing:
            violations.append(f"the landing page does not list <doc:{name}>")
    print(f"articles: {len(names)} guides, {len(names) - len(violations)} with a DocC article on the landing page")
    return violations


def check_coverage(graph_directory):
    violations = []
    for module in MODULES:
        paths = [os.path.join(graph_directory, f"{module}.symbols.json")]
        paths += sorted(glob.glob(os.path.join(graph_directory, f"{module}@*.symbols.json")))
        if not os.path.exists(paths[0]):
            violations.append(f"{module}: no symbol graph in {graph_directory}")
            continue
        documented = synthesized = 0
        for path in paths:
            with open(path, encoding="utf-8") as handle:
                graph = json.load(handle)
            for symbol in graph["symbols"]:
                if symbol["kind"]["identifier"] == "swift.extension":
                    continue  # the extended type itself, declared elsewhere
                title = "/".join(symbol["pathComponents"])
                origin = symbol.get("docComment", {}).get("module")
                if origin == module:
                    documented += 1
                elif symbol["names"]["title"] in SYNTHESIZED and origin == "Swift":
                    synthesized += 1
                else:
                    where = symbol.get("location", {}).get("uri", "?").rsplit("/", 1)[-1]
                    violations.append(f"{module}: {title} ({where}) has no doc comment of its own"
                                      + (f" (it shows {origin}'s)" if origin else ""))
        print(f"coverage: {module}: {documented} public symbols documented"
              + (f", {synthesized} synthesized init(rawValue:) with the standard library's documentation"
                 if synthesized else ""))
    return violations


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", required=True)
    parser.add_argument("--symbol-graphs", required=True)
    arguments = parser.parse_args()
    repository = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    violations = check_curation(arguments.archive)
    violations += check_articles(os.path.join(repository, "Sources", "Logbook", "Logbook.docc"),
                                 os.path.join(repository, "Documentation"))
    violations += check_coverage(arguments.symbol_graphs)
    for text in violations:
        print(f"  {text}")
    print(f"documentation checks: {len(violations)} violations")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
