// Imports for Documentation/Testing.md's snippets, which test the Checkout library of
// Examples/TestingWithLogbook. Compiled by Documentation/check-snippets.py.
import Logbook
import Checkout
import LogbookTesting
import Testing
